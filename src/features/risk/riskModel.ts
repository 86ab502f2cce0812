// Pure: chart inputs + the clinician's answers (+ what-if changes) → the values each score uses → the scores.
import { FRAMINGHAM_AGE, framinghamGeneralCvd10y } from './framingham';
import { CHOICES, INPUT_KEYS, INPUTS, type ChartInputs, type InputKey, type InputValues } from './inputs';
import { PCE_RANGES, pooledCohortAscvd10y } from './pooledCohort';
import { outsideRange, type RiskInput, type RiskResult } from './types';

export type Values = Partial<InputValues>;
/** What the clinician typed or chose, per input, as form strings (never saved anywhere). */
export type Draft = Partial<Record<InputKey, string>>;

export type ScoreKey = 'framingham' | 'pce';

export const SCORES: Record<ScoreKey, { title: string; short: string; outcome: string; needs: readonly InputKey[] }> = {
  framingham: {
    title: 'Framingham general CVD',
    short: 'Framingham',
    outcome: '10-year risk of a first cardiovascular event: coronary heart disease, stroke, peripheral artery disease or heart failure (D’Agostino 2008).',
    needs: INPUT_KEYS.filter((k) => k !== 'race'),
  },
  pce: {
    title: 'Pooled Cohort Equations (ASCVD)',
    short: 'Pooled Cohort',
    outcome: '10-year risk of a first hard atherosclerotic event: heart attack, coronary death or stroke (ACC/AHA 2013).',
    needs: INPUT_KEYS,
  },
};

export type Score = RiskResult | { kind: 'incomplete'; missing: InputKey[] };

export function score(which: ScoreKey, values: Values, deceased = false): Score {
  if (deceased) return { kind: 'not-applicable', reason: 'The patient is recorded as deceased.' };
  // A known value outside the population settles it: no answer to the missing questions could make it apply.
  const outside = knownOutsideRange(which, values);
  if (outside) return { kind: 'not-applicable', reason: outside };
  const missing = SCORES[which].needs.filter((k) => values[k] === undefined);
  if (missing.length) return { kind: 'incomplete', missing };
  const input: RiskInput = {
    ageYears: values.age!,
    sex: values.sex!,
    race: values.race,
    totalCholesterolMgDl: values.totalCholesterol!,
    hdlMgDl: values.hdl!,
    systolicMmHg: values.systolic!,
    onHypertensionTreatment: values.bpTreatment!,
    smoker: values.smoker!,
    diabetic: values.diabetic!,
  };
  return which === 'framingham' ? framinghamGeneralCvd10y(input) : pooledCohortAscvd10y(input);
}

/** Why a score cannot apply, from the inputs known so far (the same ranges the equations check). */
function knownOutsideRange(which: ScoreKey, values: Values): string | undefined {
  if (which === 'framingham') {
    const age = values.age === undefined ? undefined : outsideRange('Age', values.age, FRAMINGHAM_AGE.low, FRAMINGHAM_AGE.high, 'years');
    return age && `${age}: the Framingham equation was derived in people aged ${FRAMINGHAM_AGE.low}–${FRAMINGHAM_AGE.high}.`;
  }
  const known: [keyof typeof PCE_RANGES, number | undefined][] = [
    ['age', values.age],
    ['totalCholesterol', values.totalCholesterol],
    ['hdl', values.hdl],
    ['systolic', values.systolic],
  ];
  const outside = known
    .filter((entry): entry is [keyof typeof PCE_RANGES, number] => entry[1] !== undefined)
    .map(([key, value]) => outsideRange(PCE_RANGES[key].label, value, PCE_RANGES[key].low, PCE_RANGES[key].high, PCE_RANGES[key].unit))
    .filter((reason): reason is string => reason !== undefined);
  return outside.length ? `${outside.join('; ')}: outside the ranges the Pooled Cohort Equations were validated for.` : undefined;
}

