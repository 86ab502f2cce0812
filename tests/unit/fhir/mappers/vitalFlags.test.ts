import { describe, expect, it } from 'vitest';
import { news2NormalRange, news2Score, vitalFlag, type VitalFlag } from '../../../../src/fhir/mappers/vitalFlags';
import { MEASURES, type VitalMeasure } from '../../../../src/fhir/mappers/vitals';

// Every band edge of NEWS2 Chart 1 (RCP 2017), from both sides: [value, NEWS2 score, flag].
const EDGES: Record<string, [number, number, VitalFlag][]> = {
  respRate: [
    [8, 3, 'LL'],
    [9, 1, 'L'],
    [11, 1, 'L'],
    [12, 0, 'N'],
    [20, 0, 'N'],
    [21, 2, 'H'],
    [24, 2, 'H'],
    [25, 3, 'HH'],
  ],
  spo2: [
    [91, 3, 'LL'],
    [92, 2, 'L'],
    [93, 2, 'L'],
    [94, 1, 'L'],
    [95, 1, 'L'],
    [96, 0, 'N'],
    [100, 0, 'N'],
  ],
  systolic: [
    [90, 3, 'LL'],
    [91, 2, 'L'],
    [100, 2, 'L'],
    [101, 1, 'L'],
    [110, 1, 'L'],
    [111, 0, 'N'],
    [219, 0, 'N'],
    [220, 3, 'HH'],
  ],
  heartRate: [
    [40, 3, 'LL'],
    [41, 1, 'L'],
    [50, 1, 'L'],
    [51, 0, 'N'],
    [90, 0, 'N'],
    [91, 1, 'H'],
    [110, 1, 'H'],
    [111, 2, 'H'],
    [130, 2, 'H'],
    [131, 3, 'HH'],
  ],
  temperature: [
    [35.0, 3, 'LL'],
    [35.1, 1, 'L'],
    [36.0, 1, 'L'],
    [36.1, 0, 'N'],
    [38.0, 0, 'N'],
    [38.1, 1, 'H'],
    [39.0, 1, 'H'],
    [39.1, 2, 'H'],
  ],
};

describe('NEWS2 vital flags at each band edge', () => {
  for (const [measure, edges] of Object.entries(EDGES)) {
    it.each(edges)(`${measure} %d scores %d and is flagged %s`, (value, score, flag) => {
      expect(news2Score(measure as VitalMeasure, value)).toBe(score);
      expect(vitalFlag(measure as VitalMeasure, value)).toBe(flag);
    });
  }

  it('rounds to the precision NEWS2 states before banding (what the clinician sees is what is flagged)', () => {
    expect(vitalFlag('heartRate', 90.4)).toBe('N');
    expect(vitalFlag('heartRate', 90.5)).toBe('H');
    expect(vitalFlag('temperature', 38.04)).toBe('N');
    expect(vitalFlag('temperature', 38.06)).toBe('H');
    expect(vitalFlag('temperature', 34.96)).toBe('LL');
  });

  it('the extremes: far out of range is still flagged, never an error', () => {
    expect(vitalFlag('respRate', 0)).toBe('LL');
    expect(vitalFlag('heartRate', 250)).toBe('HH');
    expect(vitalFlag('temperature', 43)).toBe('H'); // NEWS2's top temperature band scores 2, not 3
    expect(vitalFlag('heartRate', Number.NaN)).toBeUndefined();
  });

  it.each<VitalMeasure>(['diastolic', 'weight', 'height', 'bmi'])('does not flag %s (NEWS2 has no band for it)', (measure) => {
    expect(vitalFlag(measure, 500)).toBeUndefined();
    expect(news2Score(measure, 500)).toBeUndefined();
    expect(news2NormalRange(measure)).toBeUndefined();
    expect(MEASURES[measure].normal).toBeUndefined();
  });

  it('the charts shade exactly the score-0 band', () => {
    expect(news2NormalRange('respRate')).toEqual({ low: 12, high: 20 });
    expect(news2NormalRange('spo2')).toEqual({ low: 96, high: 100 });
    expect(news2NormalRange('systolic')).toEqual({ low: 111, high: 219 });
    expect(news2NormalRange('heartRate')).toEqual({ low: 51, high: 90 });
    expect(news2NormalRange('temperature')).toEqual({ low: 36.1, high: 38 });
    for (const measure of ['respRate', 'spo2', 'systolic', 'heartRate', 'temperature'] as const) {
      const { low, high } = MEASURES[measure].normal!;
      expect(MEASURES[measure].normal).toEqual(news2NormalRange(measure));
      expect(vitalFlag(measure, low)).toBe('N');
      expect(vitalFlag(measure, high)).toBe('N');
      expect(vitalFlag(measure, low - 10 ** -MEASURES[measure].decimals)).not.toBe('N');
    }
  });
});
