import type { Identifier, Patient } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { findMrn, toPatientView } from '../../../../src/fhir/mappers/patient';

const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const NOW = new Date(2024, 5, 15, 12);

describe('findMrn', () => {
  it('picks the identifier typed MR, wherever it is', () => {
    const identifiers: Identifier[] = [
      { system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-99-9999', type: { coding: [{ system: V2, code: 'SS' }] } },
      { system: 'urn:oid:1.2.3', value: 'X-1' },
      { system: 'urn:mrn', value: 'MRN-1001', type: { coding: [{ system: V2, code: 'MR' }] } },
    ];
    expect(findMrn(identifiers)).toBe('MRN-1001');
  });

  it('recognises "MRN" in the type text', () => {
    expect(findMrn([{ value: 'A' }, { value: 'B', type: { text: 'Hospital MRN' } }])).toBe('B');
  });

  it('does not take "MRN" inside another word', () => {
    expect(findMrn([{ value: 'A' }, { value: 'B', type: { text: 'MRNX' } }])).toBe('A');
  });

  it('falls back to the first identifier', () => {
    expect(findMrn([{ value: 'first', type: { coding: [{ code: 'SS' }] } }, { value: 'second' }])).toBe('first');
  });

  it.each([undefined, []])('is undefined for %j', (identifiers) => {
    expect(findMrn(identifiers)).toBeUndefined();
  });
});

describe('toPatientView', () => {
  const ada: Patient = {
    resourceType: 'Patient',
    id: 'p1',
    name: [{ use: 'official', given: ['Ada'], family: 'Lovelace' }],
    gender: 'female',
    birthDate: '1980-12-10',
    identifier: [{ value: 'N-1' }, { value: 'MRN-1001', type: { coding: [{ system: V2, code: 'MR' }] } }],
  };

  it('maps a living patient', () => {
    expect(toPatientView(ada, NOW)).toEqual({
      id: 'p1',
      name: 'Ada Lovelace',
      gender: 'female',
      birthDate: '1980-12-10',
      age: 43,
      mrn: 'MRN-1001',
      deceased: false,
      deceasedDate: undefined,
    });
  });

  it('says when the name is not recorded', () => {
    expect(toPatientView({ resourceType: 'Patient', id: 'p2' }, NOW)).toMatchObject({ name: 'Name not recorded', age: undefined, mrn: undefined, deceased: false });
  });

  it('gives the age at death for a deceasedDateTime', () => {
    const view = toPatientView({ ...ada, deceasedDateTime: '2020-06-01T12:00:00Z' }, NOW);
    expect(view).toMatchObject({ deceased: true, deceasedDate: '2020-06-01T12:00:00Z', age: 39 });
  });

  it('gives the age at death just before the birthday of the year of death', () => {
    expect(toPatientView({ ...ada, deceasedDateTime: '2019-12-01T12:00:00Z' }, NOW).age).toBe(38);
  });

  it('marks deceasedBoolean true as deceased, without a date', () => {
    expect(toPatientView({ ...ada, deceasedBoolean: true }, NOW)).toMatchObject({ deceased: true, deceasedDate: undefined, age: 43 });
  });

  it('treats deceasedBoolean false as living', () => {
    expect(toPatientView({ ...ada, deceasedBoolean: false }, NOW).deceased).toBe(false);
  });
});
