// The inputs and the result of the 10-year risk equations (framingham.ts, pooledCohort.ts).

export type RiskInput = {
  ageYears: number;
  sex: 'female' | 'male';
  race?: 'african-american' | 'white-or-other';
  totalCholesterolMgDl: number;
  hdlMgDl: number;
  systolicMmHg: number;
  onHypertensionTreatment: boolean;
  smoker: boolean;
  diabetic: boolean;
};

export type RiskResult = { kind: 'risk'; tenYearRisk: number /* 0..1 */ } | { kind: 'not-applicable'; reason: string };

export const notApplicable = (reason: string): RiskResult => ({ kind: 'not-applicable', reason });

/** A value outside [low, high] as a reason ("Age 82 is outside 40–79 years"), or undefined when inside. */
export function outsideRange(label: string, value: number, low: number, high: number, unit: string): string | undefined {
  if (!Number.isFinite(value)) return `${label} is not a number`;
  return value < low || value > high ? `${label} ${value} ${unit} is outside ${low}–${high} ${unit}` : undefined;
}
