import type { Observation } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { flagFromInterpretation, flagFromRange, formatReferenceRange, groupLabs, labKey, toLabResultRow } from '../../../src/fhir/mappers/labs';

const LOINC = 'http://loinc.org';
const INTERP = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
let n = 0;
const lab = (code: string, value: number, date: string, extra: Partial<Observation> = {}): Observation => ({
  resourceType: 'Observation',
  id: `l${++n}`,
  status: 'final',
  code: { coding: [{ system: LOINC, code, display: `Test ${code}` }], text: `Test ${code}` },
  effectiveDateTime: date,
  valueQuantity: { value, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' },
  referenceRange: [{ low: { value: 70, unit: 'mg/dL', code: 'mg/dL' }, high: { value: 99, unit: 'mg/dL', code: 'mg/dL' } }],
  ...extra,
});
const interp = (code: string) => [{ coding: [{ system: INTERP, code }] }];

describe('flags', () => {
  it('reads H/L/HH/LL/A/N from interpretation', () => {
    for (const code of ['H', 'L', 'HH', 'LL', 'A', 'AA', 'N'] as const) expect(flagFromInterpretation(interp(code))).toBe(code);
    expect(flagFromInterpretation(interp('HU'))).toBe('H');
    expect(flagFromInterpretation([{ coding: [{ system: 'http://example.org/other', code: 'H' }] }])).toBeUndefined();
    expect(flagFromInterpretation([{ text: 'High' }])).toBeUndefined();
  });

  it('computes H/L/N from the reference range when interpretation is absent', () => {
    const range = { low: { value: 70 }, high: { value: 99 } };
    expect(flagFromRange({ value: 105 }, range)).toBe('H');
    expect(flagFromRange({ value: 60 }, range)).toBe('L');
    expect(flagFromRange({ value: 99 }, range)).toBe('N');
    expect(flagFromRange({ value: 1 }, { high: { value: 5 } })).toBe('N');
  });

  it('does not compute a flag it cannot know', () => {
    expect(flagFromRange({ value: 5, comparator: '<' }, { low: { value: 70 } })).toBeUndefined();
    expect(flagFromRange({ value: 6, code: 'mmol/L' }, { high: { value: 99, code: 'mg/dL' } })).toBeUndefined();
    expect(flagFromRange({ value: 6 }, { text: 'see report' })).toBeUndefined();
    expect(flagFromRange(undefined, { high: { value: 99 } })).toBeUndefined();
  });

  it('prefers the lab’s interpretation and says where a flag came from', () => {
    expect(toLabResultRow(lab('2345-7', 36, '2024-01-01', { interpretation: interp('LL') }))).toMatchObject({ flag: 'LL', flagSource: 'interpretation' });
    expect(toLabResultRow(lab('2345-7', 105, '2024-01-01'))).toMatchObject({ flag: 'H', flagSource: 'reference-range', value: '105 mg/dL', referenceRange: '70–99 mg/dL', numeric: 105 });
    expect(toLabResultRow(lab('2345-7', 80, '2024-01-01', { referenceRange: undefined }))).toMatchObject({ flag: undefined, flagSource: undefined });
  });
});

describe('formatReferenceRange', () => {
  it('prefers text, else low–high with unit, one-sided ranges too', () => {
    expect(formatReferenceRange({ text: '3.5-5.1 mmol/L', low: { value: 3.5 } })).toBe('3.5-5.1 mmol/L');
    expect(formatReferenceRange({ low: { value: 1 }, high: { value: 2, unit: 'g' } })).toBe('1–2 g');
    expect(formatReferenceRange({ low: { value: 40, unit: 'mg/dL' } })).toBe('≥ 40 mg/dL');
    expect(formatReferenceRange({ high: { value: 200 } })).toBe('≤ 200');
  });
});

describe('groupLabs', () => {
  it('groups by LOINC code, newest group first, results newest first', () => {
    const groups = groupLabs([
      lab('2345-7', 90, '2024-01-01'),
      lab('718-7', 13, '2024-03-01'),
      lab('2345-7', 105, '2024-02-01'),
      lab('2345-7', 36, '2023-12-01', { interpretation: interp('LL') }),
    ]);
    expect(groups.map((g) => g.code)).toEqual(['718-7', '2345-7']);
    const glucose = groups[1]!;
    expect(glucose.results.map((r) => r.numeric)).toEqual([105, 90, 36]);
    expect(glucose.latest.value).toBe('105 mg/dL');
    expect(glucose.abnormalCount).toBe(2);
  });

  it('groups the same LOINC code whatever the display text, and leaves out entered-in-error', () => {
    const groups = groupLabs([
      lab('2345-7', 90, '2024-01-01', { code: { coding: [{ system: LOINC, code: '2345-7' }], text: 'Glucose' } }),
      lab('2345-7', 95, '2024-01-02', { code: { coding: [{ system: 'http://local', code: 'GLU' }, { system: LOINC, code: '2345-7' }], text: 'GLU (serum)' } }),
      lab('2345-7', 999, '2024-01-03', { status: 'entered-in-error' }),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.results).toHaveLength(2);
  });

  it('keys uncoded tests by their text', () => {
    expect(labKey({ text: ' Vitamin D ' })).toBe('text|vitamin d');
    expect(labKey({ coding: [{ system: 'http://local', code: 'X1' }] })).toBe('http://local|X1');
  });

  it('keeps text results (no number to plot)', () => {
    const row = toLabResultRow({ resourceType: 'Observation', status: 'final', code: { text: 'Culture' }, valueString: 'No growth', effectiveDateTime: '2024-01-01' });
    expect(row).toMatchObject({ value: 'No growth', numeric: undefined, flag: undefined });
  });
});

describe('lab names, trend and notes', () => {
  it('names a test by the short name a clinician reads, keeping the long LOINC name beside it', () => {
    const row = toLabResultRow(
      lab('2823-3', 4.1, '2024-01-01', { code: { coding: [{ system: LOINC, code: '2823-3', display: 'Potassium [Moles/volume] in Serum or Plasma' }], text: 'Potassium' } }),
    );
    expect(row).toMatchObject({ name: 'Potassium', fullName: 'Potassium [Moles/volume] in Serum or Plasma' });
    // A short coding display beats a long text, too; one name only when there is no other.
    const short = toLabResultRow(lab('2823-3', 4.1, '2024-01-01', { code: { coding: [{ system: LOINC, code: '2823-3', display: 'K' }], text: 'Serum potassium level' } }));
    expect(short).toMatchObject({ name: 'K', fullName: 'Serum potassium level' });
    expect(toLabResultRow(lab('x', 1, '2024-01-01', { code: { text: 'Glucose' } })).fullName).toBeUndefined();
  });

  it('gives the latest result a trend against the previous one in the same unit, and its note', () => {
    const [group] = groupLabs([
      lab('2345-7', 90, '2024-01-01'),
      lab('2345-7', 5.5, '2024-02-01', { valueQuantity: { value: 5.5, unit: 'mmol/L', code: 'mmol/L' } }),
      lab('2345-7', 120, '2024-03-01', { note: [{ text: 'Non-fasting' }] }),
    ]);
    expect(group!.latest).toMatchObject({ numeric: 120, note: 'Non-fasting' });
    expect(group!.previous?.numeric).toBe(90);
    expect(group!.trend).toBe('up');
    const [single] = groupLabs([lab('2345-7', 90, '2024-01-01')]);
    expect(single!.trend).toBeUndefined();
  });
});
