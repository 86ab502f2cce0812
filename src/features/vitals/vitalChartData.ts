// Chart-ready columns for one vital, computed once per data change (memoised by the caller).
import { alignSeries, MEASURES, type VitalDef, type VitalPoint, type VitalSeries } from '../../fhir/mappers/vitals';
import { minMaxDownsample } from '../../lib/downsample';
import type { ChartBand, ChartSeries } from '../../ui/charts/types';

/** More points than this per series get decimated (a 360-px chart cannot show them anyway). */
const MAX_POINTS = 1200;
const COLORS = ['var(--chart-1)', 'var(--chart-2)'];

export interface VitalChartData {
  xs: ArrayLike<number>;
  series: ChartSeries[];
  bands: ChartBand[];
  count: number;
}

export function vitalChartData(def: VitalDef, data: VitalSeries): VitalChartData {
  const lists: VitalPoint[][] = def.measures.map((m) => data.points[m]);
  const bands = def.measures.flatMap((m) => {
    const { normal, label } = MEASURES[m];
    return normal ? [{ ...normal, label: `${label} normal range` }] : [];
  });
  const count = Math.max(...lists.map((l) => l.length));
  if (lists.length === 1) {
    const points = lists[0]!;
    const { xs, ys } = minMaxDownsample(
      points.map((p) => p.t / 1000),
      points.map((p) => p.value),
      MAX_POINTS / 4,
    );
    return { xs, series: [{ label: MEASURES[def.measures[0]!].label, values: ys, color: COLORS[0]! }], bands, count };
  }
  const { xs, ys } = alignSeries(lists);
  return {
    xs: Float64Array.from(xs),
    series: ys.map((values, i) => ({ label: MEASURES[def.measures[i]!].label, values, color: COLORS[i % COLORS.length]! })),
    bands,
    count,
  };
}
