import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { extractVitalSeries, latestVital, VITALS, type Trend, type VitalDef } from '../../fhir/mappers/vitals';
import { isForbidden } from '../../fhir/queries/errorStatus';
import { useObservationPages, type ObservationPage } from '../../fhir/queries/observations';
import { VisuallyHidden } from '../../ui/VisuallyHidden';

const ARROWS: Record<Trend, string> = { up: '▲', down: '▼', same: '▬' };
const WORDS: Record<Trend, string> = { up: 'up', down: 'down', same: 'unchanged' };

/** "Up", or for blood pressure "Systolic up, diastolic unchanged". */
function trendLabel(def: VitalDef, trends: (Trend | undefined)[]): string | undefined {
  if (trends.every((t) => t === undefined)) return undefined;
  if (def.key !== 'bp') return trends[0] && `${WORDS[trends[0]][0]!.toUpperCase()}${WORDS[trends[0]].slice(1)}`;
  return `Systolic ${trends[0] ? WORDS[trends[0]] : 'not compared'}, diastolic ${trends[1] ? WORDS[trends[1]] : 'not compared'}`;
}

function VitalCard({ def, query }: { def: VitalDef; query: UseQueryResult<ObservationPage> }) {
  const view = useMemo(() => (query.data ? latestVital(def, extractVitalSeries(query.data.items)) : undefined), [def, query.data]);
  let body;
  if (query.isPending) {
    body = <p className="vital-card__value vital-card__value--loading">Loading…</p>;
  } else if (query.isError) {
    body = isForbidden(query.error) ? (
      <p className="vital-card__none">Not available</p>
    ) : (
      <p className="vital-card__none">
        Could not load.{' '}
        <button type="button" className="link-button" onClick={() => void query.refetch()} aria-label={`Try again: ${def.label}`}>
          Try again
        </button>
      </p>
    );
  } else if (!view?.latest) {
    body = <p className="vital-card__none">No reading</p>;
  } else {
    const label = trendLabel(def, view.trends);
    body = (
      <>
        <p className="vital-card__value">{view.latest.display}</p>
        <p className="vital-card__date">{formatFhirDate(view.latest.date)}</p>
        {view.latest.original && <p className="vital-card__note">Recorded as {view.latest.original}</p>}
        {view.previous && label ? (
          <p className="vital-card__trend">
            <span aria-hidden="true" className="trend-arrows">
              {view.trends.map((t, i) => (t ? <span key={i} className={`trend trend--${t}`}>{ARROWS[t]}</span> : null))}
            </span>{' '}
            <VisuallyHidden>{label}, </VisuallyHidden>
            from {view.previous.display} ({formatFhirDate(view.previous.date)})
          </p>
        ) : (
          <p className="vital-card__trend">No earlier reading</p>
        )}
      </>
    );
  }
  return (
    <li className="vital-card">
      <h3 className="vital-card__label">{def.label}</h3>
      {body}
    </li>
  );
}

/** The latest reading of each vital sign, one small search per vital (so a rarely measured one is still found). */
export function LatestVitals({ patientId }: { patientId: string }) {
  const queries = useMemo(() => VITALS.map((def) => ({ patient: patientId, code: [...def.codes], count: def.key === 'bp' ? 6 : 3 })), [patientId]);
  const results = useObservationPages(queries);
  return (
    <ul className="vital-cards" aria-label="Latest vital signs">
      {VITALS.map((def, i) => (
        <VitalCard key={def.key} def={def} query={results[i]!} />
      ))}
    </ul>
  );
}
