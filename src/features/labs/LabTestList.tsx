import { formatFhirDate } from '../../fhir/mappers/dates';
import type { LabGroup } from '../../fhir/mappers/labs';
import { Flag } from '../../ui/Flag';
import { Sparkline } from '../../ui/Sparkline';

/** Numeric results oldest → newest, in the newest result's unit only, for a sparkline. */
export function trendValues(group: LabGroup, limit = 30): number[] {
  const unit = group.latest.unit;
  return group.results
    .filter((r) => r.numeric !== undefined && r.unit === unit)
    .slice(0, limit)
    .map((r) => r.numeric!)
    .reverse();
}

/** One row per test: latest value, flag, range, date and a sparkline. Choosing a test opens its history. */
export function LabTestList({ groups, selected, onSelect }: { groups: LabGroup[]; selected?: string; onSelect: (key: string) => void }) {
  return (
    <ul className="lab-tests" aria-label="Lab tests">
      {groups.map((group) => {
        const { latest } = group;
        const isSelected = group.key === selected;
        return (
          <li key={group.key} className={`lab-test${isSelected ? ' lab-test--selected' : ''}`}>
            <button type="button" className="lab-test__button" aria-pressed={isSelected} onClick={() => onSelect(group.key)}>
              <span className="lab-test__name">{group.name}</span>
              <span className="lab-test__latest">
                <strong>{latest.value}</strong> <Flag flag={latest.flag} computed={latest.flagSource === 'reference-range'} />
              </span>
              <span className="lab-test__meta">
                {formatFhirDate(latest.date) ?? 'Date not recorded'}
                {latest.referenceRange && ` · Range ${latest.referenceRange}`} · {group.results.length} {group.results.length === 1 ? 'result' : 'results'}
                {group.abnormalCount > 0 && `, ${group.abnormalCount} flagged`}
              </span>
              <Sparkline values={trendValues(group)} low={latest.low} high={latest.high} />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
