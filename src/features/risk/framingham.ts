// Framingham general cardiovascular disease 10-year risk, the lipid model:
//   D'Agostino RB Sr, Vasan RS, Pencina MJ, Wolf PA, Cobain M, Massaro JM, Kannel WB. General cardiovascular risk
//   profile for use in primary care: the Framingham Heart Study. Circulation. 2008;117(6):743-753.
//   doi:10.1161/CIRCULATIONAHA.107.699579
// Coefficients, means of the sum and 10-year baseline survival: Table 2 ("regression coefficients and hazard
// ratios", the model with total and HDL cholesterol). Risk = 1 − S0(10) ^ exp(Σβx − Σβx̄).
// The outcome is general CVD (coronary, cerebrovascular, peripheral artery disease, heart failure), derived in
// 8,491 Framingham participants aged 30–74 without CVD at baseline.
import { notApplicable, outsideRange, type RiskInput, type RiskResult } from './types';

interface Coefficients {
  lnAge: number;
  lnTotalCholesterol: number;
  lnHdl: number;
  lnSbpUntreated: number;
  lnSbpTreated: number;
  smoker: number;
  diabetic: number;
  /** Σβx̄: the sum at the cohort's mean values. */
  meanSum: number;
  baselineSurvival10y: number;
}

/** D'Agostino 2008, Table 2. */
const COEFFICIENTS: Record<RiskInput['sex'], Coefficients> = {
  female: {
    lnAge: 2.32888,
    lnTotalCholesterol: 1.20904,
    lnHdl: -0.70833,
    lnSbpUntreated: 2.76157,
    lnSbpTreated: 2.82263,
    smoker: 0.52873,
    diabetic: 0.69154,
    meanSum: 26.1931,
    baselineSurvival10y: 0.95012,
  },
  male: {
    lnAge: 3.06117,
    lnTotalCholesterol: 1.1237,
    lnHdl: -0.93263,
    lnSbpUntreated: 1.93303,
    lnSbpTreated: 1.99881,
    smoker: 0.65451,
    diabetic: 0.57367,
    meanSum: 23.9802,
    baselineSurvival10y: 0.88936,
  },
};

/** The ages the equation was derived in. */
export const FRAMINGHAM_AGE = { low: 30, high: 74 } as const;

export function framinghamGeneralCvd10y(input: RiskInput): RiskResult {
  const age = outsideRange('Age', input.ageYears, FRAMINGHAM_AGE.low, FRAMINGHAM_AGE.high, 'years');
  if (age) return notApplicable(`${age}: the Framingham equation was derived in people aged ${FRAMINGHAM_AGE.low}–${FRAMINGHAM_AGE.high}.`);
  for (const [label, value] of [
    ['Total cholesterol', input.totalCholesterolMgDl],
    ['HDL cholesterol', input.hdlMgDl],
    ['Systolic blood pressure', input.systolicMmHg],
  ] as const) {
    if (!Number.isFinite(value) || value <= 0) return notApplicable(`${label} must be a positive number.`);
  }
  const c = COEFFICIENTS[input.sex];
  const sum =
    c.lnAge * Math.log(input.ageYears) +
    c.lnTotalCholesterol * Math.log(input.totalCholesterolMgDl) +
    c.lnHdl * Math.log(input.hdlMgDl) +
    (input.onHypertensionTreatment ? c.lnSbpTreated : c.lnSbpUntreated) * Math.log(input.systolicMmHg) +
    (input.smoker ? c.smoker : 0) +
    (input.diabetic ? c.diabetic : 0);
  return { kind: 'risk', tenYearRisk: 1 - c.baselineSurvival10y ** Math.exp(sum - c.meanSum) };
}
