import { useObservations } from '../../fhir/queries/observations';
import { toObservationRow } from '../../fhir/mappers/observation';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { InlineError } from '../../ui/InlineError';
import { LoadMore } from '../../ui/LoadMore';
import { Skeleton } from '../../ui/Skeleton';

export function ObservationList({ patientId, category }: { patientId: string; category?: string }) {
  const query = useObservations({ patient: patientId, category, count: 20 });
  if (query.isPending) return <Skeleton rows={4} label="Loading observations" />;
  if (query.isError) return <InlineError title="Observations could not be loaded." error={query.error} onRetry={() => void query.refetch()} />;
  const rows = query.data.items.map(toObservationRow);
  if (rows.length === 0) return <p className="empty">No observations recorded.</p>;
  return (
    <>
      <ul className="rows" aria-label="Observations">
        {rows.map((row) => (
          <li key={row.id} className="row">
            <span className="row__main">
              {row.name}: <strong>{row.value}</strong>
              {row.interpretation && row.interpretation !== 'N' && <span className="flag"> {row.interpretation}</span>}
            </span>
            <span className="row__meta">
              {formatFhirDate(row.date) ?? 'Date not recorded'}
              {row.category && ` · ${row.category}`}
            </span>
          </li>
        ))}
      </ul>
      <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoad={() => void query.fetchNextPage()} label="Load more observations" />
    </>
  );
}
