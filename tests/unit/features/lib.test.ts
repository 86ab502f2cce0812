import { describe, expect, it } from 'vitest';
import { minMaxDownsample } from '../../../src/lib/downsample';
import { rangeStartDate, rangeWindowSeconds } from '../../../src/lib/timeRange';

describe('rangeStartDate', () => {
  const now = new Date(2026, 10, 22, 15, 30); // 22 Nov 2026, local time
  it('counts calendar months back, as a date', () => {
    expect(rangeStartDate('3m', now)).toBe('2026-08-22');
    expect(rangeStartDate('1y', now)).toBe('2025-11-22');
    expect(rangeStartDate('5y', now)).toBe('2021-11-22');
    expect(rangeStartDate('all', now)).toBeUndefined();
  });
  it('does not roll over at month ends', () => {
    expect(rangeStartDate('3m', new Date(2026, 4, 31))).toBe('2026-02-28');
  });
  it('gives a chart window that ends with today', () => {
    const [start, end] = rangeWindowSeconds('2026-08-22', now);
    expect(start).toBe(new Date(2026, 7, 22).getTime() / 1000);
    expect(end).toBe(new Date(2026, 10, 23).getTime() / 1000);
  });
});

describe('minMaxDownsample', () => {
  it('passes small series through', () => {
    const { xs, ys } = minMaxDownsample([1, 2, 3], [5, 6, 7], 10);
    expect(Array.from(xs)).toEqual([1, 2, 3]);
    expect(Array.from(ys)).toEqual([5, 6, 7]);
  });
  it('keeps extremes and ends, bounded by ~4 points per bucket', () => {
    const n = 5000;
    const xs = Array.from({ length: n }, (_, i) => i);
    const ys = xs.map((i) => (i === 2500 ? 999 : i === 1234 ? -999 : Math.sin(i / 50)));
    const out = minMaxDownsample(xs, ys, 100);
    expect(out.xs.length).toBeLessThanOrEqual(400);
    expect(Array.from(out.ys)).toContain(999);
    expect(Array.from(out.ys)).toContain(-999);
    expect(out.xs[0]).toBe(0);
    expect(out.xs[out.xs.length - 1]).toBe(n - 1);
    expect([...out.xs].every((x, i, a) => i === 0 || x > a[i - 1]!)).toBe(true);
  });
});
