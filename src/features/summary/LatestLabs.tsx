import { useMemo } from 'react';
import { Link } from 'react-router';
import { formatFhirDate, formatShortDate } from '../../fhir/mappers/dates';
import { groupLabs, hasCategory, type LabGroup } from '../../fhir/mappers/labs';
import { isForbidden } from '../../fhir/queries/errorStatus';
import { useObservationPage } from '../../fhir/queries/observations';
import { isStale } from '../../lib/age';
import { Age } from '../../ui/Age';
import { WithFlag } from '../../ui/Flag';
import { flagTone } from '../../ui/flagWords';
import { InlineError } from '../../ui/InlineError';
import { Note } from '../../ui/Note';
import { Skeleton } from '../../ui/Skeleton';
import { TrendMark } from '../../ui/TrendMark';
import { Unavailable } from '../../ui/Unavailable';
import { summaryLabsSearch } from './summaryQueries';

const SHOWN = 8;

function rowClass({ latest }: LabGroup): string {
  const tone = flagTone(latest.flag);
  return `row lab-row${tone ? ` row--${tone}` : ''}${isStale(latest.date) ? ' row--stale' : ''}`;
}

/** The newest result of each test among the most recent lab results: flag, age, trend and note. */
export function LatestLabs({ patientId, labsPath }: { patientId: string; labsPath: string }) {
  const query = useObservationPage(summaryLabsSearch(patientId));
  const groups = useMemo(() => (query.data ? groupLabs(query.data.items.filter((o) => hasCategory(o, 'laboratory'))) : []), [query.data]);
  if (query.isPending) return <Skeleton rows={4} label="Loading lab results" />;
  if (query.isError) {
    if (isForbidden(query.error)) return <Unavailable what="Lab results" reason="forbidden" />;
    return <InlineError title="Lab results could not be loaded." error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (groups.length === 0) return <p className="empty">No lab results recorded.</p>;
  return (
    <>
      <ul className="rows" aria-label="Latest lab results">
        {groups.slice(0, SHOWN).map((group) => {
          const { key, latest, previous, trend } = group;
          return (
            <li key={key} className={rowClass(group)}>
              <span className="row__main">
                <span className="lab-row__name" title={latest.fullName}>
                  {latest.name}
                </span>{' '}
                <WithFlag flag={latest.flag} computed={latest.flagSource === 'reference-range'}>
                  <strong className="lab-row__value">{latest.value}</strong>
                </WithFlag>
              </span>{' '}
              <span className="row__meta">
                <Age value={latest.date} exact={formatFhirDate(latest.date)} />
                {latest.referenceRange && ` · Range ${latest.referenceRange}`}
              </span>{' '}
              {previous && trend && (
                <span className="row__meta">
                  <TrendMark direction={trend} from={String(previous.numeric)} since={formatShortDate(previous.date) ?? 'an earlier result'} />
                </span>
              )}
              <Note text={latest.note} />
            </li>
          );
        })}
      </ul>
      <p className="more-link">
        <Link to={labsPath}>All lab results</Link>
      </p>
    </>
  );
}
