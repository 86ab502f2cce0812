// The nine inputs of the risk view: what each is called, its unit, and the shape of a value read from the chart.
import type { RiskInput } from './types';

export type Race = NonNullable<RiskInput['race']>;
export type Sex = RiskInput['sex'];

/** Every input, by key, with the type of its value. */
export interface InputValues {
  age: number;
  sex: Sex;
  race: Race;
  totalCholesterol: number;
  hdl: number;
  systolic: number;
  smoker: boolean;
  diabetic: boolean;
  bpTreatment: boolean;
}
export type InputKey = keyof InputValues;

/** Display order. */
export const INPUT_KEYS: readonly InputKey[] = ['age', 'sex', 'race', 'totalCholesterol', 'hdl', 'systolic', 'smoker', 'diabetic', 'bpTreatment'];

export interface InputMeta {
  label: string;
  /** Unit of numeric inputs (mg/dL for cholesterol whatever the chart recorded). */
  unit?: string;
  kind: 'number' | 'choice';
  /** For numbers: what a person can plausibly have (answers outside are refused as typos, not as out of range). */
  plausible?: { min: number; max: number };
}

export const INPUTS: Record<InputKey, InputMeta> = {
  age: { label: 'Age', unit: 'years', kind: 'number', plausible: { min: 1, max: 120 } },
  sex: { label: 'Sex', kind: 'choice' },
  race: { label: 'Race', kind: 'choice' },
  totalCholesterol: { label: 'Total cholesterol', unit: 'mg/dL', kind: 'number', plausible: { min: 40, max: 1000 } },
  hdl: { label: 'HDL cholesterol', unit: 'mg/dL', kind: 'number', plausible: { min: 5, max: 200 } },
  systolic: { label: 'Systolic blood pressure', unit: 'mmHg', kind: 'number', plausible: { min: 50, max: 300 } },
  smoker: { label: 'Smoking', kind: 'choice' },
  diabetic: { label: 'Diabetes', kind: 'choice' },
  bpTreatment: { label: 'Treated for high blood pressure', kind: 'choice' },
};

/** Choice inputs: value ↔ label. */
export const CHOICES = {
  sex: [
    { value: 'female', label: 'Female' },
    { value: 'male', label: 'Male' },
  ],
  race: [
    { value: 'african-american', label: 'Black or African American' },
    { value: 'white-or-other', label: 'White or other' },
  ],
  smoker: [
    { value: true, label: 'Current smoker' },
    { value: false, label: 'Not a current smoker' },
  ],
  diabetic: [
    { value: true, label: 'Yes' },
    { value: false, label: 'No' },
  ],
  bpTreatment: [
    { value: true, label: 'Yes' },
    { value: false, label: 'No' },
  ],
} as const satisfies Partial<Record<InputKey, readonly { value: unknown; label: string }[]>>;

/** A value read from the chart, with what the clinician needs to judge it. */
export interface ChartValue<T> {
  value: T;
  /** The value as shown, with its unit: "213 mg/dL", "Current smoker", "Yes". */
  display: string;
  /** What the record said when it was converted ("5.5 mmol/L"). */
  recorded?: string;
  /** When: a formatted date, "Born 15 Mar 1968", or "Whole record". */
  when: string;
  /** Where: "Lab result (LOINC 2093-3)", "Condition: Type 2 diabetes mellitus". */
  source: string;
  /** Older than STALE_AFTER_MONTHS. */
  stale: boolean;
}

/** What the chart says about one input. */
export type ChartInput<K extends InputKey> =
  | { status: 'loading' }
  | { status: 'found'; found: ChartValue<InputValues[K]>; notes: string[] }
  /** Not in the chart, not readable, or not available to this sign-in: the clinician answers. */
  | { status: 'missing'; reason: string; notes: string[] }
  | { status: 'error'; reason: string; retry: () => void };

export type ChartInputs = { [K in InputKey]: ChartInput<K> };
