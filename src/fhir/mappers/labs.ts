// Laboratory results: grouped by test (LOINC code first), newest first, flagged from `interpretation` or, when
// that is absent, from the reference range (which can say high/low but never critical).
import type { CodeableConcept, Observation, ObservationReferenceRange, Quantity } from 'fhir/r4';
import { longConceptText, shortConceptText } from './codeableConcept';
import { formatQuantity, noteText, observationDate, observationValue } from './observation';
import { ucumCodeOf } from './units';
import { trendOf, type Trend } from './vitals';

export const LOINC_SYSTEM = 'http://loinc.org';

/** HH/LL critical, H/L out of range, A/AA abnormal (no direction), N normal. */
export type LabFlag = 'HH' | 'H' | 'N' | 'L' | 'LL' | 'A' | 'AA';

export const FLAG_LABELS: Record<LabFlag, string> = {
  HH: 'Critical high',
  H: 'High',
  N: 'Normal',
  L: 'Low',
  LL: 'Critical low',
  A: 'Abnormal',
  AA: 'Critical abnormal',
};

const INTERPRETATION_SYSTEMS = new Set([
  'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  'http://hl7.org/fhir/v2/0078',
  'http://terminology.hl7.org/CodeSystem/v2-0078',
]);

const INTERPRETATION_CODES: Record<string, LabFlag> = {
  HH: 'HH', LL: 'LL', H: 'H', L: 'L', N: 'N', A: 'A', AA: 'AA',
  HU: 'H', LU: 'L', '>': 'H', '<': 'L', POS: 'A', DET: 'A', NEG: 'N', ND: 'N',
};

/** The flag a lab's `interpretation` states, if it uses a known code. */
export function flagFromInterpretation(interpretation: CodeableConcept[] | undefined): LabFlag | undefined {
  for (const concept of interpretation ?? []) {
    for (const coding of concept.coding ?? []) {
      if (coding.system && !INTERPRETATION_SYSTEMS.has(coding.system)) continue;
      const flag = coding.code ? INTERPRETATION_CODES[coding.code] : undefined;
      if (flag) return flag;
    }
  }
  return undefined;
}

/** The range to compare against: the first without a `type`, or typed "normal". */
export function normalRange(ranges: ObservationReferenceRange[] | undefined): ObservationReferenceRange | undefined {
  return ranges?.find((r) => !r.type || r.type.coding?.some((c) => c.code === 'normal'));
}

const sameUnit = (value: Quantity, bound: Quantity | undefined) => {
  if (!bound) return true;
  const a = ucumCodeOf(value);
  const b = ucumCodeOf(bound);
  return a === undefined || b === undefined || a === b;
};

/** H or L (or N) from a reference range; undefined when it cannot be told (no number, comparator, other unit). */
export function flagFromRange(value: Quantity | undefined, range: ObservationReferenceRange | undefined): 'H' | 'L' | 'N' | undefined {
  const v = value?.value;
  if (!value || v === undefined || value.comparator || !range) return undefined;
  const low = range.low?.value;
  const high = range.high?.value;
  if (low === undefined && high === undefined) return undefined;
  if (!sameUnit(value, range.low) || !sameUnit(value, range.high)) return undefined;
  if (high !== undefined && v > high) return 'H';
  if (low !== undefined && v < low) return 'L';
  return 'N';
}

export function formatReferenceRange(range: ObservationReferenceRange | undefined): string | undefined {
  if (!range) return undefined;
  if (range.text?.trim()) return range.text.trim();
  const low = range.low?.value;
  const high = range.high?.value;
  const unit = range.high?.unit ?? range.low?.unit ?? range.high?.code ?? range.low?.code;
  const u = unit ? ` ${unit}` : '';
  if (low !== undefined && high !== undefined) return `${low}–${high}${u}`;
  if (low !== undefined) return `≥ ${low}${u}`;
  if (high !== undefined) return `≤ ${high}${u}`;
  return undefined;
}

export interface LabResultRow {
  id: string;
  /** The short name a clinician reads (see shortConceptText). */
  name: string;
  /** The full (LOINC) name, when it differs from `name`. */
  fullName?: string;
  date?: string;
  /** Epoch ms; NaN when the date is missing or unreadable. */
  t: number;
  /** The value as text, with its unit and comparator. */
  value: string;
  /** A plottable number (absent for text results and values with a comparator). */
  numeric?: number;
  unit?: string;
  referenceRange?: string;
  low?: number;
  high?: number;
  flag?: LabFlag;
  /** Where the flag came from: the lab said so, or the app compared with the reference range. */
  flagSource?: 'interpretation' | 'reference-range';
  status: Observation['status'];
  encounterId?: string;
  /** `Observation.note`, as text. */
  note?: string;
}

