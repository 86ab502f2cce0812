import { useEncounters } from '../../fhir/queries/encounters';
import { toEncounterRow } from '../../fhir/mappers/encounter';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { InlineError } from '../../ui/InlineError';
import { LoadMore } from '../../ui/LoadMore';
import { Skeleton } from '../../ui/Skeleton';

export function EncounterList({ patientId }: { patientId: string }) {
  const query = useEncounters({ patient: patientId, count: 10 });
  if (query.isPending) return <Skeleton label="Loading encounters" />;
  if (query.isError) return <InlineError title="Encounters could not be loaded." error={query.error} onRetry={() => void query.refetch()} />;
  const rows = query.data.items.map(toEncounterRow);
  if (rows.length === 0) return <p className="empty">No encounters recorded.</p>;
  return (
    <>
      <ul className="rows" aria-label="Encounters">
        {rows.map((row) => (
          <li key={row.id} className="row">
            <span className="row__main">{row.type ?? row.classLabel}</span>
            <span className="row__meta">
              {formatFhirDate(row.start) ?? 'Date not recorded'} · {row.classLabel} · {row.status}
            </span>
          </li>
        ))}
      </ul>
      <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoad={() => void query.fetchNextPage()} label="Load more encounters" />
    </>
  );
}
