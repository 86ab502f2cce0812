import { describe, expect, it } from 'vitest';
import { pairedRatios, pairOrder } from './ratios';

describe('pairedRatios', () => {
  it('is the median of the per-pair ratios, not the ratio of the medians', () => {
    // Medians 1000 / 1000 would say 1.00; the pairs say this app was faster in 2 of 3.
    const ratio = pairedRatios([800, 1000, 1300], [1000, 1250, 900]);
    expect(ratio).toEqual({ median: 0.8, min: 0.8, max: 1.44, runs: [0.8, 0.8, 1.44] });
  });

  it('takes the middle two for an even count, and skips pairs that cannot be divided', () => {
    expect(pairedRatios([1, 3, 5, 7, 9], [1, 1, 1, 1, 0])).toMatchObject({ median: 4, min: 1, max: 7, runs: [1, 3, 5, 7, null] });
    expect(pairedRatios([null, 2], [1, null])).toEqual({ median: null, min: null, max: null, runs: [null, null] });
  });

  it('refuses values that are not pairs', () => {
    expect(() => pairedRatios([1, 2], [1])).toThrow(/pairs/);
  });
});

describe('pairOrder', () => {
  it('alternates which side goes first', () => {
    expect([0, 1, 2, 3].map((i) => pairOrder(i, 'A', 'B').join(''))).toEqual(['AB', 'BA', 'AB', 'BA']);
  });
});
