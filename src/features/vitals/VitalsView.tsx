import { useMemo, useState } from 'react';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { extractVitalSeries, VITALS, type VitalDef, type VitalSeries } from '../../fhir/mappers/vitals';
import { isForbidden } from '../../fhir/queries/errorStatus';
import { useAllObservations, useLatestVitals } from '../../fhir/queries/observations';
import { formatAge } from '../../lib/age';
import { rangeContaining, rangeStartDate, rangeWindowSeconds, TIME_RANGES, type TimeRangeKey } from '../../lib/timeRange';
import { InlineError } from '../../ui/InlineError';
import { RangeToolbar } from '../../ui/RangeToolbar';
import { SkeletonBlock } from '../../ui/Skeleton';
import { Unavailable } from '../../ui/Unavailable';
import { CHART_HEIGHT, VitalChartCard, type LatestReading } from './VitalChartCard';

/** Page size for the range search; every page of the range is read (bounded by the range itself). */
const PAGE_SIZE = 1000;
/** The range a view opens on when it holds the latest reading. */
const PREFERRED: TimeRangeKey = '1y';

/** The newest reading of a vital in a series (its measures' latest points). */
function latestOf(def: VitalDef, series: VitalSeries): LatestReading | undefined {
  const points = def.measures.map((m) => series.points[m].at(-1)).filter((p) => p !== undefined);
  const newest = points.reduce<(typeof points)[number] | undefined>((best, p) => (!best || p.t > best.t ? p : best), undefined);
  return newest && { date: newest.date, t: newest.t };
}

export function VitalsView({ patientId, canRead }: { patientId: string; canRead: (resourceType: string) => boolean }) {
  const allowed = canRead('Observation');
  // The Summary's latest-readings search (usually cached already): where the latest reading of each vital is.
  const latest = useLatestVitals(patientId, { enabled: allowed });
  const latestByVital = useMemo(() => {
    if (!latest.data) return undefined;
    const series = extractVitalSeries(latest.data.items);
    return new Map(VITALS.map((def) => [def.key, latestOf(def, series)]));
  }, [latest.data]);
  const newest = useMemo(() => {
    const times = [...(latestByVital?.values() ?? [])].flatMap((r) => (r ? [r.t] : []));
    return times.length ? Math.max(...times) : undefined;
  }, [latestByVital]);

  // Until the clinician picks a range, the view opens on one that contains the latest reading.
  const [chosen, setChosen] = useState<TimeRangeKey>();
  const range = chosen ?? rangeContaining(newest, PREFERRED);
  const from = rangeStartDate(range);
  const query = useAllObservations({ patient: patientId, category: 'vital-signs', from, count: PAGE_SIZE }, { enabled: allowed, keepPrevious: true });
  const series = useMemo(() => (query.data ? extractVitalSeries(query.data.items) : undefined), [query.data]);
  const xRange = useMemo(() => (from ? rangeWindowSeconds(from) : undefined), [from]);

  if (!allowed) return <Unavailable what="Vital signs" reason="scope" />;
  // Before the range is settled (auto range not known yet, or its data still a placeholder) nothing is drawn.
  const settling = chosen === undefined && (latest.isPending || query.isPlaceholderData);
  const updating = !settling && query.isPlaceholderData && query.isFetching;
  const opened = chosen === undefined && range !== PREFERRED && newest !== undefined && !settling;
  const newestDate = newest !== undefined ? new Date(newest).toISOString() : undefined;
  const showLatest = (reading: LatestReading | undefined) => {
    if (!reading) return undefined;
    const key = rangeContaining(reading.t, range);
    return key === range ? undefined : { label: key === 'all' ? 'all readings' : TIME_RANGES.find((r) => r.key === key)!.label, onShow: () => setChosen(key) };
  };
  return (
    <div className="view view--vitals">
      <RangeToolbar
        options={TIME_RANGES}
        range={range}
        onRange={setChosen}
        count={settling ? undefined : query.data?.items.length}
        noun="readings"
        since={formatFhirDate(from)}
        updating={updating}
        truncated={query.data?.truncated}
      />
      {opened && (
        <p className="note range-note">
          Opened on “{TIME_RANGES.find((r) => r.key === range)!.label}”: the latest reading is from {formatFhirDate(newestDate)} ({formatAge(newestDate)}).
        </p>
      )}
      {query.isError && !query.data ? (
        isForbidden(query.error) ? (
          <Unavailable what="Vital signs" reason="forbidden" />
        ) : (
          <InlineError title="Vital signs could not be loaded." error={query.error} onRetry={() => void query.refetch()} />
        )
      ) : (
        <div className={`vital-grid${updating ? ' is-updating' : ''}`}>
          {VITALS.map((def) =>
            series && !settling ? (
              <VitalChartCard
                key={def.key}
                def={def}
                data={series}
                xRange={xRange}
                latest={latestByVital?.get(def.key)}
                latestKnown={latestByVital !== undefined}
                showLatest={showLatest(latestByVital?.get(def.key))}
              />
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
