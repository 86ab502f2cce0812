import { useMemo } from 'react';
import { formatFhirDate, formatShortDate } from '../../fhir/mappers/dates';
import { extractVitalSeries, latestVital, VITALS, type LatestVitalView } from '../../fhir/mappers/vitals';
import { isForbidden } from '../../fhir/queries/errorStatus';
import { useLatestVitals } from '../../fhir/queries/observations';
import { isStale } from '../../lib/age';
import { Age } from '../../ui/Age';
import { WithFlag } from '../../ui/Flag';
import { flagTone } from '../../ui/flagWords';
import { InlineError } from '../../ui/InlineError';
import { Note } from '../../ui/Note';
import { TrendMark } from '../../ui/TrendMark';
import { Unavailable } from '../../ui/Unavailable';

function cardClass(view: LatestVitalView): string {
  const tone = flagTone(view.latest?.flag);
  return `vital-card${tone ? ` vital-card--${tone}` : ''}${view.latest && isStale(view.latest.date) ? ' vital-card--stale' : ''}`;
}

/** One vital: latest value with its NEWS2 flag, how old it is, one trend mark, the note. */
function VitalCard({ view, truncated }: { view: LatestVitalView; truncated: boolean }) {
  const { latest, previous, trend } = view;
  return (
    <li className={cardClass(view)}>
      <h3 className="vital-card__label">{view.label}</h3>
      {!latest ? (
        <p className="vital-card__none">No reading</p>
      ) : (
        <>
          <p className="vital-card__value">
            <WithFlag flag={latest.flag}>{latest.display}</WithFlag>
          </p>
          <p className="vital-card__date">
            <Age value={latest.date} exact={formatFhirDate(latest.date)} />
          </p>
          <p className="vital-card__trend">
            {previous && trend ? (
              <TrendMark direction={trend} from={previous.short} since={formatShortDate(previous.date) ?? 'an earlier reading'} subject={view.key === 'bp' ? 'Systolic' : undefined} />
            ) : truncated ? (
              'Earlier readings in Vitals'
            ) : (
              'No earlier reading'
            )}
          </p>
          {latest.original && <p className="vital-card__note">Recorded as {latest.original}</p>}
          <Note text={latest.note} className="vital-card__note obs-note" />
        </>
      )}
    </li>
  );
}

/**
 * The latest reading of each vital sign, from ONE `category=vital-signs` search of the newest readings (and a
 * small search per vital missing from it): see latestVitalsSearch.
 */
export function LatestVitals({ patientId }: { patientId: string }) {
  const query = useLatestVitals(patientId);
  const series = useMemo(() => (query.data ? extractVitalSeries(query.data.items) : undefined), [query.data]);
  if (query.isError) {
    if (isForbidden(query.error)) return <Unavailable what="Vital signs" reason="forbidden" />;
    return <InlineError title="Vital signs could not be loaded." error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <ul className="vital-cards" aria-label="Latest vital signs">
      {VITALS.map((def) =>
        series ? (
          <VitalCard key={def.key} view={latestVital(def, series)} truncated={query.data?.truncated ?? false} />
        ) : (
          <li key={def.key} className="vital-card">
            <h3 className="vital-card__label">{def.label}</h3>
            <p className="vital-card__value vital-card__value--loading">Loading…</p>
          </li>
        ),
      )}
    </ul>
  );
}
