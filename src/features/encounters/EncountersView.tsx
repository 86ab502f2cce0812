import { useMemo, useState } from 'react';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { toEncounterRow, type EncounterRow } from '../../fhir/mappers/encounter';
import { isForbidden } from '../../fhir/queries/errorStatus';
import { useEncounter, useEncounters } from '../../fhir/queries/encounters';
import { useRevealOnMount } from '../../lib/useRevealOnMount';
import { InlineError } from '../../ui/InlineError';
import { Skeleton } from '../../ui/Skeleton';
import { Unavailable } from '../../ui/Unavailable';
import { EncounterList } from './EncounterList';
import { EncounterObservations } from './EncounterObservations';

interface Props {
  patientId: string;
  /** The launch's encounter, preselected. */
  launchEncounterId?: string;
  canRead: (resourceType: string) => boolean;
}

function describe(row: EncounterRow | undefined): string {
  if (!row) return 'Encounter';
  return `${row.type ?? row.classLabel}, ${formatFhirDate(row.start) ?? 'date not recorded'}`;
}

interface DetailProps {
  patientId: string;
  encounterId: string;
  row?: EncounterRow;
  /** The list has loaded (so a missing row really is missing from it). */
  listSettled: boolean;
  canReadObservations: boolean;
  /** Chosen by the user (not preselected): scroll it into view. */
  reveal: boolean;
}

function EncounterDetail({ patientId, encounterId, row, listSettled, canReadObservations, reveal }: DetailProps) {
  const ref = useRevealOnMount<HTMLElement>(reveal);
  // Only read the encounter when it is not in the list (e.g. the launch's encounter on a later page).
  const read = useEncounter(encounterId, { enabled: listSettled && !row });
  const shown = row ?? (read.data ? toEncounterRow(read.data) : undefined);
  const title = describe(shown);
  return (
    <section ref={ref} className="section encounter-detail" aria-labelledby="encounter-detail-heading">
      <div className="section__head">
        <h2 id="encounter-detail-heading">{title}</h2>
      </div>
      {shown && (
        <p className="row__meta">
          {shown.classLabel} · {shown.status}
          {shown.location && ` · ${shown.location}`}
          {shown.practitioner && ` · ${shown.practitioner}`}
        </p>
      )}
      {canReadObservations ? (
        <EncounterObservations patientId={patientId} encounterId={encounterId} label={title} />
      ) : (
        <Unavailable what="Observations" reason="scope" />
      )}
    </section>
  );
}

export function EncountersView({ patientId, launchEncounterId, canRead }: Props) {
  const allowed = canRead('Encounter');
  const query = useEncounters({ patient: patientId, count: 20 }, { enabled: allowed });
  const rows = useMemo(() => (query.data ? query.data.items.map(toEncounterRow) : []), [query.data]);
  const [selection, setSelection] = useState<{ id?: string; byUser: boolean }>({ id: launchEncounterId, byUser: false });
  const chosen = selection.id;
  if (!allowed) return <Unavailable what="Encounters" reason="scope" />;

  let list;
  if (query.isPending) list = <Skeleton rows={6} label="Loading encounters" rowHeight="3.5rem" />;
  else if (query.isError)
    list = isForbidden(query.error) ? (
      <Unavailable what="Encounters" reason="forbidden" />
    ) : (
      <InlineError title="Encounters could not be loaded." error={query.error} onRetry={() => void query.refetch()} />
    );
  else
    list = (
      <EncounterList
        rows={rows}
        selected={chosen}
        onSelect={(id) => setSelection({ id: id === chosen ? undefined : id, byUser: true })}
        hasMore={query.hasNextPage}
        loadingMore={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
      />
    );

  // The chosen encounter comes first (in a narrow side panel it is what the clinician opened the app for);
  // on wide screens the grid puts the list on the left and the encounter on the right.
  return (
    <div className="view encounter-layout">
      {chosen ? (
        <EncounterDetail
          key={chosen}
          patientId={patientId}
          encounterId={chosen}
          row={rows.find((r) => r.id === chosen)}
          listSettled={!query.isPending}
          canReadObservations={canRead('Observation')}
          reveal={selection.byUser}
        />
      ) : (
        <p className="encounter-layout__hint">Choose an encounter to see its observations.</p>
      )}
      <section className="section encounter-layout__list" aria-labelledby="encounter-list-heading">
        <div className="section__head">
          <h2 id="encounter-list-heading">Encounters</h2>
        </div>
        {list}
      </section>
    </div>
  );
}