/** `0.1234` → `12.3%`. */
export function formatRisk(risk: number): string {
  if (risk < 0.0005) return '< 0.1%';
  return `${(risk * 100).toFixed(1)}%`;
}

/** A form string → the input's value, or why it cannot be used. Empty is "not answered". */
export function parseDraft<K extends InputKey>(key: K, text: string | undefined): { value?: InputValues[K]; error?: string } {
  const raw = text?.trim() ?? '';
  if (raw === '') return {};
  const meta = INPUTS[key];
  if (meta.kind === 'number') {
    const n = Number(raw.replace(',', '.'));
    const { min, max } = meta.plausible!;
    if (!Number.isFinite(n)) return { error: 'Enter a number.' };
    if (n < min || n > max) return { error: `Enter a value between ${min} and ${max} ${meta.unit}.` };
    return { value: (key === 'age' ? Math.floor(n) : n) as InputValues[K] };
  }
  const options = CHOICES[key as keyof typeof CHOICES] as readonly { value: unknown; label: string }[];
  const option = options.find((o) => String(o.value) === raw);
  return option ? { value: option.value as InputValues[K] } : { error: 'Choose one of the options.' };
}

/** A value as a form string (the inverse of parseDraft). */
export const toDraft = (value: unknown): string => (value === undefined ? '' : String(value));

/** The label of a value for display: "213 mg/dL", "Yes", "Black or African American". */
export function formatValue<K extends InputKey>(key: K, value: InputValues[K] | undefined): string {
  if (value === undefined) return 'Not answered';
  const meta = INPUTS[key];
  if (meta.kind === 'number') return `${value} ${meta.unit}`;
  const options = CHOICES[key as keyof typeof CHOICES] as readonly { value: unknown; label: string }[];
  return options.find((o) => o.value === value)?.label ?? String(value);
}

/** The chart's values where it has them, the clinician's answers elsewhere. */
export function currentValues(chart: ChartInputs, answers: Draft): Values {
  const values: Values = {};
  for (const key of INPUT_KEYS) {
    const input = chart[key];
    const value = input.status === 'found' ? input.found.value : parseDraft(key, answers[key]).value;
    if (value !== undefined) (values as Record<InputKey, unknown>)[key] = value;
  }
  return values;
}

/** The current values with the what-if changes applied (an emptied what-if field makes that input missing). */
export function hypotheticalValues(current: Values, changes: Draft): Values {
  const values: Values = { ...current };
  for (const key of INPUT_KEYS) {
    if (changes[key] === undefined) continue;
    const { value } = parseDraft(key, changes[key]);
    if (value === undefined) delete values[key];
    else (values as Record<InputKey, unknown>)[key] = value;
  }
  return values;
}

/** Inputs the chart gave that are stale, as "Total cholesterol (3 Mar 2024)". */
export function staleInputs(chart: ChartInputs, keys: readonly InputKey[] = INPUT_KEYS): string[] {
  return keys.flatMap((key) => {
    const input = chart[key];
    return input.status === 'found' && input.found.stale ? [`${INPUTS[key].label} (${input.found.when})`] : [];
  });
}

/** Inputs the clinician answered (not from the chart). */
export const answeredInputs = (chart: ChartInputs, keys: readonly InputKey[] = INPUT_KEYS): InputKey[] =>
  keys.filter((key) => chart[key].status !== 'found');

/** Labels of inputs as a phrase: "Race, diabetes and HDL cholesterol" (or "race, diabetes …" mid-sentence). */
export function listLabels(keys: readonly InputKey[], start: 'upper' | 'lower' = 'upper'): string {
  const lower = (label: string) => label.replace(/^[A-Z](?![A-Z])/, (c) => c.toLowerCase());
  const labels = keys.map((k, i) => (i === 0 && start === 'upper' ? INPUTS[k].label : lower(INPUTS[k].label)));
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}
