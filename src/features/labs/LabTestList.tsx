import { formatFhirDate, formatShortDate } from '../../fhir/mappers/dates';
import type { LabGroup } from '../../fhir/mappers/labs';
import { isStale } from '../../lib/age';
import { Age } from '../../ui/Age';
import { WithFlag } from '../../ui/Flag';
import { flagTone } from '../../ui/flagWords';
import { Note } from '../../ui/Note';
import { Sparkline } from '../../ui/Sparkline';
import { TrendMark } from '../../ui/TrendMark';

/** Numeric results oldest → newest, in the newest result's unit only, for a sparkline. */
export function trendValues(group: LabGroup, limit = 30): number[] {
  const unit = group.latest.unit;
  return group.results
    .filter((r) => r.numeric !== undefined && r.unit === unit)
    .slice(0, limit)
    .map((r) => r.numeric!)
    .reverse();
}

function itemClass(group: LabGroup, selected: boolean): string {
  const tone = flagTone(group.latest.flag);
  return `lab-test${selected ? ' lab-test--selected' : ''}${tone ? ` lab-test--${tone}` : ''}${isStale(group.latest.date) ? ' lab-test--stale' : ''}`;
}

/** One row per test: latest value, flag, age, trend, range and a sparkline. Choosing a test opens its history. */
export function LabTestList({ groups, selected, onSelect }: { groups: LabGroup[]; selected?: string; onSelect: (key: string) => void }) {
  return (
    <ul className="lab-tests" aria-label="Lab tests">
      {groups.map((group) => {
        const { latest, previous, trend } = group;
        const isSelected = group.key === selected;
        return (
          <li key={group.key} className={itemClass(group, isSelected)}>
            <button type="button" className="lab-test__button" aria-pressed={isSelected} onClick={() => onSelect(group.key)}>
              <span className="lab-test__name" title={latest.fullName}>
                {group.name}
              </span>{' '}
              <span className="lab-test__latest">
                <WithFlag flag={latest.flag} computed={latest.flagSource === 'reference-range'}>
                  <strong>{latest.value}</strong>
                </WithFlag>
                {previous && trend && (
                  <>
                    {' '}
                    <TrendMark direction={trend} from={String(previous.numeric)} since={formatShortDate(previous.date) ?? 'an earlier result'} />
                  </>
                )}
              </span>{' '}
              <span className="lab-test__meta">
                <Age value={latest.date} exact={formatFhirDate(latest.date)} />
                {latest.referenceRange && ` · Range ${latest.referenceRange}`} · {group.results.length} {group.results.length === 1 ? 'result' : 'results'}
                {group.abnormalCount > 0 && `, ${group.abnormalCount} flagged`}
              </span>
              <Sparkline values={trendValues(group)} low={latest.low} high={latest.high} />
            </button>
            <Note text={latest.note} className="lab-test__note obs-note" />
          </li>
        );
      })}
    </ul>
  );
}
