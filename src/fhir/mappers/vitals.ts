// Vital signs as chartable series: one series per measure, values normalised to one unit, blood pressure taken
// from 85354-9 panels AND from stand-alone systolic/diastolic observations (duplicates of one reading merged).
import type { Observation } from 'fhir/r4';
import { codesOf } from './codeableConcept';
import { noteText, observationDate } from './observation';
import { normaliseQuantity, roundTo, UNIT_LABELS, type CanonicalUnit } from './units';
import { news2NormalRange, vitalFlag, type VitalFlag } from './vitalFlags';

export type VitalMeasure = 'systolic' | 'diastolic' | 'heartRate' | 'respRate' | 'temperature' | 'spo2' | 'weight' | 'height' | 'bmi';
export type VitalKey = 'bp' | Exclude<VitalMeasure, 'systolic' | 'diastolic'>;

export const LOINC_BP_PANEL = '85354-9';
export const LOINC_SYSTOLIC = '8480-6';
export const LOINC_DIASTOLIC = '8462-4';

export interface NormalRange {
  low: number;
  high: number;
}

export interface MeasureDef {
  measure: VitalMeasure;
  label: string;
  codes: readonly string[];
  unit: CanonicalUnit;
  decimals: number;
  normal?: NormalRange;
  /** A value without a unit is read in `unit` (only where one unit is universal). */
  unitOptional: boolean;
}

// `normal` is the NEWS2 score-0 band (see vitalFlags.ts): the band the charts shade is the band the flags use.
export const MEASURES: Record<VitalMeasure, MeasureDef> = {
  systolic: { measure: 'systolic', label: 'Systolic', codes: [LOINC_SYSTOLIC], unit: 'mm[Hg]', decimals: 0, normal: news2NormalRange('systolic'), unitOptional: true },
  diastolic: { measure: 'diastolic', label: 'Diastolic', codes: [LOINC_DIASTOLIC], unit: 'mm[Hg]', decimals: 0, unitOptional: true },
  heartRate: { measure: 'heartRate', label: 'Heart rate', codes: ['8867-4'], unit: '/min', decimals: 0, normal: news2NormalRange('heartRate'), unitOptional: true },
  respRate: { measure: 'respRate', label: 'Respiratory rate', codes: ['9279-1'], unit: '/min', decimals: 0, normal: news2NormalRange('respRate'), unitOptional: true },
  temperature: { measure: 'temperature', label: 'Temperature', codes: ['8310-5'], unit: 'Cel', decimals: 1, normal: news2NormalRange('temperature'), unitOptional: false },
  spo2: { measure: 'spo2', label: 'SpO₂', codes: ['59408-5', '2708-6'], unit: '%', decimals: 0, normal: news2NormalRange('spo2'), unitOptional: true },
  weight: { measure: 'weight', label: 'Weight', codes: ['29463-7'], unit: 'kg', decimals: 1, unitOptional: false },
  height: { measure: 'height', label: 'Height', codes: ['8302-2'], unit: 'cm', decimals: 1, unitOptional: false },
  bmi: { measure: 'bmi', label: 'BMI', codes: ['39156-5'], unit: 'kg/m2', decimals: 1, unitOptional: true },
};

export interface VitalDef {
  key: VitalKey;
  label: string;
  measures: readonly VitalMeasure[];
  /** Every LOINC code that can carry this vital (for code= searches). */
  codes: readonly string[];
}

/** In display order. */
export const VITALS: readonly VitalDef[] = [
  { key: 'bp', label: 'Blood pressure', measures: ['systolic', 'diastolic'], codes: [LOINC_BP_PANEL, LOINC_SYSTOLIC, LOINC_DIASTOLIC] },
  { key: 'heartRate', label: 'Heart rate', measures: ['heartRate'], codes: MEASURES.heartRate.codes },
  { key: 'respRate', label: 'Respiratory rate', measures: ['respRate'], codes: MEASURES.respRate.codes },
  { key: 'temperature', label: 'Temperature', measures: ['temperature'], codes: MEASURES.temperature.codes },
  { key: 'spo2', label: 'Oxygen saturation', measures: ['spo2'], codes: MEASURES.spo2.codes },
  { key: 'weight', label: 'Weight', measures: ['weight'], codes: MEASURES.weight.codes },
  { key: 'height', label: 'Height', measures: ['height'], codes: MEASURES.height.codes },
  { key: 'bmi', label: 'BMI', measures: ['bmi'], codes: MEASURES.bmi.codes },
];

export const unitLabel = (measure: VitalMeasure) => UNIT_LABELS[MEASURES[measure].unit];

/** A value at its measure's display precision, the same in every view: `24.0`, `37.2`, `72`. */
export const formatVitalNumber = (measure: VitalMeasure, value: number | undefined): string =>
  value === undefined || !Number.isFinite(value) ? '–' : roundTo(value, MEASURES[measure].decimals).toFixed(MEASURES[measure].decimals);

