import type { Observation } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { shortConceptText } from '../../../../src/fhir/mappers/codeableConcept';
import { formatQuantity, noteText, observationDate, observationValue, toObservationRow } from '../../../../src/fhir/mappers/observation';
import { vitalReading } from '../../../../src/fhir/mappers/vitals';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const obs = (overrides: Partial<Observation> = {}): Observation => ({
  resourceType: 'Observation',
  id: 'o1',
  status: 'final',
  code: { coding: [{ system: LOINC, code: '2345-7', display: 'Glucose [Mass/volume] in Serum or Plasma' }], text: 'Glucose' },
  ...overrides,
});

const bpComponent = (code: string, value: number, unit = 'mmHg') => ({
  code: { coding: [{ system: LOINC, code }] },
  valueQuantity: { value, unit, system: UCUM, code: 'mm[Hg]' },
});

describe('formatQuantity', () => {
  it.each([
    [{ value: 5.4, unit: 'mmol/L' }, '5.4 mmol/L'],
    [{ value: 5, comparator: '<' as const, unit: 'mmol/L' }, '<5 mmol/L'],
    [{ value: 90, comparator: '>=' as const, unit: 'mL/min/{1.73_m2}' }, '>=90 mL/min/{1.73_m2}'],
    [{ value: 37.2, system: UCUM, code: 'Cel' }, '37.2 °C'],
    [{ value: 3 }, '3'],
    [{ value: 0, unit: 'mg' }, '0 mg'],
  ])('%j → %s', (quantity, expected) => {
    expect(formatQuantity(quantity)).toBe(expected);
  });

  it.each([undefined, { unit: 'mg' }])('is undefined without a value (%j)', (quantity) => {
    expect(formatQuantity(quantity)).toBeUndefined();
  });
});

describe('observationValue', () => {
  it('formats a quantity', () => {
    expect(observationValue(obs({ valueQuantity: { value: 6.3, unit: 'mmol/L', comparator: '>' } }))).toBe('>6.3 mmol/L');
  });

  it('reads a blood-pressure panel as systolic/diastolic', () => {
    const bp = obs({ code: { coding: [{ system: LOINC, code: '85354-9' }], text: 'Blood pressure' }, component: [bpComponent('8462-4', 80), bpComponent('8480-6', 120)] });
    expect(observationValue(bp)).toBe('120/80 mmHg');
  });

  it('uses mmHg for a blood-pressure panel without units', () => {
    const bp = obs({ component: [{ code: { coding: [{ code: '8480-6' }] }, valueQuantity: { value: 135 } }, { code: { coding: [{ code: '8462-4' }] }, valueQuantity: { value: 85 } }] });
    expect(observationValue(bp)).toBe('135/85 mmHg');
  });

  it('lists the parts of a panel that is not a blood pressure (or lacks one side)', () => {
    const partial = obs({ component: [{ ...bpComponent('8480-6', 120), code: { text: 'Systolic', coding: [{ system: LOINC, code: '8480-6' }] } }] });
    expect(observationValue(partial)).toBe('Systolic: 120 mmHg');
    const panel = obs({
      component: [
        { code: { text: 'Pain score' }, valueQuantity: { value: 4, unit: '/10' } },
        { code: { coding: [{ code: 'x', display: 'Location' }] }, valueString: 'Left knee' },
        { code: { text: 'Quality' }, valueCodeableConcept: { coding: [{ display: 'Sharp' }] } },
        { code: { text: 'Empty' } },
        { code: {}, valueString: 'untitled' },
      ],
    });
    expect(observationValue(panel)).toBe('Pain score: 4 /10; Location: Left knee; Quality: Sharp; Component: untitled');
  });

  it.each<[string, Partial<Observation>, string]>([
    ['the text of a coded value', { valueCodeableConcept: { text: 'Positive', coding: [{ code: '10828004', display: 'Positive (qualifier value)' }] } }, 'Positive'],
    ['the display of a coded value without text', { valueCodeableConcept: { coding: [{ code: 'a' }, { code: 'b', display: 'Detected' }] } }, 'Detected'],
    ['the code of a coded value without display', { valueCodeableConcept: { coding: [{ code: 'POS' }] } }, 'POS'],
    ['a string', { valueString: 'Clear, pale yellow' }, 'Clear, pale yellow'],
    ['true', { valueBoolean: true }, 'Yes'],
    ['false', { valueBoolean: false }, 'No'],
    ['an integer', { valueInteger: 7 }, '7'],
    ['the integer zero', { valueInteger: 0 }, '0'],
  ])('shows %s', (_label, value, expected) => {
    expect(observationValue(obs(value))).toBe(expected);
  });

  it('explains a missing value with the dataAbsentReason', () => {
    const absent = obs({
      dataAbsentReason: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'not-performed', display: 'Not Performed' }] },
    });
    expect(observationValue(absent)).toBe('No value (Not Performed)');
  });

  it('says "No value" when there is nothing', () => {
    expect(observationValue(obs())).toBe('No value');
  });

  it('prefers a value over a dataAbsentReason', () => {
    expect(observationValue(obs({ valueString: 'x', dataAbsentReason: { text: 'Unknown' } }))).toBe('x');
  });
});

