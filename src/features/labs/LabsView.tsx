import { useMemo, useState } from 'react';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { groupLabs, hasCategory } from '../../fhir/mappers/labs';
import { isForbidden } from '../../fhir/queries/errorStatus';
import { useAllObservations } from '../../fhir/queries/observations';
import { rangeStartDate, TIME_RANGES, type TimeRangeKey } from '../../lib/timeRange';
import { InlineError } from '../../ui/InlineError';
import { RangeToolbar } from '../../ui/RangeToolbar';
import { Skeleton } from '../../ui/Skeleton';
import { Unavailable } from '../../ui/Unavailable';
import { LabTestDetail } from './LabTestDetail';
import { LabTestList } from './LabTestList';

const PAGE_SIZE = 1000;

export function LabsView({ patientId, canRead }: { patientId: string; canRead: (resourceType: string) => boolean }) {
  const [range, setRange] = useState<TimeRangeKey>('all');
  const [selected, setSelected] = useState<string>();
  const from = rangeStartDate(range);
  const allowed = canRead('Observation');
  const query = useAllObservations({ patient: patientId, category: 'laboratory', from, count: PAGE_SIZE }, { enabled: allowed, keepPrevious: true });
  const groups = useMemo(() => (query.data ? groupLabs(query.data.items.filter((o) => hasCategory(o, 'laboratory'))) : []), [query.data]);
  const group = groups.find((g) => g.key === selected);

  if (!allowed) return <Unavailable what="Lab results" reason="scope" />;
  const updating = query.isPlaceholderData && query.isFetching;
  let body;
  if (query.isPending) body = <Skeleton rows={6} label="Loading lab results" rowHeight="3.5rem" />;
  else if (query.isError && !query.data)
    body = isForbidden(query.error) ? (
      <Unavailable what="Lab results" reason="forbidden" />
    ) : (
      <InlineError title="Lab results could not be loaded." error={query.error} onRetry={() => void query.refetch()} />
    );
  else if (groups.length === 0) body = <p className="empty">No lab results in this period.</p>;
  else
    body = (
      <div className={`lab-layout${updating ? ' is-updating' : ''}`}>
        <section className="section" aria-labelledby="lab-tests-heading">
          <div className="section__head">
            <h2 id="lab-tests-heading">Tests</h2>
            <span className="section__hint">Newest first · * flag computed from the reference range</span>
          </div>
          <LabTestList groups={groups} selected={group?.key} onSelect={(key) => setSelected(key === selected ? undefined : key)} />
        </section>
        {group ? (
          <LabTestDetail key={group.key} group={group} reveal />
        ) : (
          <p className="lab-layout__hint">Choose a test to see its history.</p>
        )}
      </div>
    );

  return (
    <div className="view view--labs">
      <RangeToolbar
        options={TIME_RANGES}
        range={range}
        onRange={setRange}
        count={query.data?.items.length}
        noun="results"
        since={formatFhirDate(from)}
        updating={updating}
        truncated={query.data?.truncated}
      />
      {body}
    </div>
  );
}
