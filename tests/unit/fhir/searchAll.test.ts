import type { Bundle, Condition } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import type { FhirClient } from '../../../src/fhir/createFhirClient';
import { fhirKeys } from '../../../src/fhir/queryKeys';
import { searchAll } from '../../../src/fhir/queries/searchAll';

const page = (ids: string[], next?: string): Bundle<Condition> => ({
  resourceType: 'Bundle',
  type: 'searchset',
  total: 5,
  link: next ? [{ relation: 'next', url: next }] : [],
  entry: ids.map((id) => ({ resource: { resourceType: 'Condition', id, subject: { reference: 'Patient/p1' } }, search: { mode: 'match' } })),
});

function client(pages: Bundle<Condition>[]): FhirClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    baseUrl: 'https://fhir.example.org',
    calls,
    read: () => Promise.reject(new Error('no reads')),
    search: async (type, params) => {
      calls.push(`${type}?${JSON.stringify(params)}`);
      return pages[0] as never;
    },
    page: async (url) => {
      calls.push(url);
      return pages[Number(url.split('=')[1])] as never;
    },
  };
}

describe('searchAll', () => {
  it('follows next links until the end', async () => {
    const c = client([page(['a', 'b'], 'next?p=1'), page(['c', 'd'], 'next?p=2'), page(['e'])]);
    const result = await searchAll<Condition>(c, 'Condition', { patient: 'p1', _count: 2 }, undefined, 5);
    expect(result).toMatchObject({ total: 5, truncated: false });
    expect(result.items.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('stops at maxPages and says the list was cut short', async () => {
    const c = client([page(['a', 'b'], 'next?p=1'), page(['c', 'd'], 'next?p=2'), page(['e'])]);
    const result = await searchAll<Condition>(c, 'Condition', { patient: 'p1' }, undefined, 2);
    expect(result.items).toHaveLength(4);
    expect(result.truncated).toBe(true);
    expect(c.calls).toHaveLength(2);
  });
});

describe('condition and medication request keys', () => {
  it('sit under the fhir root, one prefix per resource type, distinct per query', () => {
    const keys = [fhirKeys.conditionAll({ patient: 'p1' }), fhirKeys.conditionAll({ patient: 'p2' }), fhirKeys.medicationRequestAll({ patient: 'p1' })];
    for (const key of keys) expect(key.slice(0, 1)).toEqual(fhirKeys.all);
    expect(keys[0]!.slice(0, 2)).toEqual(fhirKeys.conditions());
    expect(keys[2]!.slice(0, 2)).toEqual(fhirKeys.medicationRequests());
    expect(new Set(keys.map((k) => JSON.stringify(k))).size).toBe(3);
  });
});