describe('observationDate', () => {
  it.each<[string, Partial<Observation>, string | undefined]>([
    ['effectiveDateTime first', { effectiveDateTime: '2024-03-05T09:00:00Z', issued: '2024-03-06T00:00:00Z' }, '2024-03-05T09:00:00Z'],
    ['the start of effectivePeriod', { effectivePeriod: { start: '2024-03-01', end: '2024-03-02' }, issued: '2024-03-06T00:00:00Z' }, '2024-03-01'],
    ['effectiveInstant', { effectiveInstant: '2024-03-05T09:00:00.000Z', issued: '2024-03-06T00:00:00Z' }, '2024-03-05T09:00:00.000Z'],
    ['issued as a last resort', { issued: '2024-03-06T00:00:00Z' }, '2024-03-06T00:00:00Z'],
    ['issued when the period has no start', { effectivePeriod: { end: '2024-03-02' }, issued: '2024-03-06T00:00:00Z' }, '2024-03-06T00:00:00Z'],
    ['nothing', {}, undefined],
  ])('uses %s', (_label, dates, expected) => {
    expect(observationDate(obs(dates))).toBe(expected);
  });
});

describe('toObservationRow', () => {
  it('maps a lab result', () => {
    const row = toObservationRow(
      obs({
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory', display: 'Laboratory' }] }],
        valueQuantity: { value: 11.2, unit: 'mmol/L', system: UCUM, code: 'mmol/L' },
        effectiveDateTime: '2024-03-05T09:00:00Z',
        interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'H', display: 'High' }] }],
        referenceRange: [{ low: { value: 3.9, unit: 'mmol/L' }, high: { value: 7.8, unit: 'mmol/L' } }],
        encounter: { reference: 'Encounter/e1' },
      }),
    );
    expect(row).toEqual({
      id: 'o1',
      name: 'Glucose',
      codes: ['2345-7'],
      value: '11.2 mmol/L',
      date: '2024-03-05T09:00:00Z',
      category: 'Laboratory',
      interpretation: 'H',
      referenceRange: '3.9–7.8 mmol/L',
      encounterId: 'e1',
    });
  });

  it('names an observation by its coding when it has no text, and says when it cannot', () => {
    expect(toObservationRow(obs({ code: { coding: [{ code: '8867-4', display: 'Heart rate' }] } })).name).toBe('Heart rate');
    expect(toObservationRow(obs({ code: {} })).name).toBe('Unnamed observation');
  });

  it('takes the first interpretation code', () => {
    expect(toObservationRow(obs({ interpretation: [{ text: 'see note' }, { coding: [{ code: 'LL' }, { code: 'L' }] }] })).interpretation).toBe('LL');
    expect(toObservationRow(obs()).interpretation).toBeUndefined();
  });

  it.each<[string, Observation['referenceRange'], string | undefined]>([
    ['its text', [{ text: '<200 mg/dL desirable', low: { value: 0 } }], '<200 mg/dL desirable'],
    ['low and high', [{ low: { value: 3.5, unit: 'mmol/L' }, high: { value: 5.1, unit: 'mmol/L' } }], '3.5–5.1 mmol/L'],
    ['low and high without a unit', [{ low: { value: 1 }, high: { value: 2 } }], '1–2'],
    ['a low of zero', [{ low: { value: 0, unit: 'g/L' }, high: { value: 10, unit: 'g/L' } }], '0–10 g/L'],
    ['a low bound only', [{ low: { value: 60, unit: 'mL/min' } }], '≥ 60 mL/min'],
    ['a high bound only', [{ high: { value: 200, unit: 'mg/dL' } }], '≤ 200 mg/dL'],
    ['the first range only', [{ high: { value: 5 } }, { high: { value: 9 } }], '≤ 5'],
    ['no bounds', [{ type: { text: 'normal' } }], undefined],
    ['no range', undefined, undefined],
  ])('formats a reference range from %s', (_label, referenceRange, expected) => {
    expect(toObservationRow(obs({ referenceRange })).referenceRange).toBe(expected);
  });

  it.each<[string, string | undefined, string | undefined]>([
    ['a relative Encounter reference', 'Encounter/e42', 'e42'],
    ['a reference to another type', 'EpisodeOfCare/x', undefined],
    ['no reference', undefined, undefined],
  ])('reads the encounter id from %s', (_label, reference, expected) => {
    expect(toObservationRow(obs({ encounter: reference ? { reference } : undefined })).encounterId).toBe(expected);
  });

  it('lists every code and gives an id-less observation an empty id', () => {
    const row = toObservationRow(obs({ id: undefined, code: { coding: [{ system: LOINC, code: '85354-9' }, { system: 'http://snomed.info/sct', code: '75367002' }, { display: 'no code' }] } }));
    expect(row.codes).toEqual(['85354-9', '75367002']);
    expect(row.id).toBe('');
  });
});

