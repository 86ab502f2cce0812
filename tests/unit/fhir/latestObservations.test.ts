import type { Bundle, Observation } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import type { FhirClient, SearchParams } from '../../../src/fhir/createFhirClient';
import { fetchLatestObservations, latestVitalsSearch } from '../../../src/fhir/queries/observations';
import { VITALS } from '../../../src/fhir/mappers/vitals';

const LOINC = 'http://loinc.org';
let n = 0;
const obs = (code: string, extra: Partial<Observation> = {}): Observation => ({
  resourceType: 'Observation',
  id: `o${++n}`,
  status: 'final',
  code: { coding: [{ system: LOINC, code }] },
  effectiveDateTime: '2026-11-01T10:00:00Z',
  valueQuantity: { value: 1 },
  ...extra,
});
const bundle = (items: Observation[], next = false): Bundle<Observation> => ({
  resourceType: 'Bundle',
  type: 'searchset',
  entry: items.map((resource) => ({ resource, search: { mode: 'match' } })),
  link: next ? [{ relation: 'next', url: 'https://fhir.example/next' }] : [],
});

/** A client that answers the category page with `page` and a code search with `byCode[code]`; records searches. */
function stubClient(page: Bundle<Observation>, byCode: Record<string, Observation[]> = {}) {
  const searches: SearchParams[] = [];
  const client: FhirClient = {
    baseUrl: 'https://fhir.example',
    read: () => Promise.reject(new Error('no reads')),
    page: () => Promise.reject(new Error('no paging')),
    search: <T,>(_type: string, params: SearchParams) => {
      searches.push(params);
      if (params.category) return Promise.resolve(page as unknown as Bundle<T & Observation>);
      const codes = String(params.code).split(',');
      return Promise.resolve(bundle(codes.flatMap((c) => byCode[c] ?? [])) as unknown as Bundle<T & Observation>);
    },
  } as FhirClient;
  return { client, searches };
}

const everyVital = () => VITALS.map((def) => obs(def.codes[0]!));

describe('fetchLatestObservations (the Summary’s latest vital signs)', () => {
  it('needs ONE category search, newest first, when every vital is on its page', async () => {
    const { client, searches } = stubClient(bundle(everyVital(), true));
    const result = await fetchLatestObservations(client, latestVitalsSearch('p1'));
    expect(searches).toEqual([{ patient: 'p1', category: 'vital-signs', code: undefined, encounter: undefined, date: undefined, _sort: '-date', _count: 100 }]);
    expect(result).toMatchObject({ truncated: true, followUps: 0 });
    expect(result.items).toHaveLength(VITALS.length);
  });

  it('searches by code only for the vitals missing from the page, in one small search each', async () => {
    const page = everyVital().filter((o) => !['8302-2', '29463-7'].includes(o.code.coding![0]!.code!));
    const height = obs('8302-2');
    const { client, searches } = stubClient(bundle(page), { '8302-2': [height] });
    const result = await fetchLatestObservations(client, latestVitalsSearch('p1'));
    expect(searches.slice(1).map((s) => [s.code, s._count, s._sort])).toEqual([
      ['29463-7', 4, '-date'],
      ['8302-2', 4, '-date'],
    ]);
    expect(result.followUps).toBe(2);
    expect(result.items).toContain(height);
  });

  it('counts a BP panel, stand-alone systolic or a component as blood pressure, but not an entered-in-error one', async () => {
    const others = everyVital().filter((o) => o.code.coding![0]!.code !== '85354-9');
    const component = obs('9999-9', { component: [{ code: { coding: [{ system: LOINC, code: '8480-6' }] }, valueQuantity: { value: 120 } }] });
    const withComponent = await fetchLatestObservations(stubClient(bundle([...others, component])).client, latestVitalsSearch('p1'));
    expect(withComponent.followUps).toBe(0);
    const withError = stubClient(bundle([...others, obs('85354-9', { status: 'entered-in-error' })]));
    expect((await fetchLatestObservations(withError.client, latestVitalsSearch('p1'))).followUps).toBe(1);
    expect(withError.searches[1]!.code).toBe('85354-9,8480-6,8462-4');
  });

  it('lists an observation found by both searches once', async () => {
    const shared = obs('8302-2');
    const page = everyVital().filter((o) => o.code.coding![0]!.code !== '29463-7');
    page.push(shared);
    const result = await fetchLatestObservations(stubClient(bundle(page), { '29463-7': [shared] }).client, latestVitalsSearch('p1'));
    expect(result.items.filter((o) => o === shared)).toHaveLength(1);
  });
});
