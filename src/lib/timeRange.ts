// Time ranges for charts and searches. A range start is a calendar date (YYYY-MM-DD, local time), so the
// query key it goes into stays the same for a whole day.

export type TimeRangeKey = '3m' | '1y' | '5y' | 'all';

export interface TimeRange {
  key: TimeRangeKey;
  label: string;
  /** Months back from today; undefined = everything. */
  months?: number;
}

export const TIME_RANGES: readonly TimeRange[] = [
  { key: '3m', label: '3 months', months: 3 },
  { key: '1y', label: '1 year', months: 12 },
  { key: '5y', label: '5 years', months: 60 },
  { key: 'all', label: 'All', months: undefined },
];

export const isTimeRangeKey = (value: string): value is TimeRangeKey => TIME_RANGES.some((r) => r.key === value);

const pad = (n: number) => String(n).padStart(2, '0');
export const localIsoDate = (date: Date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** The first day of `key` counted back from `now`, as YYYY-MM-DD; undefined for "all". */
export function rangeStartDate(key: TimeRangeKey, now: Date = new Date()): string | undefined {
  const months = TIME_RANGES.find((r) => r.key === key)?.months;
  if (months === undefined) return undefined;
  const start = new Date(now.getFullYear(), now.getMonth() - months, now.getDate());
  // 31 May minus 3 months must not roll over into March.
  if (start.getDate() !== now.getDate()) start.setDate(0);
  return localIsoDate(start);
}

/** Milliseconds since the epoch of a YYYY-MM-DD date at local midnight. */
export function dateToMs(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(y!, (m ?? 1) - 1, d ?? 1).getTime();
}

/** [start of `from`, end of today] in seconds since the epoch: the x window of a chart for a range. */
export function rangeWindowSeconds(from: string, now: Date = new Date()): [number, number] {
  const endOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
  return [dateToMs(from) / 1000, endOfToday / 1000];
}

/**
 * The range to open a view on so that it shows the reading at `latestMs`: `preferred` when it reaches back that
 * far, else the next longer one, else "all". With no reading (undefined) the preferred range.
 */
export function rangeContaining(latestMs: number | undefined, preferred: TimeRangeKey = '1y', now: Date = new Date()): TimeRangeKey {
  if (latestMs === undefined || Number.isNaN(latestMs)) return preferred;
  const start = TIME_RANGES.findIndex((r) => r.key === preferred);
  for (const range of TIME_RANGES.slice(start)) {
    const from = rangeStartDate(range.key, now);
    if (from === undefined || dateToMs(from) <= latestMs) return range.key;
  }
  return 'all';
}
