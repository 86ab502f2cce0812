import { useMemo } from 'react';
import { Link } from 'react-router';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { groupLabs, hasCategory } from '../../fhir/mappers/labs';
import { isForbidden } from '../../fhir/queries/errorStatus';
import { useObservationPage } from '../../fhir/queries/observations';
import { Flag } from '../../ui/Flag';
import { InlineError } from '../../ui/InlineError';
import { Skeleton } from '../../ui/Skeleton';
import { Unavailable } from '../../ui/Unavailable';

const SHOWN = 8;

/** The newest result of each test among the most recent lab results, abnormal ones flagged. */
export function LatestLabs({ patientId, labsPath }: { patientId: string; labsPath: string }) {
  const query = useObservationPage({ patient: patientId, category: 'laboratory', count: 50 });
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
        {groups.slice(0, SHOWN).map(({ key, latest }) => (
          <li key={key} className="row lab-row">
            <span className="row__main">
              <span className="lab-row__name">{latest.name}</span>{' '}
              <strong className="lab-row__value">{latest.value}</strong> <Flag flag={latest.flag} computed={latest.flagSource === 'reference-range'} />
            </span>
            <span className="row__meta">
              {formatFhirDate(latest.date) ?? 'Date not recorded'}
              {latest.referenceRange && ` · Range ${latest.referenceRange}`}
            </span>
          </li>
        ))}
      </ul>
      <p className="more-link">
        <Link to={labsPath}>All lab results</Link>
      </p>
    </>
  );
}
