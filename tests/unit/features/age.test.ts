import { describe, expect, it } from 'vitest';
import { fhirDateMs, formatAge, isStale } from '../../../src/lib/age';
import { rangeContaining } from '../../../src/lib/timeRange';

const NOW = new Date(2026, 11, 2, 12, 0, 0); // 2 Dec 2026, 12:00 local
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const MIN = 60_000;
const DAY = 86_400_000;

describe('formatAge', () => {
  it.each([
    [ago(20_000), 'just now'],
    [ago(25 * MIN), '25 minutes ago'],
    [ago(5 * 60 * MIN), '5 hours ago'],
    [ago(DAY), '1 day ago'],
    [ago(3 * DAY), '3 days ago'],
    [ago(41 * DAY), '41 days ago'],
  ])('%s → %s', (date, words) => expect(formatAge(date, NOW)).toBe(words));

  it('counts calendar months from 6 weeks to 2 years, then years', () => {
    expect(formatAge('2026-10-01', NOW)).toBe('2 months ago');
    expect(formatAge('2025-10-02T08:00:00', NOW)).toBe('14 months ago');
    expect(formatAge('2025-10-03', NOW)).toBe('13 months ago'); // the 14th month has not come yet
    expect(formatAge('2024-12-03', NOW)).toBe('23 months ago');
    expect(formatAge('2024-12-02', NOW)).toBe('2 years ago');
    expect(formatAge('2019-05', NOW)).toBe('7 years ago');
    expect(formatAge('2010', NOW)).toBe('16 years ago');
  });

  it('says "in …" for a date ahead of this clock, and nothing for no date', () => {
    expect(formatAge(new Date(NOW.getTime() + 2 * 60 * MIN).toISOString(), NOW)).toBe('in 2 hours');
    expect(formatAge(undefined, NOW)).toBeUndefined();
    expect(formatAge('not a date', NOW)).toBeUndefined();
  });
});

describe('isStale', () => {
  it('is true only for values more than a year old', () => {
    expect(isStale('2025-12-03T00:00:00', NOW)).toBe(false);
    expect(isStale('2025-12-02T13:00:00', NOW)).toBe(false);
    expect(isStale('2025-12-02T11:00:00', NOW)).toBe(true);
    expect(isStale('2025-06', NOW)).toBe(true);
    expect(isStale(undefined, NOW)).toBe(false);
  });

  it('reads partial dates from their first day', () => {
    expect(fhirDateMs('2024')).toBe(new Date(2024, 0, 1).getTime());
    expect(fhirDateMs('2024-03')).toBe(new Date(2024, 2, 1).getTime());
    expect(Number.isNaN(fhirDateMs('03/04/2024'))).toBe(true);
  });
});

describe('rangeContaining', () => {
  it('opens on the preferred range when it holds the latest reading, else the next longer one', () => {
    expect(rangeContaining(new Date(2026, 10, 1).getTime(), '1y', NOW)).toBe('1y');
    expect(rangeContaining(new Date(2025, 5, 1).getTime(), '1y', NOW)).toBe('5y'); // 18 months old
    expect(rangeContaining(new Date(2015, 0, 1).getTime(), '1y', NOW)).toBe('all');
    expect(rangeContaining(new Date(2026, 5, 1).getTime(), '3m', NOW)).toBe('1y');
    expect(rangeContaining(undefined, '1y', NOW)).toBe('1y');
  });
});
