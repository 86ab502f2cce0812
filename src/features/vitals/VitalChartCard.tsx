import { useMemo } from 'react';
import { MEASURES, unitLabel, type VitalDef, type VitalSeries } from '../../fhir/mappers/vitals';
import { LazyTimeSeriesChart } from '../../ui/charts/LazyTimeSeriesChart';
import { vitalChartData } from './vitalChartData';
import { VitalTable } from './VitalTable';

export const CHART_HEIGHT = 200;

/** One vital: its chart with the normal range shaded, and the same readings as a table. */
export function VitalChartCard({ def, data, xRange }: { def: VitalDef; data: VitalSeries; xRange?: [number, number] }) {
  const chart = useMemo(() => vitalChartData(def, data), [def, data]);
  const unit = unitLabel(def.measures[0]!);
  const skipped = def.measures.reduce((n, m) => n + data.skipped[m], 0);
  const normal = def.measures
    .map((m) => MEASURES[m])
    .filter((m) => m.normal)
    .map((m) => `${def.measures.length > 1 ? `${m.label} ` : ''}${m.normal!.low}–${m.normal!.high}`)
    .join(', ');
  const headingId = `vital-${def.key}-heading`;
  return (
    <section className="section vital-chart" aria-labelledby={headingId}>
      <div className="section__head">
        <h2 id={headingId}>
          {def.label} <span className="unit">({unit})</span>
        </h2>
        {normal && <span className="vital-chart__normal">Normal {normal}</span>}
      </div>
      {chart.count === 0 ? (
        <p className="empty vital-chart__empty">No readings in this period.</p>
      ) : (
        <LazyTimeSeriesChart
          xs={chart.xs}
          series={chart.series}
          bands={chart.bands}
          unit={unit}
          height={CHART_HEIGHT}
          xRange={xRange}
          label={`${def.label} chart, ${chart.count} readings. The table below lists them.`}
        />
      )}
      {skipped > 0 && (
        <p className="note">
          {skipped} {skipped === 1 ? 'reading' : 'readings'} not shown (unit not convertible to {unit}, or no value or date).
        </p>
      )}
      {chart.count > 0 && <VitalTable def={def} data={data} count={chart.count} />}
    </section>
  );
}
