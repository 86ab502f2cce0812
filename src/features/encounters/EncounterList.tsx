import { formatFhirPeriod } from '../../fhir/mappers/dates';
import type { EncounterRow } from '../../fhir/mappers/encounter';
import { LoadMore } from '../../ui/LoadMore';

interface Props {
  rows: EncounterRow[];
  selected?: string;
  onSelect: (id: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

/** Encounters newest first; each is a toggle button that shows the encounter's observations. */
export function EncounterList({ rows, selected, onSelect, hasMore, loadingMore, onLoadMore }: Props) {
  if (rows.length === 0) return <p className="empty">No encounters recorded.</p>;
  return (
    <>
      <ul className="encounter-list" aria-label="Encounters">
        {rows.map((row) => (
          <li key={row.id}>
            <button type="button" className="encounter" aria-pressed={row.id === selected} onClick={() => onSelect(row.id)}>
              <span className="encounter__title">{row.type ?? row.classLabel}</span>{' '}
              <span className="encounter__meta">{formatFhirPeriod(row.start, row.end) ?? 'Date not recorded'}</span>{' '}
              <span className="encounter__meta">
                {row.classLabel} · <span className={`status status--${row.status}`}>{row.status}</span>
                {row.location && ` · ${row.location}`}
                {row.practitioner && ` · ${row.practitioner}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <LoadMore hasMore={hasMore} loading={loadingMore} onLoad={onLoadMore} label="Load more encounters" />
    </>
  );
}
