import { formatAge, isStale } from '../lib/age';

/**
 * How old a value is, in words, with the exact date beside it: "3 days ago · 29 Nov 2026". A value more than a
 * year old is marked "Over 1 year" and styled as stale. `exact` is the date as the app formats it.
 */
export function Age({ value, exact, now }: { value: string | undefined; exact: string | undefined; now?: Date }) {
  const age = formatAge(value, now);
  if (!value || !age) return <span className="age">{exact ?? 'Date not recorded'}</span>;
  const stale = isStale(value, now);
  return (
    <span className={`age${stale ? ' age--stale' : ''}`}>
      <time dateTime={value}>{age}</time>
      {exact && <span className="age__date"> · {exact}</span>}
      {stale && <span className="stale-badge"> Over 1 year</span>}
    </span>
  );
}
