import { RangeSelector, type RangeOption } from './RangeSelector';

/** The time-range picker of a view, with how many items it shows and whether the list was cut short. */
export function RangeToolbar<K extends string>({
  options,
  range,
  onRange,
  count,
  noun,
  since,
  updating,
  truncated,
}: {
  options: readonly RangeOption<K>[];
  range: K;
  onRange: (key: K) => void;
  /** Undefined until the first answer. */
  count: number | undefined;
  noun: string;
  /** The start of the range, formatted for display. */
  since?: string;
  updating: boolean;
  truncated?: boolean;
}) {
  const status = updating ? 'Updating…' : count === undefined ? '' : `${count} ${noun}${since ? ` since ${since}` : ''}`;
  return (
    <>
      <div className="toolbar">
        <RangeSelector options={options} value={range} onChange={onRange} />
        <p className="toolbar__status" aria-live="polite">
          {status}
        </p>
      </div>
      {truncated && (
        <p className="note">
          Only the most recent {count} {noun} are shown. Choose a shorter range to see all of them.
        </p>
      )}
    </>
  );
}
