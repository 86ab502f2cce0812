import { useMemo } from 'react';
import type { Observation } from 'fhir/r4';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { flagFromInterpretation, flagFromRange, normalRange } from '../../fhir/mappers/labs';
import { toObservationRow } from '../../fhir/mappers/observation';
import { vitalReading } from '../../fhir/mappers/vitals';
import { isForbidden } from '../../fhir/queries/errorStatus';
import { useObservationsByCategory } from '../../fhir/queries/observations';
import { WithFlag } from '../../ui/Flag';
import { flagTone } from '../../ui/flagWords';
import { InlineError } from '../../ui/InlineError';
import { LoadMore } from '../../ui/LoadMore';
import { Skeleton } from '../../ui/Skeleton';
import { Unavailable } from '../../ui/Unavailable';
import { VirtualTable, type Column } from '../../ui/VirtualTable';

/**
 * The categories searched for an encounter's observations, one search each: servers such as Epic refuse an
 * Observation search without a category or code, and take one category at a time.
 */
export const ENCOUNTER_CATEGORIES = ['vital-signs', 'laboratory', 'social-history'] as const;
const CATEGORY_NAMES: Record<string, string> = { 'vital-signs': 'Vital signs', laboratory: 'Lab results', 'social-history': 'Social history' };

interface Row {
  id: string;
  name: string;
  value: string;
  date?: string;
  flag?: string;
  computed: boolean;
  note?: string;
}

/** Vital signs read and flagged as everywhere else (NEWS2, same units and decimals); other results by their lab flags. */
function toRow(observation: Observation, index: number): Row {
  const row = toObservationRow(observation);
  const base = { id: row.id || String(index), date: row.date, note: row.note };
  const vital = vitalReading(observation);
  if (vital) return { ...base, name: vital.label, value: vital.display, flag: vital.flag, computed: false };
  const stated = flagFromInterpretation(observation.interpretation);
  const computed = stated ? undefined : flagFromRange(observation.valueQuantity, normalRange(observation.referenceRange));
  return { ...base, name: row.name, value: row.value, flag: stated ?? computed, computed: !stated && !!computed };
}

const COLUMNS: Column<Row>[] = [
  { key: 'name', header: 'Observation', cell: (r) => r.name, width: '34%' },
  {
    key: 'value',
    header: 'Result',
    cell: (r) => (
      <>
        <WithFlag flag={r.flag} computed={r.computed}>
          <span className={flagTone(r.flag) ? `value--${flagTone(r.flag)}` : undefined}>{r.value}</span>
        </WithFlag>
        {r.note && <span className="table__note">Note: {r.note}</span>}
      </>
    ),
    width: '38%',
  },
  { key: 'date', header: 'Time', cell: (r) => formatFhirDate(r.date) ?? 'Not recorded' },
];

/** Everything the app shows that was recorded during one encounter (one search per category, paged together). */
export function EncounterObservations({ patientId, encounterId, label }: { patientId: string; encounterId: string; label: string }) {
  const query = useObservationsByCategory({ patient: patientId, encounter: encounterId, count: 100 }, ENCOUNTER_CATEGORIES);
  const rows = useMemo(() => (query.data ? query.data.items.map(toRow) : []), [query.data]);
  if (query.isPending) return <Skeleton rows={5} label="Loading observations" />;
  if (query.isError) {
    if (isForbidden(query.error)) return <Unavailable what="Observations" reason="forbidden" />;
    return <InlineError title="Observations could not be loaded." error={query.error} onRetry={() => void query.refetch()} />;
  }
  const failures = query.data.errors.map(({ category, error }) => {
    const what = CATEGORY_NAMES[category] ?? category;
    return isForbidden(error) ? (
      <Unavailable key={category} what={what} reason="forbidden" />
    ) : (
      <InlineError key={category} title={`${what} could not be loaded.`} error={error} onRetry={() => void query.refetch()} />
    );
  });
  return (
    <>
      {failures}
      {rows.length === 0 ? (
        <p className="empty">No observations recorded for this encounter.</p>
      ) : (
        <VirtualTable rows={rows} columns={COLUMNS} rowKey={(r) => r.id} label={`Observations of ${label}`} maxHeight={400} />
      )}
      <LoadMore hasMore={query.hasNextPage} loading={query.isFetchingNextPage} onLoad={() => void query.fetchNextPage()} label="Load more observations" />
    </>
  );
}
