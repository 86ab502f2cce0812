import { useMemo } from 'react';
import type { Observation } from 'fhir/r4';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { flagFromInterpretation, flagFromRange, normalRange } from '../../fhir/mappers/labs';
import { toObservationRow } from '../../fhir/mappers/observation';
import { isForbidden } from '../../fhir/queries/errorStatus';
import { useObservations } from '../../fhir/queries/observations';
import { Flag } from '../../ui/Flag';
import { InlineError } from '../../ui/InlineError';
import { LoadMore } from '../../ui/LoadMore';
import { Skeleton } from '../../ui/Skeleton';
import { Unavailable } from '../../ui/Unavailable';
import { VirtualTable, type Column } from '../../ui/VirtualTable';

interface Row {
  id: string;
  name: string;
  value: string;
  date?: string;
  category?: string;
  flag?: string;
  computed: boolean;
}

function toRow(observation: Observation, index: number): Row {
  const row = toObservationRow(observation);
  const stated = flagFromInterpretation(observation.interpretation);
  const computed = stated ? undefined : flagFromRange(observation.valueQuantity, normalRange(observation.referenceRange));
  return { id: row.id || String(index), name: row.name, value: row.value, date: row.date, category: row.category, flag: stated ?? computed, computed: !stated && !!computed };
}

const COLUMNS: Column<Row>[] = [
  { key: 'name', header: 'Observation', cell: (r) => r.name, width: '40%' },
  {
    key: 'value',
    header: 'Result',
    cell: (r) => (
      <>
        {r.value} <Flag flag={r.flag} computed={r.computed} />
      </>
    ),
    width: '30%',
  },
  { key: 'date', header: 'Time', cell: (r) => formatFhirDate(r.date) ?? 'Not recorded' },
];

/** Everything recorded during one encounter (`Observation?encounter=…&patient=…`). */
export function EncounterObservations({ patientId, encounterId, label }: { patientId: string; encounterId: string; label: string }) {
  const query = useObservations({ patient: patientId, encounter: encounterId, count: 100 });
  const rows = useMemo(() => (query.data ? query.data.items.map(toRow) : []), [query.data]);
  if (query.isPending) return <Skeleton rows={5} label="Loading observations" />;
  if (query.isError) {
    if (isForbidden(query.error)) return <Unavailable what="Observations" reason="forbidden" />;
    return <InlineError title="Observations could not be loaded." error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (rows.length === 0) return <p className="empty">No observations recorded for this encounter.</p>;
  return (
    <>
      <VirtualTable rows={rows} columns={COLUMNS} rowKey={(r) => r.id} label={`Observations of ${label}`} maxHeight={400} />
      <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoad={() => void query.fetchNextPage()} label="Load more observations" />
    </>
  );
}
