import type { Observation } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { alignSeries, bpReadings, extractVitalSeries, latestVital, trendOf, VITALS } from '../../../src/fhir/mappers/vitals';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
let n = 0;
const obs = (code: string, date: string | undefined, extra: Partial<Observation> = {}): Observation => ({
  resourceType: 'Observation',
  id: `o${++n}`,
  status: 'final',
  code: { coding: [{ system: LOINC, code }] },
  ...(date ? { effectiveDateTime: date } : {}),
  ...extra,
});
const qty = (value: number, code: string) => ({ value, unit: code, system: UCUM, code });
const panel = (sys: number, dia: number, date: string, extra: Partial<Observation> = {}) =>
  obs('85354-9', date, {
    component: [
      { code: { coding: [{ system: LOINC, code: '8480-6' }] }, valueQuantity: qty(sys, 'mm[Hg]') },
      { code: { coding: [{ system: LOINC, code: '8462-4' }] }, valueQuantity: qty(dia, 'mm[Hg]') },
    ],
    ...extra,
  });
const def = (key: string) => VITALS.find((v) => v.key === key)!;

describe('extractVitalSeries: blood pressure', () => {
  it('takes systolic and diastolic from 85354-9 panels', () => {
    const series = extractVitalSeries([panel(120, 80, '2024-01-01T10:00:00Z')]);
    expect(series.points.systolic.map((p) => p.value)).toEqual([120]);
    expect(series.points.diastolic.map((p) => p.value)).toEqual([80]);
  });

  it('takes stand-alone 8480-6 / 8462-4 observations too, sorted by time', () => {
    const series = extractVitalSeries([
      obs('8480-6', '2024-02-01T10:00:00Z', { valueQuantity: qty(135, 'mm[Hg]') }),
      obs('8462-4', '2024-02-01T10:00:00Z', { valueQuantity: qty(85, 'mm[Hg]') }),
      panel(120, 80, '2024-01-01T10:00:00Z'),
    ]);
    expect(series.points.systolic.map((p) => p.value)).toEqual([120, 135]);
    expect(series.points.diastolic.map((p) => p.value)).toEqual([80, 85]);
  });

  it('does not count one reading twice when it comes as a panel and as stand-alone observations', () => {
    const date = '2024-03-01T10:00:00Z';
    const series = extractVitalSeries([panel(118, 76, date), obs('8480-6', date, { valueQuantity: qty(118, 'mm[Hg]') })]);
    expect(series.points.systolic).toHaveLength(1);
  });

  it('pairs systolic and diastolic by time', () => {
    const series = extractVitalSeries([
      panel(120, 80, '2024-01-01T10:00:00Z'),
      obs('8480-6', '2024-02-01T10:00:00Z', { valueQuantity: qty(140, 'mm[Hg]') }),
    ]);
    const readings = bpReadings(series);
    expect(readings).toHaveLength(2);
    expect(readings[1]!.systolic!.value).toBe(140);
    expect(readings[1]!.diastolic).toBeUndefined();
  });

  it('ignores entered-in-error observations and a panel without a date', () => {
    const series = extractVitalSeries([panel(200, 120, '2024-01-01T10:00:00Z', { status: 'entered-in-error' }), panel(120, 80, undefined as unknown as string)]);
    expect(series.points.systolic).toEqual([]);
    expect(series.skipped.systolic).toBe(1);
  });
});

describe('extractVitalSeries: other vitals and units', () => {
  it('normalises weight and temperature units and remembers what was recorded', () => {
    const series = extractVitalSeries([
      obs('29463-7', '2024-01-01T10:00:00Z', { valueQuantity: qty(154.3, '[lb_av]') }),
      obs('29463-7', '2024-01-02T10:00:00Z', { valueQuantity: qty(70000, 'g') }),
      obs('8310-5', '2024-01-01T10:00:00Z', { valueQuantity: qty(98.6, '[degF]') }),
    ]);
    expect(series.points.weight.map((p) => p.value)).toEqual([69.99, 70]);
    expect(series.points.weight[0]!.original).toEqual({ value: 154.3, unit: 'lb' });
    expect(series.points.temperature[0]!.value).toBe(37);
  });

  it('counts readings it cannot use instead of guessing', () => {
    const series = extractVitalSeries([
      obs('29463-7', '2024-01-01T10:00:00Z', { valueQuantity: { value: 11, unit: 'stone' } }),
      obs('29463-7', '2024-01-01T10:00:00Z', { valueQuantity: { value: 70 } }),
      obs('8867-4', '2024-01-01T10:00:00Z', { valueQuantity: { value: 72 } }),
      obs('8867-4', '2024-01-01T11:00:00Z', { dataAbsentReason: { text: 'refused' } }),
    ]);
    expect(series.points.weight).toEqual([]);
    expect(series.skipped.weight).toBe(2);
    expect(series.points.heartRate.map((p) => p.value)).toEqual([72]);
    expect(series.skipped.heartRate).toBe(1);
  });

  it('reads SpO2 under either LOINC code, once per observation', () => {
    const series = extractVitalSeries([
      obs('59408-5', '2024-01-01T10:00:00Z', { code: { coding: [{ system: LOINC, code: '59408-5' }, { system: LOINC, code: '2708-6' }] }, valueQuantity: qty(97, '%') }),
      obs('2708-6', '2024-01-02T10:00:00Z', { valueQuantity: qty(95, '%') }),
    ]);
    expect(series.points.spo2.map((p) => p.value)).toEqual([97, 95]);
  });
});

