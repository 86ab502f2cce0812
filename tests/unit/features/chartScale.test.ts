import { describe, expect, it } from 'vitest';
import { yRange } from '../../../src/ui/charts/yRange';

const band = (low: number, high: number) => ({ low, high, label: 'normal' });

describe('yRange', () => {
  it('pads the data and takes in a band edge near it', () => {
    const [lo, hi] = yRange(70, 110, [band(51, 90)]);
    expect(lo).toBeLessThan(51); // 51 is within the data's span below 70: the band's bottom is shown
    expect(hi).toBeGreaterThan(110);
    expect(hi).toBeLessThan(115);
  });

  it('leaves out a far band edge, so the readings keep the chart’s height (systolic 111–219 over 120–150)', () => {
    const [lo, hi] = yRange(120, 150, [band(111, 219)]);
    expect(lo).toBeLessThan(111);
    expect(hi).toBeLessThan(160);
  });

  it('shows the band alone when there is no data, and a unit range when there is nothing', () => {
    const [lo, hi] = yRange(null, null, [band(12, 20)]);
    expect(lo).toBeLessThan(12);
    expect(hi).toBeGreaterThan(20);
    expect(yRange(null, null, [])).toEqual([0, 1]);
  });

  it('gives a flat series some height', () => {
    const [lo, hi] = yRange(37, 37, []);
    expect(hi - lo).toBeGreaterThan(0);
  });
});
