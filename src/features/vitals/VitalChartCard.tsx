import { useMemo } from 'react';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { MEASURES, unitLabel, type VitalDef, type VitalSeries } from '../../fhir/mappers/vitals';
import { Age } from '../../ui/Age';
import { LazyTimeSeriesChart } from '../../ui/charts/LazyTimeSeriesChart';
import { vitalChartData } from './vitalChartData';
import { VitalTable } from './VitalTable';

export const CHART_HEIGHT = 200;

export interface LatestReading {
  date: string;
  /** Epoch ms. */
  t: number;
}

/** "Normal (NEWS2) 51–90", or for BP "Normal (NEWS2): systolic 111–219; diastolic not scored". */
function normalText(def: VitalDef): string {
  const parts = def.measures.map((m) => {
    const { normal, label } = MEASURES[m];
    const range = normal ? `${normal.low}–${normal.high}` : 'not scored';
    return def.measures.length > 1 ? `${label.toLowerCase()} ${range}` : range;
  });
  if (def.measures.every((m) => !MEASURES[m].normal)) return 'No NEWS2 band: not flagged';
  return def.measures.length > 1 ? `Normal (NEWS2): ${parts.join('; ')}` : `Normal (NEWS2) ${parts[0]}`;
}

interface Props {
  def: VitalDef;
  data: VitalSeries;
  xRange?: [number, number];
  /** The vital's latest reading anywhere in the record (to point to it when this range has none). */
  latest?: LatestReading;
  /** `latest` has been looked up (undefined then means: no reading at all). */
  latestKnown: boolean;
  /** The range that shows `latest`, to switch to with one click. */
  showLatest?: { label: string; onShow: () => void };
}

/** One vital: its chart with the normal range shaded and flagged points marked, and the same readings as a table. */
export function VitalChartCard({ def, data, xRange, latest, latestKnown, showLatest }: Props) {
  const chart = useMemo(() => vitalChartData(def, data), [def, data]);
  const unit = unitLabel(def.measures[0]!);
  const skipped = def.measures.reduce((n, m) => n + data.skipped[m], 0);
  const headingId = `vital-${def.key}-heading`;
  const flagged = chart.flagged ? `, ${chart.flagged} flagged${chart.critical ? ` (${chart.critical} critical)` : ''}` : '';
  return (
    <section className="section vital-chart" aria-labelledby={headingId}>
      <div className="section__head">
        <h2 id={headingId}>
          {def.label} <span className="unit">({unit})</span>
        </h2>
        <span className="vital-chart__normal">{normalText(def)}</span>
      </div>
      {chart.count === 0 ? (
        <div className="empty vital-chart__empty">
          {latest ? (
            <>
              <p>No readings in this period. Latest reading:</p>
              <p>
                <Age value={latest.date} exact={formatFhirDate(latest.date)} />
              </p>
              {showLatest && (
                <button type="button" className="button--quiet" onClick={showLatest.onShow}>
                  Show {showLatest.label} <span className="visually-hidden">({def.label})</span>
                </button>
              )}
            </>
          ) : (
            <p>{latestKnown ? 'No readings recorded.' : 'No readings in this period.'}</p>
          )}
        </div>
      ) : (
        <LazyTimeSeriesChart
          xs={chart.xs}
          series={chart.series}
          bands={chart.bands}
          notes={chart.notes}
          unit={unit}
          height={CHART_HEIGHT}
          xRange={xRange}
          label={`${def.label} chart, ${chart.count} readings${flagged}. The table below lists them.`}
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
