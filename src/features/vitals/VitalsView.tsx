import { useMemo, useState } from 'react';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { extractVitalSeries, VITALS } from '../../fhir/mappers/vitals';
import { isForbidden } from '../../fhir/queries/errorStatus';
import { useAllObservations } from '../../fhir/queries/observations';
import { rangeStartDate, rangeWindowSeconds, TIME_RANGES, type TimeRangeKey } from '../../lib/timeRange';
import { InlineError } from '../../ui/InlineError';
import { RangeToolbar } from '../../ui/RangeToolbar';
import { SkeletonBlock } from '../../ui/Skeleton';
import { Unavailable } from '../../ui/Unavailable';
import { CHART_HEIGHT, VitalChartCard } from './VitalChartCard';

/** Page size for the range search; every page of the range is read (bounded by the range itself). */
const PAGE_SIZE = 1000;

export function VitalsView({ patientId, canRead }: { patientId: string; canRead: (resourceType: string) => boolean }) {
  const [range, setRange] = useState<TimeRangeKey>('1y');
  const from = rangeStartDate(range);
  const allowed = canRead('Observation');
  const query = useAllObservations({ patient: patientId, category: 'vital-signs', from, count: PAGE_SIZE }, { enabled: allowed, keepPrevious: true });
  const series = useMemo(() => (query.data ? extractVitalSeries(query.data.items) : undefined), [query.data]);
  const xRange = useMemo(() => (from ? rangeWindowSeconds(from) : undefined), [from]);

  if (!allowed) return <Unavailable what="Vital signs" reason="scope" />;
  const updating = query.isPlaceholderData && query.isFetching;
  return (
    <div className="view view--vitals">
      <RangeToolbar
        options={TIME_RANGES}
        range={range}
        onRange={setRange}
        count={query.data?.items.length}
        noun="readings"
        since={formatFhirDate(from)}
        updating={updating}
        truncated={query.data?.truncated}
      />
      {query.isError && !query.data ? (
        isForbidden(query.error) ? (
          <Unavailable what="Vital signs" reason="forbidden" />
        ) : (
          <InlineError title="Vital signs could not be loaded." error={query.error} onRetry={() => void query.refetch()} />
        )
      ) : (
        <div className={`vital-grid${updating ? ' is-updating' : ''}`}>
          {VITALS.map((def) =>
            series ? (
              <VitalChartCard key={def.key} def={def} data={series} xRange={xRange} />
            ) : (
              <section key={def.key} className="section vital-chart" aria-label={`${def.label} (loading)`}>
                <div className="section__head">
                  <h2>{def.label}</h2>
                </div>
                <SkeletonBlock height={CHART_HEIGHT} label={`Loading ${def.label.toLowerCase()}`} />
              </section>
            ),
          )}
        </div>
      )}
    </div>
  );
}