describe('trendOf', () => {
  it('says up, down or same at the display precision', () => {
    expect(trendOf(80, 72)).toBe('up');
    expect(trendOf(70, 72)).toBe('down');
    expect(trendOf(72.2, 72)).toBe('same');
    expect(trendOf(37.04, 37.0, 1)).toBe('same');
    expect(trendOf(37.1, 37.0, 1)).toBe('up');
    expect(trendOf(72, undefined)).toBeUndefined();
    expect(trendOf(undefined, 72)).toBeUndefined();
  });
});

describe('latestVital', () => {
  it('shows the latest value with its date and the trend against the previous one', () => {
    const series = extractVitalSeries([
      obs('8867-4', '2024-01-01T10:00:00Z', { valueQuantity: qty(80, '/min') }),
      obs('8867-4', '2024-02-01T10:00:00Z', { valueQuantity: qty(72, '/min') }),
    ]);
    expect(latestVital(def('heartRate'), series)).toMatchObject({
      latest: { date: '2024-02-01T10:00:00Z', display: '72 /min' },
      previous: { date: '2024-01-01T10:00:00Z', display: '80 /min', short: '80' },
      trend: 'down',
    });
  });

  it('gives blood pressure as systolic/diastolic with ONE trend, the systolic’s (the part NEWS2 scores)', () => {
    const series = extractVitalSeries([panel(120, 80, '2024-01-01T10:00:00Z'), panel(130, 70, '2024-02-01T10:00:00Z')]);
    expect(latestVital(def('bp'), series)).toMatchObject({ latest: { display: '130/70 mmHg' }, previous: { display: '120/80 mmHg', short: '120/80' }, trend: 'up' });
  });

  it('flags the latest reading by NEWS2 and carries its note', () => {
    const series = extractVitalSeries([
      obs('8867-4', '2024-01-01T10:00:00Z', { valueQuantity: qty(88, '/min') }),
      obs('8867-4', '2024-02-01T10:00:00Z', { valueQuantity: qty(131, '/min'), note: [{ text: 'After stairs' }, { text: ' Recheck ' }] }),
    ]);
    expect(latestVital(def('heartRate'), series).latest).toMatchObject({ display: '131 /min', flag: 'HH', note: 'After stairs · Recheck' });
    const bp = latestVital(def('bp'), extractVitalSeries([panel(90, 60, '2024-01-01T10:00:00Z')]));
    expect(bp.latest).toMatchObject({ display: '90/60 mmHg', flag: 'LL' });
    expect(latestVital(def('weight'), extractVitalSeries([obs('29463-7', '2024-01-01T10:00:00Z', { valueQuantity: qty(250, 'kg') })])).latest?.flag).toBeUndefined();
  });

  it('has no latest reading (and no trend) when there is none', () => {
    const view = latestVital(def('bmi'), extractVitalSeries([]));
    expect(view.latest).toBeUndefined();
    expect(view.trend).toBeUndefined();
  });

  it('charts height with the other vitals (8302-2, in cm, from inches too)', () => {
    const series = extractVitalSeries([obs('8302-2', '2024-01-01T10:00:00Z', { valueQuantity: qty(68, '[in_i]') })]);
    expect(latestVital(def('height'), series).latest).toMatchObject({ display: '172.7 cm', original: '68 in' });
  });

  it('labels a converted value with what was recorded', () => {
    const view = latestVital(def('temperature'), extractVitalSeries([obs('8310-5', '2024-01-01T10:00:00Z', { valueQuantity: qty(98.6, '[degF]') })]));
    expect(view.latest).toMatchObject({ display: '37.0 °C', original: '98.6 °F' });
  });
});

describe('alignSeries', () => {
  it('merges times and leaves gaps as null; x in seconds', () => {
    const p = (t: number, value: number) => ({ t, value, date: '', observationId: '' });
    expect(alignSeries([[p(1000, 1), p(3000, 3)], [p(2000, 20), p(3000, 30)]])).toEqual({
      xs: [1, 2, 3],
      ys: [
        [1, null, 3],
        [null, 20, 30],
      ],
    });
  });
});
