// The ACC/AHA 2013 Pooled Cohort Equations: 10-year risk of a first hard ASCVD event (non-fatal myocardial
// infarction, coronary heart disease death, fatal or non-fatal stroke):
//   Goff DC Jr, Lloyd-Jones DM, Bennett G, et al. 2013 ACC/AHA guideline on the assessment of cardiovascular risk.
//   Circulation. 2014;129(25 Suppl 2):S49-S73. doi:10.1161/01.cir.0000437741.48606.98
// Coefficients, mean of the sum and 10-year baseline survival per race-sex group: the guideline's Table A
// ("Equation parameters of the Pooled Cohort Equations for estimation of 10-year risk of hard ASCVD"), which
// also gives a worked example per group. Risk = 1 − S10 ^ exp(Σβx − mean).
// The equations were derived in African-American and non-Hispanic White cohorts (ARIC, CHS, CARDIA, Framingham);
// for other groups the guideline suggests the White equations, which may over- or underestimate their risk.
import { notApplicable, outsideRange, type RiskInput, type RiskResult } from './types';

interface Coefficients {
  lnAge: number;
  lnAgeSquared: number;
  lnTotalCholesterol: number;
  lnAgeLnTotalCholesterol: number;
  lnHdl: number;
  lnAgeLnHdl: number;
  lnTreatedSbp: number;
  lnAgeLnTreatedSbp: number;
  lnUntreatedSbp: number;
  lnAgeLnUntreatedSbp: number;
  smoker: number;
  lnAgeSmoker: number;
  diabetic: number;
  meanSum: number;
  baselineSurvival10y: number;
}

type Group = `${NonNullable<RiskInput['race']>}-${RiskInput['sex']}`;

/** Goff 2013, Table A. Terms a group does not have are 0 ("N/A" in the table). */
const COEFFICIENTS: Record<Group, Coefficients> = {
  'white-or-other-female': {
    lnAge: -29.799,
    lnAgeSquared: 4.884,
    lnTotalCholesterol: 13.54,
    lnAgeLnTotalCholesterol: -3.114,
    lnHdl: -13.578,
    lnAgeLnHdl: 3.149,
    lnTreatedSbp: 2.019,
    lnAgeLnTreatedSbp: 0,
    lnUntreatedSbp: 1.957,
    lnAgeLnUntreatedSbp: 0,
    smoker: 7.574,
    lnAgeSmoker: -1.665,
    diabetic: 0.661,
    meanSum: -29.18,
    baselineSurvival10y: 0.9665,
  },
  'african-american-female': {
    lnAge: 17.114,
    lnAgeSquared: 0,
    lnTotalCholesterol: 0.94,
    lnAgeLnTotalCholesterol: 0,
    lnHdl: -18.92,
    lnAgeLnHdl: 4.475,
    lnTreatedSbp: 29.291,
    lnAgeLnTreatedSbp: -6.432,
    lnUntreatedSbp: 27.82,
    lnAgeLnUntreatedSbp: -6.087,
    smoker: 0.691,
    lnAgeSmoker: 0,
    diabetic: 0.874,
    meanSum: 86.61,
    baselineSurvival10y: 0.9533,
  },
  'white-or-other-male': {
    lnAge: 12.344,
    lnAgeSquared: 0,
    lnTotalCholesterol: 11.853,
    lnAgeLnTotalCholesterol: -2.664,
    lnHdl: -7.99,
    lnAgeLnHdl: 1.769,
    lnTreatedSbp: 1.797,
    lnAgeLnTreatedSbp: 0,
    lnUntreatedSbp: 1.764,
    lnAgeLnUntreatedSbp: 0,
    smoker: 7.837,
    lnAgeSmoker: -1.795,
    diabetic: 0.658,
    meanSum: 61.18,
    baselineSurvival10y: 0.9144,
  },
  'african-american-male': {
    lnAge: 2.469,
    lnAgeSquared: 0,
    lnTotalCholesterol: 0.302,
    lnAgeLnTotalCholesterol: 0,
    lnHdl: -0.307,
    lnAgeLnHdl: 0,
    lnTreatedSbp: 1.916,
    lnAgeLnTreatedSbp: 0,
    lnUntreatedSbp: 1.809,
    lnAgeLnUntreatedSbp: 0,
    smoker: 0.549,
    lnAgeSmoker: 0,
    diabetic: 0.645,
    meanSum: 19.54,
    baselineSurvival10y: 0.8954,
  },
};

/** The ranges the guideline gives for the equations' use. */
export const PCE_RANGES = {
  age: { low: 40, high: 79, unit: 'years', label: 'Age' },
  totalCholesterol: { low: 130, high: 320, unit: 'mg/dL', label: 'Total cholesterol' },
  hdl: { low: 20, high: 100, unit: 'mg/dL', label: 'HDL cholesterol' },
  systolic: { low: 90, high: 200, unit: 'mmHg', label: 'Systolic blood pressure' },
} as const;

export function pooledCohortAscvd10y(input: RiskInput): RiskResult {
  if (!input.race) return notApplicable('Race is needed: the Pooled Cohort Equations differ for African-American and White (or other) patients.');
  const checks: [keyof typeof PCE_RANGES, number][] = [
    ['age', input.ageYears],
    ['totalCholesterol', input.totalCholesterolMgDl],
    ['hdl', input.hdlMgDl],
    ['systolic', input.systolicMmHg],
  ];
  const outside = checks
    .map(([key, value]) => {
      const r = PCE_RANGES[key];
      return outsideRange(r.label, value, r.low, r.high, r.unit);
    })
    .filter((reason): reason is string => reason !== undefined);
  if (outside.length) return notApplicable(`${outside.join('; ')}: outside the ranges the Pooled Cohort Equations were validated for.`);

  const c = COEFFICIENTS[`${input.race}-${input.sex}`];
  const lnAge = Math.log(input.ageYears);
  const lnTc = Math.log(input.totalCholesterolMgDl);
  const lnHdl = Math.log(input.hdlMgDl);
  const lnSbp = Math.log(input.systolicMmHg);
  const treated = input.onHypertensionTreatment;
  const smoker = input.smoker ? 1 : 0;
  const sum =
    c.lnAge * lnAge +
    c.lnAgeSquared * lnAge * lnAge +
    c.lnTotalCholesterol * lnTc +
    c.lnAgeLnTotalCholesterol * lnAge * lnTc +
    c.lnHdl * lnHdl +
    c.lnAgeLnHdl * lnAge * lnHdl +
    (treated ? c.lnTreatedSbp * lnSbp + c.lnAgeLnTreatedSbp * lnAge * lnSbp : c.lnUntreatedSbp * lnSbp + c.lnAgeLnUntreatedSbp * lnAge * lnSbp) +
    c.smoker * smoker +
    c.lnAgeSmoker * lnAge * smoker +
    (input.diabetic ? c.diabetic : 0);
  return { kind: 'risk', tenYearRisk: 1 - c.baselineSurvival10y ** Math.exp(sum - c.meanSum) };
}
