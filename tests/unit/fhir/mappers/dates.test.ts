import { describe, expect, it } from 'vitest';
import { ageInYears, formatFhirDate, formatShortDate } from '../../../../src/fhir/mappers/dates';

describe('ageInYears', () => {
  const at = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12);

  it.each<[string, Date, number]>([
    ['1990-06-15', at(2024, 6, 14), 33],
    ['1990-06-15', at(2024, 6, 15), 34],
    ['1990-06-15', at(2024, 6, 16), 34],
    ['1990-06-15', at(2024, 5, 30), 33],
    ['1990-06-15', at(2024, 7, 1), 34],
    ['1990-12-31', at(2024, 12, 30), 33],
    ['1990-12-31', at(2024, 12, 31), 34],
    ['2000-02-29', at(2024, 2, 28), 23],
    ['2000-02-29', at(2024, 2, 29), 24],
    ['2024-06-15', at(2024, 6, 15), 0],
    ['2024-06-15', at(2025, 6, 14), 0],
  ])('born %s, on %s: %i', (birthDate, date, age) => {
    expect(ageInYears(birthDate, date)).toBe(age);
  });

  it.each<[string, Date, number]>([
    ['1990', at(2024, 1, 1), 34],
    ['1990', at(2023, 12, 31), 33],
    ['1990-06', at(2024, 5, 31), 33],
    ['1990-06', at(2024, 6, 1), 34],
    ['1990-06-15T08:30:00Z', at(2024, 6, 15), 34],
  ])('handles the partial or timed birth date %s on %s: %i', (birthDate, date, age) => {
    expect(ageInYears(birthDate, date)).toBe(age);
  });

  it.each<[string, string | undefined]>([
    ['undefined', undefined],
    ['an empty string', ''],
    ['garbage', 'unknown'],
    ['a future birth date', '2030-01-01'],
  ])('is undefined for %s', (_label, birthDate) => {
    expect(ageInYears(birthDate, at(2024, 6, 15))).toBeUndefined();
  });

  it('defaults to today', () => {
    const lastYear = new Date().getFullYear() - 1;
    expect(ageInYears(`${lastYear}-01-01`)).toBe(1);
  });
});

describe('formatFhirDate', () => {
  it.each([
    ['a year', '2024', '2024'],
    ['a year and month', '2024-03', 'Mar 2024'],
    ['a date', '2024-03-05', '5 Mar 2024'],
    ['the last day of a year', '2024-12-31', '31 Dec 2024'],
    ['the first day of a year', '2025-01-01', '1 Jan 2025'],
    ['a local date-time', '2024-03-05T14:30:00', '5 Mar 2024, 14:30'],
  ])('formats %s (%s → %s)', (_label, value, expected) => {
    expect(formatFhirDate(value)).toBe(expected);
  });

  it('shows a date-time with an offset in the local time zone', () => {
    // Built from the Date getters (not Intl) so the test holds in whatever time zone it runs.
    const value = '2024-03-05T12:00:00Z';
    const local = new Date(value);
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const pad = (n: number) => String(n).padStart(2, '0');
    const expected = `${local.getDate()} ${months[local.getMonth()]} ${local.getFullYear()}, ${pad(local.getHours())}:${pad(local.getMinutes())}`;
    expect(formatFhirDate(value)).toBe(expected);
  });

  it('returns an unparseable value as it is', () => {
    expect(formatFhirDate('last Tuesday')).toBe('last Tuesday');
  });

  it.each([undefined, ''])('is undefined for %j', (value) => {
    expect(formatFhirDate(value)).toBeUndefined();
  });
});

describe('formatShortDate', () => {
  const now = new Date(2026, 11, 2);
  it('leaves out the year of this year, keeps it for earlier ones', () => {
    expect(formatShortDate('2026-09-17', now)).toMatch(/^17 Sept?$/);
    expect(formatShortDate('2025-09-17T10:00:00', now)).toMatch(/^17 Sept? 2025$/);
    expect(formatShortDate('2024', now)).toBe('2024');
    expect(formatShortDate(undefined, now)).toBeUndefined();
  });
});