/** A value with its unit label: `24.0 kg/m²`, `72 /min`. */
export const formatVital = (measure: VitalMeasure, value: number | undefined): string => `${formatVitalNumber(measure, value)} ${unitLabel(measure)}`;

export interface VitalPoint {
  /** Epoch milliseconds of the reading. */
  t: number;
  /** As FHIR gave it (for display). */
  date: string;
  value: number;
  observationId: string;
  /** The value and unit as recorded, when it was converted. */
  original?: { value: number; unit: string };
  /** NEWS2 flag (undefined for measures NEWS2 does not score). */
  flag?: VitalFlag;
  /** `Observation.note`, as text. */
  note?: string;
}

export interface VitalSeries {
  /** Ascending by time. */
  points: Record<VitalMeasure, VitalPoint[]>;
  /** Readings of a vital code that could not be used (unknown unit, no numeric value, no date). */
  skipped: Record<VitalMeasure, number>;
}

const emptyRecord = <T>(make: () => T): Record<VitalMeasure, T> =>
  Object.fromEntries((Object.keys(MEASURES) as VitalMeasure[]).map((m) => [m, make()])) as Record<VitalMeasure, T>;

const MEASURE_BY_CODE = new Map<string, VitalMeasure>(
  (Object.values(MEASURES) as MeasureDef[]).flatMap((def) => def.codes.map((code) => [code, def.measure] as const)),
);

const USABLE_STATUS = (status: Observation['status']) => status !== 'entered-in-error' && status !== 'cancelled';

/** Splits observations into per-measure series. Pure; O(n log n). */
export function extractVitalSeries(observations: readonly Observation[]): VitalSeries {
  const points = emptyRecord<VitalPoint[]>(() => []);
  const skipped = emptyRecord(() => 0);
  const seen = new Set<string>();

  const add = (measure: VitalMeasure, quantity: Observation['valueQuantity'], date: string | undefined, t: number, id: string, note: string | undefined) => {
    const def = MEASURES[measure];
    const normalised = normaliseQuantity(quantity, def.unit, def.unitOptional);
    if (!normalised || !date || Number.isNaN(t)) {
      skipped[measure] += 1;
      return;
    }
    const value = roundTo(normalised.value, def.decimals + 1);
    const key = `${measure}|${t}|${value}`;
    if (seen.has(key)) return; // the same reading as a panel component and as a stand-alone observation
    seen.add(key);
    const flag = vitalFlag(measure, value);
    points[measure].push({
      t,
      date,
      value,
      observationId: id,
      ...(normalised.original ? { original: normalised.original } : {}),
      ...(flag ? { flag } : {}),
      ...(note ? { note } : {}),
    });
  };

  for (const observation of observations) {
    if (!USABLE_STATUS(observation.status)) continue;
    const date = observationDate(observation);
    const t = date ? Date.parse(date) : NaN;
    const id = observation.id ?? '';
    const note = noteText(observation);
    const codes = codesOf(observation.code);
    const components = observation.component ?? [];
    const isPanel = codes.includes(LOINC_BP_PANEL);
    if (isPanel || (components.length > 0 && !observation.valueQuantity)) {
      for (const component of components) {
        const measure = codesOf(component.code).map((c) => MEASURE_BY_CODE.get(c)).find((m) => m === 'systolic' || m === 'diastolic');
        if (measure) add(measure, component.valueQuantity, date, t, id, note);
      }
      if (isPanel) continue;
    }
    const measure = codes.map((c) => MEASURE_BY_CODE.get(c)).find(Boolean);
    if (measure && (observation.valueQuantity || components.length === 0)) add(measure, observation.valueQuantity, date, t, id, note);
  }
  for (const list of Object.values(points)) list.sort((a, b) => a.t - b.t);
  return { points, skipped };
}

export type Trend = 'up' | 'down' | 'same';

/** Direction of `latest` against `previous`; differences below half the display precision count as the same. */
export function trendOf(latest: number | undefined, previous: number | undefined, decimals = 0): Trend | undefined {
  if (latest === undefined || previous === undefined) return undefined;
  const diff = roundTo(latest, decimals) - roundTo(previous, decimals);
  const tolerance = 0.5 * 10 ** -decimals;
  if (Math.abs(diff) < tolerance) return 'same';
  return diff > 0 ? 'up' : 'down';
}

export interface BpReading {
  t: number;
  date: string;
  systolic?: VitalPoint;
  diastolic?: VitalPoint;
}