describe('observations as the encounter table shows them', () => {
  it('shows a blood-pressure panel in mmHg, never the raw UCUM mm[Hg]', () => {
    const panel = obs({
      code: { coding: [{ system: LOINC, code: '85354-9' }] },
      component: [
        { code: { coding: [{ system: LOINC, code: '8480-6' }] }, valueQuantity: { value: 145, unit: 'mm[Hg]', system: UCUM, code: 'mm[Hg]' } },
        { code: { coding: [{ system: LOINC, code: '8462-4' }] }, valueQuantity: { value: 88, unit: 'mm[Hg]', system: UCUM, code: 'mm[Hg]' } },
      ],
    });
    expect(observationValue(panel)).toBe('145/88 mmHg');
    expect(vitalReading(panel)).toEqual({ key: 'bp', label: 'Blood pressure', display: '145/88 mmHg', flag: 'N' });
  });

  it('writes BMI, weight and temperature with the same decimals as the Summary and Vitals views', () => {
    const q = (value: number, code: string) => ({ value, unit: code, system: UCUM, code });
    expect(vitalReading(obs({ code: { coding: [{ system: LOINC, code: '39156-5' }] }, valueQuantity: q(20, 'kg/m2') }))?.display).toBe('20.0 kg/m²');
    expect(vitalReading(obs({ code: { coding: [{ system: LOINC, code: '29463-7' }] }, valueQuantity: q(70, 'kg') }))?.display).toBe('70.0 kg');
    expect(vitalReading(obs({ code: { coding: [{ system: LOINC, code: '8310-5' }] }, valueQuantity: q(101.3, '[degF]') }))).toMatchObject({ display: '38.5 °C', flag: 'H', original: '101.3 °F' });
    expect(vitalReading(obs({ code: { coding: [{ system: LOINC, code: '8480-6' }] }, valueQuantity: q(88, 'mm[Hg]') }))).toMatchObject({ label: 'Systolic blood pressure', display: '88 mmHg', flag: 'LL' });
    expect(vitalReading(obs())).toBeUndefined();
  });

  it('keeps notes as plain text, several joined', () => {
    expect(noteText({ note: [{ text: ' <b>Recheck</b> ' }, { text: '' }, { text: 'Fasting' }] })).toBe('<b>Recheck</b> · Fasting');
    expect(noteText({})).toBeUndefined();
    expect(toObservationRow(obs({ note: [{ text: 'Haemolysed' }] })).note).toBe('Haemolysed');
  });

  it('names an observation by the shortest of its text and displays', () => {
    expect(toObservationRow(obs()).name).toBe('Glucose');
    expect(shortConceptText({ coding: [{ display: 'Body mass index (BMI) [Ratio]' }, { display: 'BMI' }] })).toBe('BMI');
    expect(shortConceptText({ coding: [{ code: '1234-5' }] })).toBe('1234-5');
  });
});
