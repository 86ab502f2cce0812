import { describe, expect, it } from 'vitest';
import { normaliseQuantity, roundTo, ucumCodeOf, UCUM_SYSTEM } from '../../../src/fhir/mappers/units';

const q = (value: number, code?: string, unit = code, system: string | undefined = UCUM_SYSTEM) => ({ value, code, unit, system: code ? system : undefined });

describe('ucumCodeOf', () => {
  it('trusts a UCUM code, falls back to known unit texts', () => {
    expect(ucumCodeOf({ code: '[lb_av]', system: UCUM_SYSTEM, unit: 'lbs' })).toBe('[lb_av]');
    expect(ucumCodeOf({ unit: 'lbs' })).toBe('[lb_av]');
    expect(ucumCodeOf({ unit: '°F' })).toBe('[degF]');
    expect(ucumCodeOf({ unit: 'mmHg' })).toBe('mm[Hg]');
    expect(ucumCodeOf({ unit: 'bpm' })).toBe('/min');
    expect(ucumCodeOf({ code: 'LB', system: 'http://example.org/local-units', unit: 'pound' })).toBe('[lb_av]');
    expect(ucumCodeOf({ unit: 'stone' })).toBeUndefined();
  });
});

describe('normaliseQuantity', () => {
  it('converts pounds and grams to kilograms', () => {
    expect(normaliseQuantity(q(154.3, '[lb_av]'), 'kg')).toEqual({ value: 154.3 * 0.45359237, unit: 'kg', original: { value: 154.3, unit: 'lb' } });
    expect(normaliseQuantity(q(71500, 'g'), 'kg')!.value).toBeCloseTo(71.5);
    expect(normaliseQuantity(q(70, 'kg'), 'kg')).toEqual({ value: 70, unit: 'kg' });
  });

  it('converts Fahrenheit (and kelvin) to Celsius', () => {
    expect(normaliseQuantity(q(98.6, '[degF]'), 'Cel')!.value).toBeCloseTo(37, 5);
    expect(normaliseQuantity(q(212, '[degF]'), 'Cel')!.value).toBeCloseTo(100, 5);
    expect(normaliseQuantity(q(310.15, 'K'), 'Cel')!.value).toBeCloseTo(37, 5);
    expect(normaliseQuantity(q(36.6, 'Cel'), 'Cel')).toEqual({ value: 36.6, unit: 'Cel' });
  });

  it('refuses units of another dimension or unknown units', () => {
    expect(normaliseQuantity(q(37, 'Cel'), 'kg')).toBeUndefined();
    expect(normaliseQuantity(q(11, '[stone_av]'), 'kg')).toBeUndefined();
    expect(normaliseQuantity(q(5, 'mg/dL'), '%')).toBeUndefined();
  });

  it('accepts a unit-less value only where the unit is optional, and never a missing value', () => {
    expect(normaliseQuantity({ value: 72 }, '/min', true)).toEqual({ value: 72, unit: '/min' });
    expect(normaliseQuantity({ value: 70 }, 'kg', false)).toBeUndefined();
    expect(normaliseQuantity({ unit: 'kg', code: 'kg' }, 'kg')).toBeUndefined();
    expect(normaliseQuantity(undefined, 'kg')).toBeUndefined();
    expect(normaliseQuantity({ value: Number.NaN, code: 'kg' }, 'kg')).toBeUndefined();
  });
});

describe('roundTo', () => {
  it('rounds without float noise', () => {
    expect(roundTo(69.98999, 1)).toBe(70);
    expect(roundTo(1.005, 2)).toBeCloseTo(1.0, 1);
  });
});
