import type { Bundle, CapabilityStatement, Observation, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, MRN_SYSTEM, type Dataset } from '../data';
import { knobs, resetSandboxState, stats } from '../knobs';
import { startFhirServer } from './server';
import { freePort, startTestIssuer, type TestIssuer } from './test-issuer';

const APP = 'http://127.0.0.1:4173';
let issuer: TestIssuer;
let server: { url: string; close(): Promise<void> };
let base: string;
let data: Dataset;
let userToken: string;

const smart = () => ({
  issuer: issuer.issuer,
  authorization_endpoint: `${issuer.issuer}/auth`,
  token_endpoint: `${issuer.issuer}/token`,
  capabilities: ['launch-ehr', 'client-public'],
});

async function get<T = Bundle>(path: string, token?: string, headers: Record<string, string> = {}) {
  const url = path.startsWith('http') ? path : `${base}/${path}`;
  const res = await fetch(url, { headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as T };
}
const token = (scope: string, extra: Record<string, unknown> = {}) => issuer.sign({ scope, ...extra }, base);
const subjects = (b: Bundle) => new Set(b.entry?.map((e) => (e.resource as Observation).subject?.reference));

beforeAll(async () => {
  issuer = await startTestIssuer();
  const port = await freePort();
  base = `http://127.0.0.1:${port}/fhir`;
  data = generateDataset();
  const start = performance.now();
  server = await startFhirServer({
    host: '127.0.0.1',
    port,
    baseUrl: base,
    dataset: data,
    issuer: issuer.issuer,
    jwksUri: issuer.jwksUri,
    allowedOrigins: [APP],
    smartConfiguration: smart,
  });
  console.log(`FHIR server start-up (indexing + listen): ${(performance.now() - start).toFixed(0)} ms`);
  userToken = await token('openid fhirUser user/*.rs');
});
afterAll(async () => {
  await server?.close();
  await issuer?.close();
});
afterEach(() => resetSandboxState());

describe('public endpoints', () => {
  it('serves smart-configuration and metadata without a token', async () => {
    expect(server.url).toBe(base);
    const config = await get<Record<string, unknown>>('.well-known/smart-configuration');
    expect(config.status).toBe(200);
    expect(config.body).toEqual(smart());
    const meta = await get<CapabilityStatement>('metadata');
    expect(meta.status).toBe(200);
    const oauth = meta.body.rest?.[0]?.security?.extension?.find((e) => e.url.endsWith('/oauth-uris'));
    expect(oauth?.extension).toEqual(
      expect.arrayContaining([
        { url: 'authorize', valueUri: `${issuer.issuer}/auth` },
        { url: 'token', valueUri: `${issuer.issuer}/token` },
      ]),
    );
  });

  it('answers unknown routes and bad requests with an OperationOutcome', async () => {
    for (const [path, status] of [['Nonsense', 404], ['Patient/no-such-patient', 404], ['Patient/p-001/_history/x/y', 404], ['Observation?_count=abc', 400]] as const) {
      const res = await get<OperationOutcome>(path, userToken);
      expect(res.status, path).toBe(status);
      expect(res.body.resourceType).toBe('OperationOutcome');
    }
    expect((await fetch(`${base.replace('/fhir', '')}/other`)).status).toBe(404);
    expect((await fetch(`${base}/Patient/p-001`, { method: 'DELETE', headers: { Authorization: `Bearer ${userToken}` } })).status).toBe(405);
  });
});

describe('access tokens', () => {
  it('rejects missing, expired, wrong-audience, forged and revoked tokens with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await token('user/*.rs', { iat: now - 600, exp: now - 60 });
    const wrongAudience = await issuer.sign({ scope: 'user/*.rs' }, 'http://127.0.0.1:9/fhir');
    const other = await startTestIssuer();
    const forged = await other.sign({ scope: 'user/*.rs', iss: issuer.issuer }, base);
    await other.close();
    for (const bad of [undefined, 'not-a-jwt', expired, wrongAudience, forged]) {
      const res = await get<OperationOutcome>('Patient/p-001', bad);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
      expect(res.body.resourceType).toBe('OperationOutcome');
    }
    knobs.rejectTokensIssuedBefore = now + 10;
    expect((await get('Patient/p-001', userToken)).status).toBe(401);
    knobs.rejectTokensIssuedBefore = 0;
    expect((await get('Patient/p-001', userToken)).status).toBe(200);
  });

  it('limits patient-level tokens to their patient', async () => {
    const t = await token('launch/patient patient/Patient.rs patient/Observation.rs patient/Encounter.rs', { patient: 'p-002' });
    expect((await get('Patient/p-002', t)).status).toBe(200);
    expect((await get('Patient/p-003', t)).status).toBe(403);
    expect((await get('Observation/p-003-enc-001-hr', t)).status).toBe(403);
    expect((await get('Observation/p-002-enc-001-hr', t)).status).toBe(200);
    expect((await get('Observation?patient=p-003', t)).status).toBe(403);
    expect((await get('Encounter?subject=Patient/p-003', t)).status).toBe(403);
    const own = await get('Observation?subject=Patient/p-002&category=vital-signs', t);
    expect(subjects(own.body)).toEqual(new Set(['Patient/p-002']));
    const forced = await get('Observation?category=laboratory&_count=1000', t);
    expect(forced.status).toBe(200);
    expect(subjects(forced.body)).toEqual(new Set(['Patient/p-002']));
    const patients = await get('Patient', t);
    expect(patients.body.entry?.map((e) => e.resource?.id)).toEqual(['p-002']);
  });

  it('returns 403 for a resource type no scope grants, and accepts v1 and v2 scopes', async () => {
    const patientOnly = await token('patient/Patient.rs', { patient: 'p-002' });
    const denied = await get<OperationOutcome>('Observation?patient=p-002', patientOnly);
    expect(denied.status).toBe(403);
    expect(denied.body.resourceType).toBe('OperationOutcome');
    const v1 = await token('patient/*.read', { patient: 'p-002' });
    expect((await get('Observation?patient=p-002', v1)).status).toBe(200);
    const v2Category = await token('patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs', { patient: 'p-002' });
    expect((await get('Observation?patient=p-002', v2Category)).status).toBe(200);
    const user = await token('user/Patient.read');
    expect((await get('Patient/p-003', user)).status).toBe(200);
    expect((await get('Encounter?patient=p-003', user)).status).toBe(403);
  });
});

describe('conditions and medication requests (the risk view)', () => {
  it('serves them to their patient with the scope, refuses them without it or for another patient', async () => {
    const t = await token('patient/Condition.rs patient/MedicationRequest.rs', { patient: 'p-risk-complete' });
    const conditions = await get<Bundle>('Condition?patient=p-risk-complete', t);
    expect(conditions.status).toBe(200);
    expect(conditions.body.entry?.map((e) => e.resource?.id)).toEqual(['p-risk-complete-cond-1']);
    const active = await get<Bundle>('MedicationRequest?patient=p-risk-complete&status=active', t);
    expect(active.body.total).toBe(2);
    expect(subjects((await get('MedicationRequest', t)).body)).toEqual(new Set(['Patient/p-risk-complete']));
    expect((await get('Condition?patient=p-risk-stale', t)).status).toBe(403);
    expect((await get('Condition/p-risk-stale-cond-1', t)).status).toBe(403);
    const observationsOnly = await token('patient/Observation.rs', { patient: 'p-risk-complete' });
    expect((await get('Condition?patient=p-risk-complete', observationsOnly)).status).toBe(403);
    expect((await get('MedicationRequest?patient=p-risk-complete', observationsOnly)).status).toBe(403);
    const meta = await get<CapabilityStatement>('metadata');
    expect(meta.body.rest?.[0]?.resource?.map((r) => r.type)).toEqual(expect.arrayContaining(['Condition', 'MedicationRequest']));
  });
});

describe('search', () => {
  it('finds a patient by identifier system|value and by name', async () => {
    const mrn = data.patients[4].mrn;
    const res = await get<Bundle<Patient>>(`Patient?identifier=${encodeURIComponent(`${MRN_SYSTEM}|${mrn}`)}`, userToken);
    expect(res.body.total).toBe(1);
    expect(res.body.entry?.[0]?.resource?.id).toBe(data.patients[4].id);
    const family = (data.resources.find((r) => r.id === 'p-large') as Patient).name![0].family!;
    const byName = await get<Bundle<Patient>>(`Patient?family=${family}`, userToken);
    expect(byName.body.entry?.map((e) => e.resource?.id)).toContain('p-large');
  });

  it('sorts observations newest first and pages through next links', async () => {
    const expected = data.resources.filter(
      (r) => r.resourceType === 'Observation' && r.subject?.reference === 'Patient/p-large' && r.category?.[0]?.coding?.[0]?.code === 'vital-signs',
    ).length;
    const first = await get('Observation?patient=p-large&category=vital-signs&_sort=-date', userToken);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('application/fhir+json');
    expect(first.body.type).toBe('searchset');
    expect(first.body.total).toBe(expected);
    expect(first.body.entry).toHaveLength(50);
    const dates = (b: Bundle) => b.entry!.map((e) => (e.resource as Observation).effectiveDateTime!);
    const firstDates = dates(first.body);
    expect([...firstDates].sort().reverse()).toEqual(firstDates);
    expect(firstDates[0].startsWith('2026-10')).toBe(true);
    expect(first.body.link?.find((l) => l.relation === 'self')?.url).toMatch(new RegExp(`^${base}/Observation\\?`));

    const next = first.body.link?.find((l) => l.relation === 'next')?.url;
    expect(next).toMatch(new RegExp(`^${base}/Observation\\?.*_offset=50`));
    const second = await get(next!, userToken);
    expect(second.body.entry).toHaveLength(50);
    expect(dates(second.body)[0] <= firstDates.at(-1)!).toBe(true);
    const ids = new Set([...first.body.entry!, ...second.body.entry!].map((e) => e.resource!.id));
    expect(ids.size).toBe(100);
    const third = await get(second.body.link!.find((l) => l.relation === 'next')!.url!, userToken);
    expect(third.body.entry).toHaveLength(50);

    const last = await get(`Observation?patient=p-large&category=vital-signs&_count=1000&_offset=${expected - 10}`, userToken);
    expect(last.body.entry).toHaveLength(10);
    expect(last.body.link?.some((l) => l.relation === 'next')).toBe(false);
  });

  it('filters by code lists, category system|code, encounter and date prefixes', async () => {
    const codes = await get('Observation?patient=Patient/p-001&code=8867-4,http://loinc.org|9279-1&_count=1000', userToken);
    expect(new Set(codes.body.entry!.map((e) => (e.resource as Observation).code.coding![0].code))).toEqual(new Set(['8867-4', '9279-1']));
    const category = `${encodeURIComponent('http://terminology.hl7.org/CodeSystem/observation-category|laboratory')}`;
    const labs = await get(`Observation?patient=p-001&category=${category}&date=ge2024-01-01&date=lt2025-01-01&_count=1000`, userToken);
    for (const e of labs.body.entry ?? []) expect((e.resource as Observation).effectiveDateTime!.slice(0, 4)).toBe('2024');
    const enc = await get('Observation?encounter=p-001-enc-001', userToken);
    expect(enc.body.total).toBeGreaterThanOrEqual(8);
    const encounters = await get('Encounter?patient=p-001&date=ge2025-01-01&_sort=-date', userToken);
    const starts = encounters.body.entry!.map((e) => (e.resource as { period: { start: string } }).period.start);
    expect(starts.every((s) => s >= '2025-01-01')).toBe(true);
    expect([...starts].sort().reverse()).toEqual(starts);
    const post = await fetch(`${base}/Observation/_search`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${userToken}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'patient=p-001&code=8867-4',
    });
    expect(((await post.json()) as Bundle).total).toBe(codes.body.entry!.length / 2);
  });

  it('answers the large-patient queries quickly', async () => {
    const queries = [
      'Observation?patient=p-large&category=vital-signs&_sort=-date&_count=50',
      'Observation?patient=p-large&category=vital-signs&_sort=-date&_count=50&_offset=50',
      'Observation?patient=p-large&code=8867-4&_count=1000',
    ];
    for (const query of queries) {
      const start = performance.now();
      const res = await get(query, userToken);
      const ms = performance.now() - start;
      console.log(`${ms.toFixed(0)} ms  ${query}`);
      expect(res.status).toBe(200);
      expect(ms).toBeLessThan(1000);
    }
  });
});

describe('CORS, latency and counters', () => {
  it('answers preflights for allowed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${base}/Observation?patient=p-001`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' },
      });
    const ok = await preflight(APP);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(APP);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(ok.headers.get('access-control-allow-methods')).toMatch(/GET/);
    expect(ok.headers.get('vary')).toMatch(/Origin/);
    const other = await preflight('http://127.0.0.1:9999');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const denied = await get('Patient/p-001', undefined, { Origin: APP });
    expect(denied.headers.get('access-control-allow-origin')).toBe(APP);
    expect(denied.headers.get('access-control-expose-headers')).toMatch(/WWW-Authenticate/);
  });

  it('honours latencyMs and counts requests', async () => {
    const before = stats.fhirRequests;
    knobs.latencyMs = 200;
    const start = performance.now();
    await get('metadata');
    expect(performance.now() - start).toBeGreaterThanOrEqual(195);
    expect(stats.fhirRequests).toBe(before + 1);
  });
});

describe('fault knobs', () => {
  const fromApp = { Origin: APP };
  const tokenFor = (patient: string) => token('patient/Patient.rs patient/Observation.rs patient/Encounter.rs', { patient });

  it('fhirFaults answers the status with Retry-After (and CORS) to the next N matching requests, then normal', async () => {
    const t = await tokenFor('p-001');
    knobs.fhirFaults = { status: 429, retryAfter: 1, remaining: 2, resourceType: 'Observation' };
    expect((await get('Encounter?patient=p-001', t, fromApp)).status).toBe(200); // another type: untouched
    for (let i = 0; i < 2; i++) {
      const res = await get<OperationOutcome>('Observation?patient=p-001', t, fromApp);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.headers.get('access-control-allow-origin')).toBe(APP);
      expect(res.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
      expect(res.body.issue[0].code).toBe('throttled');
    }
    expect((await get('Observation?patient=p-001', t, fromApp)).status).toBe(200);
    expect(knobs.fhirFaults).toBeNull();
    expect(stats.faultsServed.status).toBe(2);
    expect(stats.fhirByType).toEqual({ Encounter: 1, Observation: 3 });
    expect(stats.fhirStatus).toEqual({ 200: 2, 429: 2 });

    // Without resourceType every resource request matches (also a read, also without a valid token);
    // discovery and metadata never do.
    knobs.fhirFaults = { status: 503, remaining: 2 };
    expect((await get('.well-known/smart-configuration')).status).toBe(200);
    const unavailable = await get<OperationOutcome>('Patient/p-001', undefined, fromApp);
    expect([unavailable.status, unavailable.headers.get('retry-after')]).toEqual([503, null]);
    expect((await get('Encounter?patient=p-001', t)).status).toBe(503);
    expect((await get('Patient/p-001', t)).status).toBe(200);
  });

  it('fhirMalformed answers 200 with cut-off JSON or an HTML page', async () => {
    const t = await tokenFor('p-001');
    knobs.fhirMalformed = { kind: 'json', remaining: 1, resourceType: 'Observation' };
    const json = await fetch(`${base}/Observation?patient=p-001`, { headers: { Authorization: `Bearer ${t}`, ...fromApp } });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toContain('application/fhir+json');
    expect(json.headers.get('access-control-allow-origin')).toBe(APP);
    await expect(json.json()).rejects.toThrow(SyntaxError);
    knobs.fhirMalformed = { kind: 'html', remaining: 1 };
    const html = await fetch(`${base}/Encounter?patient=p-001`, { headers: { Authorization: `Bearer ${t}` } });
    expect([html.status, html.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(await html.text()).toMatch(/^<!doctype html>/);
    expect((await get('Encounter?patient=p-001', t)).status).toBe(200);
    expect(stats.faultsServed.malformed).toBe(2);
  });

  it('denyResourceTypes answers 403 to a valid, scoped token for those types only', async () => {
    const t = await tokenFor('p-001');
    knobs.denyResourceTypes = ['Encounter'];
    const denied = await get<OperationOutcome>('Encounter?patient=p-001', t, fromApp);
    expect(denied.status).toBe(403);
    expect(denied.body.resourceType).toBe('OperationOutcome');
    expect(denied.headers.get('access-control-allow-origin')).toBe(APP);
    expect((await get('Encounter/p-001-enc-001', t)).status).toBe(403);
    expect((await get('Observation?patient=p-001', t)).status).toBe(200);
    expect((await get('Encounter?patient=p-001')).status).toBe(401); // no token: still 401 first
    expect(stats.faultsServed.denied).toBe(2);
  });

  it('discoveryOmit drops fields from smart-configuration and the CapabilityStatement', async () => {
    knobs.discoveryOmit = ['token_endpoint', 'capabilities'];
    const config = await get<Record<string, unknown>>('.well-known/smart-configuration');
    expect(Object.keys(config.body).sort()).toEqual(['authorization_endpoint', 'issuer']);
    const meta = await get<CapabilityStatement>('metadata');
    const oauth = meta.body.rest?.[0]?.security?.extension?.find((e) => e.url.endsWith('/oauth-uris'));
    expect(oauth?.extension?.map((e) => e.url)).toEqual(['authorize']);
  });
});
