import { describe, expect, it } from 'vitest';
import type { ChartInputs, InputKey } from '../../../../src/features/risk/inputs';
import { currentValues, formatRisk, hypotheticalValues, listLabels, parseDraft, score, staleInputs } from '../../../../src/features/risk/riskModel';

const found = <T,>(value: T, stale = false) => ({ status: 'found' as const, found: { value, display: String(value), when: '1 Jan 2026', source: 'test', stale }, notes: [] });
const missing = { status: 'missing' as const, reason: 'Not on record.', notes: [] };

// Goff 2013's example (White male, 55, TC 213, HDL 50, SBP 120 untreated, non-smoker, no diabetes).
const complete: ChartInputs = {
  age: found(55),
  sex: found('male' as const),
  race: found('white-or-other' as const),
  totalCholesterol: found(213, true),
  hdl: found(50),
  systolic: found(120),
  smoker: found(false),
  diabetic: found(false),
  bpTreatment: found(false),
};

describe('score', () => {
  it('says "not applicable" for an age outside the population even while other inputs are still missing', () => {
    const framingham = score('framingham', { age: 83, sex: 'male' });
    expect(framingham).toMatchObject({ kind: 'not-applicable', reason: expect.stringContaining('Age 83 years is outside 30–74') });
    const pce = score('pce', { age: 83, sex: 'male', hdl: 110 });
    expect(pce).toMatchObject({ kind: 'not-applicable', reason: expect.stringMatching(/Age 83 years.*HDL cholesterol 110 mg\/dL/) });
    expect(score('pce', { age: 55, sex: 'male' })).toMatchObject({ kind: 'incomplete' }); // in range: ask for the rest
  });

  it('computes both scores from complete chart values', () => {
    const values = currentValues(complete, {});
    expect(score('pce', values)).toMatchObject({ kind: 'risk' });
    expect(formatRisk((score('pce', values) as { tenYearRisk: number }).tenYearRisk)).toBe('5.4%');
    expect(score('framingham', values)).toMatchObject({ kind: 'risk' });
  });

  it('names what is missing instead of a number; race matters only to the Pooled Cohort Equations', () => {
    const values = currentValues({ ...complete, race: missing, diabetic: missing }, {});
    expect(score('pce', values)).toEqual({ kind: 'incomplete', missing: ['race', 'diabetic'] });
    expect(score('framingham', values)).toEqual({ kind: 'incomplete', missing: ['diabetic'] });
    expect(listLabels(['race', 'diabetic', 'hdl'] as InputKey[])).toBe('Race, diabetes and HDL cholesterol');
  });

  it('uses the clinician’s answers for missing inputs only, never over a chart value', () => {
    const values = currentValues({ ...complete, diabetic: missing }, { diabetic: 'true', age: '70' });
    expect(values.diabetic).toBe(true);
    expect(values.age).toBe(55);
  });

  it('a deceased patient gets no risk', () => {
    expect(score('framingham', currentValues(complete, {}), true)).toMatchObject({ kind: 'not-applicable', reason: expect.stringMatching(/deceased/) });
  });

  it('what-if changes apply on top; an emptied field is missing; nothing changes the current values', () => {
    const current = currentValues(complete, {});
    const hypothetical = hypotheticalValues(current, { systolic: '160', smoker: 'true', hdl: '' });
    expect(hypothetical).toMatchObject({ systolic: 160, smoker: true });
    expect(hypothetical.hdl).toBeUndefined();
    expect(current).toMatchObject({ systolic: 120, smoker: false, hdl: 50 });
  });

  it('lists the stale chart values a score uses', () => {
    expect(staleInputs(complete)).toEqual(['Total cholesterol (1 Jan 2026)']);
  });
});

describe('parseDraft', () => {
  it('numbers within plausible bounds, with a decimal comma; typos refused with a message', () => {
    expect(parseDraft('totalCholesterol', '213')).toEqual({ value: 213 });
    expect(parseDraft('hdl', '48,5')).toEqual({ value: 48.5 });
    expect(parseDraft('systolic', 'abc')).toEqual({ error: 'Enter a number.' });
    expect(parseDraft('systolic', '1200')).toEqual({ error: 'Enter a value between 50 and 300 mmHg.' });
    expect(parseDraft('age', '')).toEqual({});
  });

  it('choices by value', () => {
    expect(parseDraft('sex', 'female')).toEqual({ value: 'female' });
    expect(parseDraft('smoker', 'false')).toEqual({ value: false });
    expect(parseDraft('race', 'martian')).toEqual({ error: 'Choose one of the options.' });
  });
});
