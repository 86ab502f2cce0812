import type { Bundle, Encounter, Observation, OperationOutcome, Patient } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { observationSearchParams, UnfilteredObservationSearchError } from '../../../src/fhir/queries/observations';
import { dateRange, entriesOf, nextLink } from '../../../src/fhir/queries/paging';

describe('observationSearchParams', () => {
  it('asks for the patient’s newest observations of a category, 50 at a time, by default', () => {
    expect(observationSearchParams({ patient: 'p1', category: 'vital-signs' })).toEqual({
      patient: 'p1',
      category: 'vital-signs',
      code: undefined,
      encounter: undefined,
      date: undefined,
      _sort: '-date',
      _count: 50,
    });
  });

  it('passes category, a single code, encounter and count', () => {
    expect(observationSearchParams({ patient: 'p1', category: 'laboratory', code: 'http://loinc.org|2345-7', encounter: 'e1', count: 10 })).toMatchObject({
      category: 'laboratory',
      code: 'http://loinc.org|2345-7',
      encounter: 'e1',
      _count: 10,
    });
  });

  it('joins a list of codes with commas (FHIR OR)', () => {
    expect(observationSearchParams({ patient: 'p1', code: ['8480-6', '8462-4', 'http://loinc.org|85354-9'] }).code).toBe('8480-6,8462-4,http://loinc.org|85354-9');
  });

  it.each([
    [{ from: '2024-01-01', to: '2024-12-31' }, ['ge2024-01-01', 'le2024-12-31']],
    [{ from: '2024-01-01' }, ['ge2024-01-01']],
    [{ to: '2024-12-31' }, ['le2024-12-31']],
  ])('turns the range %j into date=%j', (range, date) => {
    expect(observationSearchParams({ patient: 'p1', category: 'laboratory', ...range }).date).toEqual(date);
  });

  it.each([[{ patient: 'p1' }], [{ patient: 'p1', code: [] }], [{ patient: 'p1', code: '', encounter: 'e1' }], [{ patient: 'p1', encounter: 'e1', from: '2024-01-01' }]])(
    'refuses a search without a category or a code (Epic answers it with 400): %j',
    (query) => {
      expect(() => observationSearchParams(query)).toThrow(UnfilteredObservationSearchError);
    },
  );
});

describe('paging', () => {
  const patient = (id: string): Patient => ({ resourceType: 'Patient', id });
  const observation = (id: string): Observation => ({ resourceType: 'Observation', id, status: 'final', code: { text: 'x' } });

  it('finds the next link', () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      link: [
        { relation: 'self', url: 'https://ehr.example/fhir/Observation?patient=p1' },
        { relation: 'next', url: 'https://ehr.example/fhir?_getpages=abc&_offset=50' },
      ],
    };
    expect(nextLink(bundle)).toBe('https://ehr.example/fhir?_getpages=abc&_offset=50');
  });

  it.each<[string, Bundle['link']]>([
    ['no links', undefined],
    ['only self and previous', [{ relation: 'self', url: 'https://s' }, { relation: 'previous', url: 'https://p' }]],
  ])('has no next link with %s', (_label, link) => {
    expect(nextLink({ resourceType: 'Bundle', type: 'searchset', link })).toBeUndefined();
  });

  it('keeps only the matches of the requested type', () => {
    const outcome: OperationOutcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'informational' }] };
    const bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      entry: [
        { resource: observation('o1'), search: { mode: 'match' } },
        { resource: patient('p1'), search: { mode: 'include' } },
        { resource: observation('o2') },
        { resource: outcome, search: { mode: 'outcome' } },
        { resource: observation('o3'), search: { mode: 'include' } },
        { search: { mode: 'match' } },
        { resource: patient('p2'), search: { mode: 'match' } },
        { resource: observation('o4'), search: { mode: 'match' } },
      ],
    } as Bundle<Observation>;
    expect(entriesOf(bundle, 'Observation').map((o) => o.id)).toEqual(['o1', 'o2', 'o4']);
  });

  it('returns an empty list for a bundle without entries', () => {
    expect(entriesOf<Encounter>({ resourceType: 'Bundle', type: 'searchset' }, 'Encounter')).toEqual([]);
  });

  it.each<[string | undefined, string | undefined, string[] | undefined]>([
    ['2024-01-01', '2024-06-30', ['ge2024-01-01', 'le2024-06-30']],
    ['2024-01-01', undefined, ['ge2024-01-01']],
    [undefined, '2024-06-30', ['le2024-06-30']],
    [undefined, undefined, undefined],
    ['', '', undefined],
  ])('dateRange(%j, %j) → %j', (from, to, expected) => {
    expect(dateRange(from, to)).toEqual(expected);
  });
});
