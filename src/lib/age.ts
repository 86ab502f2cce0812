// How long ago a value was recorded, in words a clinician reads at a glance ("3 days ago", "14 months ago"),
// and whether it is old enough to be stale. Partial FHIR dates (2024, 2024-03) count from their first day.

/** Values older than this many months look stale. */
export const STALE_AFTER_MONTHS = 12;

const RELATIVE = new Intl.RelativeTimeFormat('en-GB', { numeric: 'always' });

/** Epoch ms of a FHIR date or date-time (partial dates at local midnight of their first day); NaN if unreadable. */
export function fhirDateMs(value: string | undefined): number {
  if (!value) return NaN;
  const partial = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
  if (partial) return new Date(Number(partial[1]), Number(partial[2] ?? 1) - 1, Number(partial[3] ?? 1)).getTime();
  return /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
}

/** Whole calendar months from `from` to `to` (not counting a month whose day has not come yet). */
function monthsBetween(from: Date, to: Date): number {
  let months = (to.getFullYear() - from.getFullYear()) * 12 + (to.getMonth() - from.getMonth());
  if (to.getDate() < from.getDate()) months -= 1;
  return months;
}

const calendarDaysBetween = (from: Date, to: Date) =>
  Math.round((Date.UTC(to.getFullYear(), to.getMonth(), to.getDate()) - Date.UTC(from.getFullYear(), from.getMonth(), from.getDate())) / 86_400_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "just now", "25 minutes ago", "5 hours ago", "3 days ago" (up to 6 weeks: "41 days ago" reads better than
 * "1 month ago" for a recent reading), "14 months ago" (up to 2 years), "3 years ago"; "in 2 hours" for a
 * date in the future (a clock ahead of ours). Undefined when the date cannot be read.
 */
export function formatAge(value: string | undefined, now: Date = new Date()): string | undefined {
  const t = fhirDateMs(value);
  if (Number.isNaN(t)) return undefined;
  const diff = now.getTime() - t;
  const future = diff < 0;
  const abs = Math.abs(diff);
  const say = (n: number, unit: Intl.RelativeTimeFormatUnit) => RELATIVE.format(future ? n : -n, unit);
  if (abs < MINUTE) return 'just now';
  if (abs < HOUR) return say(Math.floor(abs / MINUTE), 'minute');
  if (abs < DAY) return say(Math.floor(abs / HOUR), 'hour');
  // Days count calendar days, so the words agree with the date beside them (yesterday 23:00 is "1 day ago").
  if (abs < 42 * DAY) return say(Math.max(1, calendarDaysBetween(future ? now : new Date(t), future ? new Date(t) : now)), 'day');
  const months = future ? monthsBetween(now, new Date(t)) : monthsBetween(new Date(t), now);
  if (months < 24) return say(Math.max(1, months), 'month');
  return say(Math.floor(months / 12), 'year');
}

/** True when the value is more than STALE_AFTER_MONTHS old. */
export function isStale(value: string | undefined, now: Date = new Date(), months = STALE_AFTER_MONTHS): boolean {
  const t = fhirDateMs(value);
  if (Number.isNaN(t)) return false;
  const limit = new Date(now.getFullYear(), now.getMonth() - months, now.getDate(), now.getHours(), now.getMinutes(), now.getSeconds());
  return t < limit.getTime();
}
