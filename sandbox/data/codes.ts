import type { CodeableConcept, Coding } from '@medplum/fhirtypes';

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const SNOMED = 'http://snomed.info/sct';
export const OBS_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
export const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const IDENTIFIER_TYPE = 'http://terminology.hl7.org/CodeSystem/v2-0203';

export type Category = 'vital-signs' | 'laboratory' | 'social-history';
const CATEGORY_DISPLAY: Record<Category, string> = {
  'vital-signs': 'Vital Signs',
  laboratory: 'Laboratory',
  'social-history': 'Social History',
};
export const category = (code: Category): CodeableConcept[] => [
  { coding: [{ system: OBS_CATEGORY, code, display: CATEGORY_DISPLAY[code] }], text: CATEGORY_DISPLAY[code] },
];

export const loinc = (code: string, display: string, ...extra: Coding[]): CodeableConcept => ({
  coding: [{ system: LOINC, code, display }, ...extra],
  text: display,
});

export interface UnitDef {
  unit: string;
  code: string;
}
export const UNITS = {
  mmHg: { unit: 'mm[Hg]', code: 'mm[Hg]' },
  perMin: { unit: '/min', code: '/min' },
  cel: { unit: 'Cel', code: 'Cel' },
  degF: { unit: '[degF]', code: '[degF]' },
  percent: { unit: '%', code: '%' },
  kg: { unit: 'kg', code: 'kg' },
  lb: { unit: '[lb_av]', code: '[lb_av]' },
  cm: { unit: 'cm', code: 'cm' },
  bmi: { unit: 'kg/m2', code: 'kg/m2' },
  mgdl: { unit: 'mg/dL', code: 'mg/dL' },
  mmoll: { unit: 'mmol/L', code: 'mmol/L' },
  gdl: { unit: 'g/dL', code: 'g/dL' },
} satisfies Record<string, UnitDef>;

export const VITALS = {
  bp: loinc('85354-9', 'Blood pressure panel with all children optional'),
  systolic: loinc('8480-6', 'Systolic blood pressure'),
  diastolic: loinc('8462-4', 'Diastolic blood pressure'),
  heartRate: loinc('8867-4', 'Heart rate'),
  respRate: loinc('9279-1', 'Respiratory rate'),
  temperature: loinc('8310-5', 'Body temperature'),
  spo2: loinc('59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry', {
    system: LOINC,
    code: '2708-6',
    display: 'Oxygen saturation in Arterial blood',
  }),
  weight: loinc('29463-7', 'Body weight'),
  height: loinc('8302-2', 'Body height'),
  bmi: loinc('39156-5', 'Body mass index (BMI) [Ratio]'),
};

/** A lab test as EHRs send it: LOINC's long name as the coding's display, the short name clinicians read as `text`. */
const labCode = (code: string, display: string, text: string): CodeableConcept => ({ coding: [{ system: LOINC, code, display }], text });

export const SMOKING_STATUS = loinc('72166-2', 'Tobacco smoking status');
export const SMOKING_ANSWERS: Coding[] = [
  { system: SNOMED, code: '266919005', display: 'Never smoked tobacco' },
  { system: SNOMED, code: '8517006', display: 'Ex-smoker' },
  { system: SNOMED, code: '449868002', display: 'Smokes tobacco daily' },
  { system: SNOMED, code: '428041000124106', display: 'Occasional tobacco smoker' },
];

export type LabKey = 'chol' | 'hdl' | 'ldl' | 'a1c' | 'glucose' | 'creatinine' | 'potassium' | 'hemoglobin';
export interface LabDef {
  key: LabKey;
  code: CodeableConcept;
  unit: UnitDef;
  low: number;
  high: number;
  /** Values beyond these are critical (LL/HH). */
  criticalLow?: number;
  criticalHigh?: number;
  decimals: number;
  /** Population mean and sd for a patient without the related condition. */
  mean: number;
  sd: number;
}

