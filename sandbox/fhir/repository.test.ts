import { parseSearchRequest } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../data';
import { loadDefinitions } from './definitions';
import { SandboxRepository } from './repository';

// The indexed repository must answer exactly like medplum's own MemoryRepository, only faster.
const QUERIES = [
  'Observation?subject=Patient/p-001&category=vital-signs&_sort=-date&_count=1000',
  'Observation?subject=Patient/p-003&code=8867-4,http://loinc.org|29463-7&_sort=date&_count=1000',
  'Observation?patient=Patient/p-mixed-units&category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory&_count=1000',
  'Observation?subject=Patient/p-002&code=Heart rate&_count=1000',
  'Observation?subject=Patient/p-002&code=|8867-4&_count=1000',
  'Observation?subject=Patient/p-002&code:not=8867-4&date=ge2024-01-01&date=lt2025-06-01&_count=1000',
  'Observation?encounter=Encounter/p-004-enc-002&_count=1000',
  'Observation?code=2823-3&_sort=-date&_count=300&_offset=20',
  'Encounter?patient=Patient/p-005&date=ge2023&_sort=-date&_count=1000',
  'Encounter?class=EMER&_count=1000',
  'Patient?identifier=urn:oid:1.2.840.114350.1.13.0.1.7.5.737384.14|E0100137',
  'Patient?name=bobby',
  'Patient?gender=female&_sort=birthdate',
];

describe('SandboxRepository', () => {
  let fast: SandboxRepository;
  let reference: MemoryRepository;

  beforeAll(async () => {
    loadDefinitions();
    const resources = generateDataset().resources.filter((r: Resource) => (r as { subject?: { reference?: string } }).subject?.reference !== 'Patient/p-large');
    fast = new SandboxRepository(resources, 'http://127.0.0.1/fhir', '2026-11-01T00:00:00.000Z');
    reference = new MemoryRepository();
    for (const r of resources) await reference.createResource(r);
  });

  it.each(QUERIES)('matches MemoryRepository for %s', async (query) => {
    const [a, b] = await Promise.all([fast.search(parseSearchRequest(query)), reference.search(parseSearchRequest(query))]);
    expect(a.total).toBe(b.total);
    expect(a.entry?.map((e) => e.resource?.id)).toEqual(b.entry?.map((e) => e.resource?.id));
  });

  it('accepts bare ids and absolute URLs for references', async () => {
    const total = async (q: string) => (await fast.search(parseSearchRequest(q))).total;
    const expected = await total('Observation?subject=Patient/p-001');
    expect(expected).toBeGreaterThan(100);
    expect(await total('Observation?patient=p-001')).toBe(expected);
    expect(await total('Observation?subject=http://127.0.0.1/fhir/Patient/p-001')).toBe(expected);
    expect(await total('Observation?encounter=p-001-enc-001')).toBeGreaterThan(0);
  });
});