/** Systolic and diastolic points paired by time, ascending. */
export function bpReadings(series: VitalSeries): BpReading[] {
  const byTime = new Map<number, BpReading>();
  for (const measure of ['systolic', 'diastolic'] as const) {
    for (const point of series.points[measure]) {
      const reading = byTime.get(point.t) ?? { t: point.t, date: point.date };
      reading[measure] ??= point;
      byTime.set(point.t, reading);
    }
  }
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

export interface LatestVitalView {
  key: VitalKey;
  label: string;
  unit: string;
  latest?: {
    date: string;
    display: string;
    /** NEWS2 flag (BP: of the systolic, the part NEWS2 scores). */
    flag?: VitalFlag;
    note?: string;
    /** What was recorded, when it was converted (e.g. `154.3 lb`). */
    original?: string;
  };
  /** `short`: the value without its unit, for "↑ from 94 (17 Sep)". */
  previous?: { date: string; display: string; short: string };
  /** The latest against the previous reading (BP: the systolic, else the diastolic). */
  trend?: Trend;
}

/** `120/80 mmHg`; a missing part is a dash. */
export const formatBp = (r: Pick<BpReading, 'systolic' | 'diastolic'>): string =>
  `${formatVitalNumber('systolic', r.systolic?.value)}/${formatVitalNumber('diastolic', r.diastolic?.value)} ${unitLabel('systolic')}`;

const notesOf = (...points: (VitalPoint | undefined)[]) => [...new Set(points.map((p) => p?.note).filter((n): n is string => !!n))].join(' · ') || undefined;

/** The latest reading of a vital with its flag, note and trend against the one before, for a summary card. */
export function latestVital(def: VitalDef, series: VitalSeries): LatestVitalView {
  const unit = unitLabel(def.measures[0]!);
  if (def.key === 'bp') {
    const readings = bpReadings(series);
    const [latest, previous] = [readings.at(-1), readings.at(-2)];
    const trend =
      trendOf(latest?.systolic?.value, previous?.systolic?.value) ??
      (latest?.systolic || previous?.systolic ? undefined : trendOf(latest?.diastolic?.value, previous?.diastolic?.value));
    const note = latest && notesOf(latest.systolic, latest.diastolic);
    return {
      key: def.key,
      label: def.label,
      unit,
      latest: latest && { date: latest.date, display: formatBp(latest), ...(latest.systolic?.flag ? { flag: latest.systolic.flag } : {}), ...(note ? { note } : {}) },
      previous: previous && {
        date: previous.date,
        display: formatBp(previous),
        short: `${formatVitalNumber('systolic', previous.systolic?.value)}/${formatVitalNumber('diastolic', previous.diastolic?.value)}`,
      },
      trend,
    };
  }
  const measure = MEASURES[def.measures[0]!];
  const points = series.points[measure.measure];
  const [latest, previous] = [points.at(-1), points.at(-2)];
  return {
    key: def.key,
    label: def.label,
    unit,
    latest: latest && {
      date: latest.date,
      display: formatVital(measure.measure, latest.value),
      ...(latest.flag ? { flag: latest.flag } : {}),
      ...(latest.note ? { note: latest.note } : {}),
      ...(latest.original ? { original: `${latest.original.value} ${latest.original.unit}` } : {}),
    },
    previous: previous && { date: previous.date, display: formatVital(measure.measure, previous.value), short: formatVitalNumber(measure.measure, previous.value) },
    trend: trendOf(latest?.value, previous?.value, measure.decimals),
  };
}

/** Aligned columns for a chart: shared x (seconds) and one y array per measure (null where a measure has no point). */
export function alignSeries(lists: readonly VitalPoint[][]): { xs: number[]; ys: (number | null)[][] } {
  const times = [...new Set(lists.flatMap((list) => list.map((p) => p.t)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const ys = lists.map((list) => {
    const column: (number | null)[] = new Array(times.length).fill(null);
    for (const point of list) column[index.get(point.t)!] = point.value;
    return column;
  });
  return { xs: times.map((t) => t / 1000), ys };
}

export interface VitalReadingView {
  key: VitalKey;
  label: string;
  /** Formatted as the Summary and Vitals views show it (`145/88 mmHg`, `24.0 kg/m²`). */
  display: string;
  flag?: VitalFlag;
  /** What was recorded, when it was converted. */
  original?: string;
}

/** One observation read as a vital sign (for lists of mixed observations); undefined for anything else. */
export function vitalReading(observation: Observation): VitalReadingView | undefined {
  // A series needs a time to order by; one reading does not (its date, if any, is shown by the caller).
  const dated = observationDate(observation) ? observation : { ...observation, effectiveDateTime: '1970-01-01T00:00:00Z' };
  const series = extractVitalSeries([dated]);
  for (const def of VITALS) {
    if (def.key === 'bp') {
      const [sys, dia] = [series.points.systolic[0], series.points.diastolic[0]];
      if (sys && dia) return { key: def.key, label: def.label, display: formatBp({ systolic: sys, diastolic: dia }), ...(sys.flag ? { flag: sys.flag } : {}) };
      const single = sys ?? dia;
      if (!single) continue;
      const measure = sys ? 'systolic' : 'diastolic';
      return { key: def.key, label: `${MEASURES[measure].label} blood pressure`, display: formatVital(measure, single.value), ...(single.flag ? { flag: single.flag } : {}) };
    }
    const view = latestVital(def, series);
    if (view.latest) {
      const { display, flag, original } = view.latest;
      return { key: def.key, label: def.label, display, ...(flag ? { flag } : {}), ...(original ? { original } : {}) };
    }
  }
  return undefined;
}