export const LABS: LabDef[] = [
  { key: 'chol', code: labCode('2093-3', 'Cholesterol [Mass/volume] in Serum or Plasma', 'Total cholesterol'), unit: UNITS.mgdl, low: 100, high: 200, decimals: 0, mean: 185, sd: 25 },
  { key: 'hdl', code: labCode('2085-9', 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', 'HDL cholesterol'), unit: UNITS.mgdl, low: 40, high: 90, decimals: 0, mean: 52, sd: 10 },
  { key: 'ldl', code: labCode('18262-6', 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay', 'LDL cholesterol'), unit: UNITS.mgdl, low: 50, high: 130, decimals: 0, mean: 110, sd: 22 },
  { key: 'a1c', code: labCode('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', 'HbA1c'), unit: UNITS.percent, low: 4, high: 5.6, decimals: 1, mean: 5.3, sd: 0.3 },
  { key: 'glucose', code: labCode('2345-7', 'Glucose [Mass/volume] in Serum or Plasma', 'Glucose'), unit: UNITS.mgdl, low: 70, high: 99, criticalLow: 40, criticalHigh: 400, decimals: 0, mean: 90, sd: 9 },
  { key: 'creatinine', code: labCode('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma', 'Creatinine'), unit: UNITS.mgdl, low: 0.6, high: 1.3, criticalHigh: 4, decimals: 2, mean: 0.95, sd: 0.15 },
  { key: 'potassium', code: labCode('2823-3', 'Potassium [Moles/volume] in Serum or Plasma', 'Potassium'), unit: UNITS.mmoll, low: 3.5, high: 5.1, criticalLow: 2.8, criticalHigh: 6.2, decimals: 1, mean: 4.2, sd: 0.3 },
  { key: 'hemoglobin', code: labCode('718-7', 'Hemoglobin [Mass/volume] in Blood', 'Hemoglobin'), unit: UNITS.gdl, low: 12, high: 17.5, criticalLow: 7, decimals: 1, mean: 14, sd: 1 },
];

export type InterpretationCode = 'LL' | 'L' | 'N' | 'H' | 'HH';
const INTERPRETATION_DISPLAY: Record<InterpretationCode, string> = {
  LL: 'Critical low',
  L: 'Low',
  N: 'Normal',
  H: 'High',
  HH: 'Critical high',
};

export function interpret(value: number, lab: LabDef): InterpretationCode {
  if (lab.criticalLow !== undefined && value < lab.criticalLow) return 'LL';
  if (value < lab.low) return 'L';
  if (lab.criticalHigh !== undefined && value > lab.criticalHigh) return 'HH';
  if (value > lab.high) return 'H';
  return 'N';
}

export const interpretationConcept = (code: InterpretationCode): CodeableConcept[] => [
  { coding: [{ system: INTERPRETATION, code, display: INTERPRETATION_DISPLAY[code] }], text: INTERPRETATION_DISPLAY[code] },
];

export const ENCOUNTER_CLASSES = {
  AMB: { system: ACT_CODE, code: 'AMB', display: 'ambulatory' },
  EMER: { system: ACT_CODE, code: 'EMER', display: 'emergency' },
  IMP: { system: ACT_CODE, code: 'IMP', display: 'inpatient encounter' },
} satisfies Record<string, Coding>;
export type EncounterClass = keyof typeof ENCOUNTER_CLASSES;

export const ENCOUNTER_TYPES: Record<EncounterClass, CodeableConcept> = {
  AMB: { coding: [{ system: SNOMED, code: '185349003', display: 'Encounter for check up' }], text: 'Office visit' },
  EMER: { coding: [{ system: SNOMED, code: '50849002', display: 'Emergency room admission' }], text: 'Emergency department visit' },
  IMP: { coding: [{ system: SNOMED, code: '32485007', display: 'Hospital admission' }], text: 'Hospital admission' },
};
