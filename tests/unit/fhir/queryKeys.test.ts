import { describe, expect, it } from 'vitest';
import { fhirKeys } from '../../../src/fhir/queryKeys';

const startsWith = (key: readonly unknown[], prefix: readonly unknown[]) => expect(key.slice(0, prefix.length)).toEqual(prefix);

describe('fhirKeys', () => {
  it('puts every key under the fhir root', () => {
    for (const key of [fhirKeys.patients(), fhirKeys.encounters(), fhirKeys.observations()]) startsWith(key, fhirKeys.all);
  });

  it('nests detail and search keys under their resource type', () => {
    startsWith(fhirKeys.patient('p1'), fhirKeys.patients());
    startsWith(fhirKeys.patientSearch({ name: 'Ada' }), fhirKeys.patients());
    startsWith(fhirKeys.encounterList({ patient: 'p1' }), fhirKeys.encounters());
    startsWith(fhirKeys.observationList({ patient: 'p1' }), fhirKeys.observations());
    expect(fhirKeys.patient('p1')).toHaveLength(fhirKeys.patients().length + 2);
  });

  it('gives each resource type its own prefix', () => {
    const prefixes = [fhirKeys.patients(), fhirKeys.encounters(), fhirKeys.observations()].map((k) => JSON.stringify(k));
    expect(new Set(prefixes).size).toBe(3);
    expect(fhirKeys.observationList({ patient: 'p1' }).slice(0, 2)).not.toEqual(fhirKeys.encounters());
  });

  it('gives distinct queries distinct keys', () => {
    const keys = [
      fhirKeys.patient('p1'),
      fhirKeys.patient('p2'),
      fhirKeys.patientSearch({ name: 'p1' }),
      fhirKeys.patientSearch({ identifier: 'p1' }),
      fhirKeys.encounterList({ patient: 'p1' }),
      fhirKeys.encounterList({ patient: 'p1', from: '2024-01-01' }),
      fhirKeys.observationList({ patient: 'p1' }),
      fhirKeys.observationList({ patient: 'p1', category: 'laboratory' }),
      fhirKeys.observationList({ patient: 'p1', category: 'vital-signs' }),
      fhirKeys.observationList({ patient: 'p1', code: ['8480-6', '8462-4'] }),
      fhirKeys.observationList({ patient: 'p2' }),
    ].map((k) => JSON.stringify(k));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps list, single-page and all-pages observation searches apart (they cache different shapes)', () => {
    const query = { patient: 'p1', code: '8867-4' };
    const keys = [fhirKeys.observationList(query), fhirKeys.observationPage(query), fhirKeys.observationAll(query)];
    for (const key of keys) startsWith(key, fhirKeys.observations());
    expect(new Set(keys.map((k) => JSON.stringify(k))).size).toBe(3);
  });

  it('nests an encounter detail under encounters, apart from encounter lists', () => {
    startsWith(fhirKeys.encounter('e1'), fhirKeys.encounters());
    expect(fhirKeys.encounter('e1')).not.toEqual(fhirKeys.encounter('e2'));
    expect(fhirKeys.encounter('e1')[2]).not.toBe(fhirKeys.encounterList({ patient: 'p1' })[2]);
  });

  it('gives equal queries equal keys', () => {
    expect(fhirKeys.observationList({ patient: 'p1', category: 'laboratory' })).toEqual(fhirKeys.observationList({ patient: 'p1', category: 'laboratory' }));
    expect(fhirKeys.patient('p1')).toEqual(fhirKeys.patient('p1'));
  });

  it('keeps a patient detail apart from a search whose text is the same id', () => {
    expect(fhirKeys.patient('search')).not.toEqual(fhirKeys.patientSearch({ name: 'search' }));
    expect(fhirKeys.patient('p1')[2]).toBe('detail');
    expect(fhirKeys.patientSearch({})[2]).toBe('search');
  });

  it('keeps the latest-readings and by-category searches under observations, apart from the other shapes', () => {
    const latest = fhirKeys.observationLatest({ patient: 'p1', category: 'vital-signs', count: 100, groups: [['8867-4']], followUpCount: 4 });
    const byCategory = fhirKeys.observationListByCategory({ patient: 'p1', encounter: 'e1' }, ['vital-signs', 'laboratory']);
    for (const key of [latest, byCategory]) startsWith(key, fhirKeys.observations());
    const shapes = [latest, byCategory, fhirKeys.observationList({ patient: 'p1', encounter: 'e1' }), fhirKeys.observationPage({ patient: 'p1', category: 'vital-signs', count: 100 })];
    expect(new Set(shapes.map((k) => k[2])).size).toBe(4);
    expect(fhirKeys.observationListByCategory({ patient: 'p1', encounter: 'e1' }, ['laboratory'])).not.toEqual(byCategory);
  });
});
