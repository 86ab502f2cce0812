// The vault's FHIR client: the bearer token goes only under the FHIR base, never follows a redirect, and a `next`
// link that leaves the base is not fetched at all.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { FhirForeignLinkError, FhirNetworkError } from '../../../src/fhir/errors';
import { createVaultFhirClient } from '../../../src/vault/fhirClient';
import { mockServer } from '../../support/msw';

const BASE = 'https://ehr.example/fhir/r4';
const server = mockServer();

function client() {
  const seen: { url: string; authorization: string | null }[] = [];
  const record = (request: Request) => seen.push({ url: request.url, authorization: request.headers.get('authorization') });
  const perform = createVaultFhirClient({
    baseUrl: BASE,
    tokens: { getAccessToken: async () => 'at-1', refreshAfterUnauthorized: async () => 'at-2', onUnauthorized: () => undefined },
  });
  return { perform, seen, record };
}

describe('the vault’s FHIR client', () => {
  it('sends the bearer token to the FHIR base', async () => {
    const { perform, seen, record } = client();
    server.use(http.get(`${BASE}/Patient/p1`, ({ request }) => (record(request), HttpResponse.json({ resourceType: 'Patient', id: 'p1' }))));
    expect(await perform({ kind: 'read', resourceType: 'Patient', id: 'p1' })).toMatchObject({ id: 'p1' });
    expect(seen).toEqual([{ url: `${BASE}/Patient/p1`, authorization: 'Bearer at-1' }]);
  });

  it('does not follow a redirect, so the token cannot be carried off the base by one', async () => {
    const { perform, seen, record } = client();
    server.use(
      http.get(`${BASE}/Patient/p1`, ({ request }) => (record(request), HttpResponse.redirect('https://ehr.example/admin/steal', 302))),
      http.get('https://ehr.example/admin/steal', ({ request }) => (record(request), HttpResponse.json({ resourceType: 'Patient', id: 'x' }))),
    );
    await expect(perform({ kind: 'read', resourceType: 'Patient', id: 'p1' })).rejects.toBeInstanceOf(FhirNetworkError);
    expect(seen.map((s) => s.url)).toEqual([`${BASE}/Patient/p1`]);
  });

  it.each([
    ['another origin', 'https://cdn.elsewhere.example/fhir/r4/Observation?page=2'],
    ['a look-alike path', `${BASE}-evil/Observation?page=2`],
    ['a parent path', 'https://ehr.example/fhir/Observation?page=2'],
  ])('refuses a next link to %s without any request', async (_label, url) => {
    const { perform } = client();
    await expect(perform({ kind: 'page', url })).rejects.toBeInstanceOf(FhirForeignLinkError);
  });
});
