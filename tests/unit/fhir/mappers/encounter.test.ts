import type { Encounter } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { toEncounterRow } from '../../../../src/fhir/mappers/encounter';

const ACT = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const encounter = (overrides: Partial<Encounter> = {}): Encounter => ({
  resourceType: 'Encounter',
  id: 'e1',
  status: 'finished',
  class: { system: ACT, code: 'AMB' },
  ...overrides,
});

describe('toEncounterRow', () => {
  it('maps a complete encounter', () => {
    expect(
      toEncounterRow(
        encounter({
          period: { start: '2024-03-05T09:00:00Z', end: '2024-03-05T09:30:00Z' },
          type: [{ coding: [{ system: 'http://snomed.info/sct', code: '185349003', display: 'Encounter for check up' }] }],
          location: [{ location: { reference: 'Location/l1', display: 'Outpatient Clinic 3' } }],
          participant: [{ individual: { reference: 'Practitioner/dr1', display: 'Dr Grace Hopper' } }],
        }),
      ),
    ).toEqual({
      id: 'e1',
      start: '2024-03-05T09:00:00Z',
      end: '2024-03-05T09:30:00Z',
      classLabel: 'Ambulatory',
      type: 'Encounter for check up',
      status: 'finished',
      location: 'Outpatient Clinic 3',
      practitioner: 'Dr Grace Hopper',
    });
  });

  it.each([
    ['AMB', 'Ambulatory'],
    ['EMER', 'Emergency'],
    ['IMP', 'Inpatient'],
    ['VR', 'Virtual'],
    ['HH', 'Home health'],
    ['FLD', 'FLD'],
  ])('labels class %s as %s', (code, label) => {
    expect(toEncounterRow(encounter({ class: { system: ACT, code } })).classLabel).toBe(label);
  });

  it('prefers the class display', () => {
    expect(toEncounterRow(encounter({ class: { system: ACT, code: 'AMB', display: 'Outpatient' } })).classLabel).toBe('Outpatient');
  });

  it('says when the class is unknown', () => {
    expect(toEncounterRow(encounter({ class: { system: ACT } })).classLabel).toBe('Unknown class');
  });

  it('prefers the type text, and takes the first type that has one', () => {
    expect(toEncounterRow(encounter({ type: [{ text: 'Annual check-up', coding: [{ display: 'Check up' }] }] })).type).toBe('Annual check-up');
    expect(toEncounterRow(encounter({ type: [{}, { text: 'Follow-up' }] })).type).toBe('Follow-up');
  });

  it('takes the first location and participant that have a display', () => {
    const row = toEncounterRow(
      encounter({
        location: [{ location: { reference: 'Location/l0' } }, { location: { display: 'Ward 7' } }],
        participant: [{ type: [{ text: 'attender' }] }, { individual: { reference: 'Practitioner/x' } }, { individual: { display: 'Dr Who' } }],
      }),
    );
    expect(row.location).toBe('Ward 7');
    expect(row.practitioner).toBe('Dr Who');
  });

  it('leaves out what the encounter does not say', () => {
    expect(toEncounterRow(encounter({ id: undefined }))).toEqual({
      id: '',
      start: undefined,
      end: undefined,
      classLabel: 'Ambulatory',
      type: undefined,
      status: 'finished',
      location: undefined,
      practitioner: undefined,
    });
  });
});
