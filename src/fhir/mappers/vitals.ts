// Vital signs as chartable series: one series per measure, values normalised to one unit, blood pressure taken
// from 85354-9 panels AND from stand-alone systolic/diastolic observations (duplicates of one reading merged).
import type { Observation } from 'fhir/r4';
import { codesOf } from './codeableConcept';
import { observationDate } from './observation';
import { normaliseQuantity, roundTo, UNIT_LABELS, type CanonicalUnit } from './units';

export type VitalMeasure = 'systolic' | 'diastolic' | 'heartRate' | 'respRate' | 'temperature' | 'spo2' | 'weight' | 'bmi';
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

export const MEASURES: Record<VitalMeasure, MeasureDef> = {
  systolic: { measure: 'systolic', label: 'Systolic', codes: [LOINC_SYSTOLIC], unit: 'mm[Hg]', decimals: 0, normal: { low: 90, high: 120 }, unitOptional: true },
  diastolic: { measure: 'diastolic', label: 'Diastolic', codes: [LOINC_DIASTOLIC], unit: 'mm[Hg]', decimals: 0, normal: { low: 60, high: 80 }, unitOptional: true },
  heartRate: { measure: 'heartRate', label: 'Heart rate', codes: ['8867-4'], unit: '/min', decimals: 0, normal: { low: 60, high: 100 }, unitOptional: true },
  respRate: { measure: 'respRate', label: 'Respiratory rate', codes: ['9279-1'], unit: '/min', decimals: 0, normal: { low: 12, high: 20 }, unitOptional: true },
  temperature: { measure: 'temperature', label: 'Temperature', codes: ['8310-5'], unit: 'Cel', decimals: 1, normal: { low: 36.1, high: 37.2 }, unitOptional: false },
  spo2: { measure: 'spo2', label: 'SpO₂', codes: ['59408-5', '2708-6'], unit: '%', decimals: 0, normal: { low: 95, high: 100 }, unitOptional: true },
  weight: { measure: 'weight', label: 'Weight', codes: ['29463-7'], unit: 'kg', decimals: 1, unitOptional: false },
  bmi: { measure: 'bmi', label: 'BMI', codes: ['39156-5'], unit: 'kg/m2', decimals: 1, normal: { low: 18.5, high: 25 }, unitOptional: true },
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
  { key: 'bmi', label: 'BMI', measures: ['bmi'], codes: MEASURES.bmi.codes },
];

export const unitLabel = (measure: VitalMeasure) => UNIT_LABELS[MEASURES[measure].unit];

export interface VitalPoint {
  /** Epoch milliseconds of the reading. */
  t: number;
  /** As FHIR gave it (for display). */
  date: string;
  value: number;
  observationId: string;
  /** The value and unit as recorded, when it was converted. */
  original?: { value: number; unit: string };
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

  const add = (measure: VitalMeasure, quantity: Observation['valueQuantity'], date: string | undefined, t: number, id: string) => {
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
    points[measure].push({ t, date, value, observationId: id, ...(normalised.original ? { original: normalised.original } : {}) });
  };

  for (const observation of observations) {
    if (!USABLE_STATUS(observation.status)) continue;
    const date = observationDate(observation);
    const t = date ? Date.parse(date) : NaN;
    const id = observation.id ?? '';
    const codes = codesOf(observation.code);
    const components = observation.component ?? [];
    const isPanel = codes.includes(LOINC_BP_PANEL);
    if (isPanel || (components.length > 0 && !observation.valueQuantity)) {
      for (const component of components) {
        const measure = codesOf(component.code).map((c) => MEASURE_BY_CODE.get(c)).find((m) => m === 'systolic' || m === 'diastolic');
        if (measure) add(measure, component.valueQuantity, date, t, id);
      }
      if (isPanel) continue;
    }
    const measure = codes.map((c) => MEASURE_BY_CODE.get(c)).find(Boolean);
    if (measure && (observation.valueQuantity || components.length === 0)) add(measure, observation.valueQuantity, date, t, id);
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
  latest?: { date: string; display: string; values: number[]; original?: string };
  previous?: { date: string; display: string };
  /** One per measure (BP: systolic, diastolic). */
  trends: (Trend | undefined)[];
}

const fmt = (value: number | undefined, decimals: number) => (value === undefined ? '–' : roundTo(value, decimals).toFixed(decimals));

/** The latest reading of a vital with its trend against the one before, for a summary card. */
export function latestVital(def: VitalDef, series: VitalSeries): LatestVitalView {
  const unit = unitLabel(def.measures[0]!);
  if (def.key === 'bp') {
    const readings = bpReadings(series);
    const [latest, previous] = [readings.at(-1), readings.at(-2)];
    const show = (r: BpReading) => `${fmt(r.systolic?.value, 0)}/${fmt(r.diastolic?.value, 0)} ${unit}`;
    return {
      key: def.key,
      label: def.label,
      unit,
      latest: latest && { date: latest.date, display: show(latest), values: [latest.systolic?.value ?? NaN, latest.diastolic?.value ?? NaN] },
      previous: previous && { date: previous.date, display: show(previous) },
      trends: [trendOf(latest?.systolic?.value, previous?.systolic?.value), trendOf(latest?.diastolic?.value, previous?.diastolic?.value)],
    };
  }
  const measure = MEASURES[def.measures[0]!];
  const points = series.points[measure.measure];
  const [latest, previous] = [points.at(-1), points.at(-2)];
  const show = (p: VitalPoint) => `${fmt(p.value, measure.decimals)} ${unit}`;
  return {
    key: def.key,
    label: def.label,
    unit,
    latest: latest && {
      date: latest.date,
      display: show(latest),
      values: [latest.value],
      ...(latest.original ? { original: `${latest.original.value} ${latest.original.unit}` } : {}),
    },
    previous: previous && { date: previous.date, display: show(previous) },
    trends: [trendOf(latest?.value, previous?.value, measure.decimals)],
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
