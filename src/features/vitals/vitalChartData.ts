// Chart-ready columns for one vital, computed once per data change (memoised by the caller).
import { alignSeries, formatVitalNumber, MEASURES, type VitalDef, type VitalMeasure, type VitalPoint, type VitalSeries } from '../../fhir/mappers/vitals';
import { vitalFlag } from '../../fhir/mappers/vitalFlags';
import { minMaxDownsample } from '../../lib/downsample';
import type { ChartBand, ChartSeries } from '../../ui/charts/types';

/** More points than this per series get decimated (a 360-px chart cannot show them anyway). */
const MAX_POINTS = 1200;
const COLORS = ['var(--chart-1)', 'var(--chart-2)'];

export interface VitalChartData {
  xs: ArrayLike<number>;
  series: ChartSeries[];
  bands: ChartBand[];
  /** Notes aligned with xs. */
  notes: (string | undefined)[];
  count: number;
  /** Readings flagged by NEWS2, and how many of them critical. */
  flagged: number;
  critical: number;
}

const flagsOf = (measure: VitalMeasure, values: ArrayLike<number | null>) =>
  Array.from(values, (v) => (v === null ? undefined : vitalFlag(measure, v)));

export function vitalChartData(def: VitalDef, data: VitalSeries): VitalChartData {
  const lists: VitalPoint[][] = def.measures.map((m) => data.points[m]);
  const several = def.measures.length > 1;
  const bands = def.measures.flatMap((m, i) => {
    const { normal, label } = MEASURES[m];
    return normal ? [{ ...normal, label: `${label} normal range (NEWS2)`, ...(several ? { color: COLORS[i % COLORS.length]! } : {}) }] : [];
  });
  const count = Math.max(...lists.map((l) => l.length));
  const all = lists.flat();
  const flagged = all.filter((p) => p.flag && p.flag !== 'N').length;
  const critical = all.filter((p) => p.flag === 'HH' || p.flag === 'LL').length;
  const noteAt = new Map<number, string>();
  for (const p of all) if (p.note && !noteAt.has(p.t / 1000)) noteAt.set(p.t / 1000, p.note);
  const seriesOf = (m: VitalMeasure, values: ArrayLike<number | null>, i: number): ChartSeries => ({
    label: MEASURES[m].label,
    values,
    color: COLORS[i % COLORS.length]!,
    flags: flagsOf(m, values),
    format: (v) => formatVitalNumber(m, v),
  });

  if (lists.length === 1) {
    const points = lists[0]!;
    const { xs, ys } = minMaxDownsample(
      points.map((p) => p.t / 1000),
      points.map((p) => p.value),
      MAX_POINTS / 4,
    );
    return { xs, series: [seriesOf(def.measures[0]!, ys, 0)], bands, notes: Array.from(xs, (x) => noteAt.get(x)), count, flagged, critical };
  }
  const { xs, ys } = alignSeries(lists);
  return {
    xs: Float64Array.from(xs),
    series: ys.map((values, i) => seriesOf(def.measures[i]!, values, i)),
    bands,
    notes: xs.map((x) => noteAt.get(x)),
    count,
    flagged,
    critical,
  };
}
