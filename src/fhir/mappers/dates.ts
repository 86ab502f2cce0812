// Dates as FHIR gives them (partial dates allowed), formatted without inventing precision.

/** Whole years between a FHIR date and `at` (default now). */
export function ageInYears(birthDate: string | undefined, at: Date = new Date()): number | undefined {
  if (!birthDate) return undefined;
  const [y, m = 1, d = 1] = birthDate.split('T')[0]!.split('-').map(Number);
  if (!y || Number.isNaN(y)) return undefined;
  let age = at.getFullYear() - y;
  const beforeBirthday = at.getMonth() + 1 < m || (at.getMonth() + 1 === m && at.getDate() < d);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : undefined;
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** `2024-03-05` → `5 Mar 2024`; `2024` stays `2024`; date-times get a time. */
export function formatFhirDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}$/.test(value)) return value;
  if (/^\d{4}-\d{2}$/.test(value)) {
    const [y, m] = value.split('-');
    return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric' }).format(new Date(Number(y), Number(m) - 1, 1));
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return DATE.format(new Date(y!, m! - 1, d!));
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : DATE_TIME.format(date);
}

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const sameLocalDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** A period: `5 Mar 2024, 09:00 – 09:40` on one day, both full dates otherwise; "from …" when open. */
export function formatFhirPeriod(start: string | undefined, end: string | undefined): string | undefined {
  const from = formatFhirDate(start);
  if (!end) return from;
  if (!from) return `until ${formatFhirDate(end)}`;
  const a = new Date(start!);
  const b = new Date(end);
  const timed = start!.includes('T') && end.includes('T');
  if (timed && !Number.isNaN(a.getTime()) && !Number.isNaN(b.getTime()) && sameLocalDay(a, b)) return `${from} – ${TIME.format(b)}`;
  return `${from} – ${formatFhirDate(end)}`;
}

const DAY_MONTH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

/** A short date for a trend: `17 Sep` in the current year, `17 Sep 2024` before it. */
export function formatShortDate(value: string | undefined, now: Date = new Date()): string | undefined {
  if (!value) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return formatFhirDate(value);
  const date = value.length === 10 ? new Date(`${value}T00:00:00`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.getFullYear() === now.getFullYear() ? DAY_MONTH.format(date) : DATE.format(date);
}
