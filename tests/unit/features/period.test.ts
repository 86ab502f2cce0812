import { describe, expect, it } from 'vitest';
import { formatFhirDate, formatFhirPeriod } from '../../../src/fhir/mappers/dates';

describe('formatFhirPeriod', () => {
  it('gives only the end time when a period starts and ends on the same day', () => {
    const start = new Date(2026, 9, 25, 14, 0).toISOString();
    const end = new Date(2026, 9, 25, 14, 22).toISOString();
    expect(formatFhirPeriod(start, end)).toBe(`${formatFhirDate(start)} – 14:22`);
  });
  it('gives both dates across days, and copes with open periods', () => {
    const start = new Date(2026, 9, 25, 14, 0).toISOString();
    const end = new Date(2026, 9, 28, 9, 0).toISOString();
    expect(formatFhirPeriod(start, end)).toBe(`${formatFhirDate(start)} – ${formatFhirDate(end)}`);
    expect(formatFhirPeriod(start, undefined)).toBe(formatFhirDate(start));
    expect(formatFhirPeriod('2024-01-01', '2024-01-03')).toBe('1 Jan 2024 – 3 Jan 2024');
    expect(formatFhirPeriod(undefined, '2024-01-03')).toBe('until 3 Jan 2024');
    expect(formatFhirPeriod(undefined, undefined)).toBeUndefined();
  });
});