export function toLabResultRow(observation: Observation): LabResultRow {
  const q = observation.valueQuantity;
  const range = normalRange(observation.referenceRange);
  const stated = flagFromInterpretation(observation.interpretation);
  const computed = stated ? undefined : flagFromRange(q, range);
  const date = observationDate(observation);
  const encounterRef = observation.encounter?.reference;
  const name = shortConceptText(observation.code) ?? 'Unnamed test';
  const fullName = longConceptText(observation.code);
  return {
    id: observation.id ?? '',
    name,
    ...(fullName && fullName !== name ? { fullName } : {}),
    date,
    t: date ? Date.parse(date) : NaN,
    value: formatQuantity(q) ?? observationValue(observation),
    numeric: q?.value !== undefined && !q.comparator && Number.isFinite(q.value) ? q.value : undefined,
    unit: q?.unit ?? q?.code,
    referenceRange: formatReferenceRange(range),
    low: range?.low?.value,
    high: range?.high?.value,
    flag: stated ?? computed,
    flagSource: stated ? 'interpretation' : computed ? 'reference-range' : undefined,
    status: observation.status,
    encounterId: encounterRef?.startsWith('Encounter/') ? encounterRef.slice('Encounter/'.length) : undefined,
    note: noteText(observation),
  };
}

/** The grouping key of a test: its LOINC code, else its first coded code, else its text. */
export function labKey(code: CodeableConcept | undefined): string {
  const codings = code?.coding ?? [];
  const loinc = codings.find((c) => c.system === LOINC_SYSTEM && c.code);
  if (loinc) return `loinc|${loinc.code}`;
  const coded = codings.find((c) => c.code);
  if (coded) return `${coded.system ?? ''}|${coded.code}`;
  return `text|${(code?.text ?? '').trim().toLowerCase()}`;
}

export interface LabGroup {
  key: string;
  name: string;
  /** The LOINC (or first) code, for display. */
  code?: string;
  /** Newest first. */
  results: LabResultRow[];
  latest: LabResultRow;
  /** The numeric result before the latest, in the same unit (for the trend). */
  previous?: LabResultRow;
  /** The latest numeric result against `previous`. */
  trend?: Trend;
  /** Results that are flagged (not N). */
  abnormalCount: number;
}

const newestFirst = (a: LabResultRow, b: LabResultRow) => (Number.isNaN(a.t) ? 1 : Number.isNaN(b.t) ? -1 : b.t - a.t);

export const isAbnormal = (flag: LabFlag | undefined) => flag !== undefined && flag !== 'N';
export const isCritical = (flag: LabFlag | undefined) => flag === 'HH' || flag === 'LL' || flag === 'AA';

/** Groups lab observations by test; groups ordered by their newest result, results newest first. */
export function groupLabs(observations: readonly Observation[]): LabGroup[] {
  const groups = new Map<string, { observation: Observation; rows: LabResultRow[] }>();
  for (const observation of observations) {
    if (observation.status === 'entered-in-error' || observation.status === 'cancelled') continue;
    const key = labKey(observation.code);
    const group = groups.get(key) ?? { observation, rows: [] };
    group.rows.push(toLabResultRow(observation));
    groups.set(key, group);
  }
  const result: LabGroup[] = [];
  for (const [key, { observation, rows }] of groups) {
    rows.sort(newestFirst);
    const codings = observation.code?.coding ?? [];
    const latest = rows[0]!;
    const previous = latest.numeric === undefined ? undefined : rows.slice(1).find((r) => r.numeric !== undefined && r.unit === latest.unit);
    // Exact comparison: a lab reports the precision it measured.
    const trend = previous ? trendOf(latest.numeric, previous.numeric, 6) : undefined;
    result.push({
      key,
      name: latest.name,
      code: (codings.find((c) => c.system === LOINC_SYSTEM) ?? codings[0])?.code,
      results: rows,
      latest,
      ...(previous ? { previous } : {}),
      ...(trend ? { trend } : {}),
      abnormalCount: rows.filter((r) => isAbnormal(r.flag)).length,
    });
  }
  return result.sort((a, b) => newestFirst(a.latest, b.latest) || a.name.localeCompare(b.name));
}

/** True when the observation carries this category code (any system). */
export function hasCategory(observation: Observation, code: string): boolean {
  return observation.category?.some((c) => c.coding?.some((coding) => coding.code === code)) === true;
}
