import { Link } from 'react-router';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { toEncounterRow } from '../../fhir/mappers/encounter';
import { isForbidden } from '../../fhir/queries/errorStatus';
import { useEncounters } from '../../fhir/queries/encounters';
import { InlineError } from '../../ui/InlineError';
import { Skeleton } from '../../ui/Skeleton';
import { Unavailable } from '../../ui/Unavailable';
import { summaryEncountersSearch } from './summaryQueries';

export function RecentEncounters({ patientId, encountersPath }: { patientId: string; encountersPath: string }) {
  const query = useEncounters(summaryEncountersSearch(patientId));
  if (query.isPending) return <Skeleton rows={3} label="Loading encounters" />;
  if (query.isError) {
    if (isForbidden(query.error)) return <Unavailable what="Encounters" reason="forbidden" />;
    return <InlineError title="Encounters could not be loaded." error={query.error} onRetry={() => void query.refetch()} />;
  }
  const rows = query.data.items.slice(0, 5).map(toEncounterRow);
  if (rows.length === 0) return <p className="empty">No encounters recorded.</p>;
  return (
    <>
      <ul className="rows" aria-label="Encounters">
        {rows.map((row) => (
          <li key={row.id} className="row">
            <span className="row__main">{row.type ?? row.classLabel}</span>
            <span className="row__meta">
              {formatFhirDate(row.start) ?? 'Date not recorded'} · {row.classLabel} · {row.status}
              {row.location && ` · ${row.location}`}
            </span>
          </li>
        ))}
      </ul>
      <p className="more-link">
        <Link to={encountersPath}>Encounter history</Link>
      </p>
    </>
  );
}
