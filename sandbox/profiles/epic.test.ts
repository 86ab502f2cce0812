// The epic profile over HTTP: exact aud, opaque access tokens looked up by the FHIR server, absolute fhirUser,
// Observation searches that need a filter, OperationOutcome entries, opaque paging, OID MRNs, embedded launches,
// and the sign-in page that refuses framing.
import type { Bundle, Observation, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { decodeProtectedHeader } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeLaunch, encodeLaunch } from '../auth/launch';
import { EHR_SCOPE } from '../auth/testFixture';
import { decodeJwt } from '../auth/testBrowser';
import { MRN_SYSTEM } from '../data';
import { delay } from '../knobs';
import { startTestProfile, type TestProfile } from '../testProfile';

let epic: TestProfile;
let token: string;
beforeAll(async () => {
  epic = await startTestProfile('epic');
  token = (await epic.signIn('p-large', 'openid fhirUser launch/patient patient/*.rs')).access_token;
});
afterAll(() => epic.close());
afterEach(async () => {
  await epic.control('reset', {});
});

const json = async <T>(response: Response) => ({ status: response.status, body: (await response.json()) as T });

describe('epic discovery and EHR simulator', () => {
  it('has Epic-like endpoints and an /api/FHIR/R4 base', async () => {
    expect(epic.fhirBase).toMatch(/\/api\/FHIR\/R4$/);
    const { body } = await json<Record<string, unknown>>(await epic.fhir('.well-known/smart-configuration'));
    expect(body).toMatchObject({
      issuer: epic.issuer,
      authorization_endpoint: `${epic.issuer}/oauth2/authorize`,
      token_endpoint: `${epic.issuer}/oauth2/token`,
      revocation_endpoint: `${epic.issuer}/oauth2/revoke`,
      jwks_uri: `${epic.issuer}/oauth2/jwks`,
    });
    expect((await fetch(`${epic.issuer}/oauth2/jwks`)).status).toBe(200);
  });

  it('names the profile and offers the EHR launch embedded only', async () => {
    const html = await (await fetch(epic.ehrUrl)).text();
    expect(html).toContain('<h1>EHR simulator: epic profile</h1>');
    expect(html).toContain('Opaque access tokens');
    expect(html).toContain('Open embedded');
    expect(html).not.toContain('Open in new window');
    const chart = await (await fetch(`${epic.ehrUrl}ehr/p-001`)).text();
    const src = new URL(/<iframe[^>]*src="([^"]+)"/s.exec(chart)![1].replaceAll('&amp;', '&'));
    expect(src.searchParams.get('iss')).toBe(epic.fhirBase);
    expect(decodeLaunch(src.searchParams.get('launch')!)).toMatchObject({ patient: 'p-001', need_patient_banner: false });
  });
});

describe('epic authorization', () => {
  it('refuses an aud that is not exactly the FHIR base (a trailing slash too)', async () => {
    for (const aud of [`${epic.fhirBase}/`, epic.fhirBase.toLowerCase(), epic.issuer]) {
      const { params } = epic.authorizeParams({ aud, scope: EHR_SCOPE, launch: encodeLaunch({ patient: 'p-001', user: 'pr-1' }) });
      const { app } = await epic.browser().navigate(epic.authorizeUrl(params));
      expect(app?.searchParams.get('error'), aud).toBe('invalid_request');
      expect(app?.searchParams.get('error_description')).toContain(`aud must be ${epic.fhirBase}`);
    }
  });

  it('issues opaque access tokens and an id_token whose fhirUser is an absolute URL', async () => {
    const { landing, verifier } = await epic.ehrLaunch({ patient: 'p-001', user: 'pr-2' });
    const { body } = await epic.exchange(landing.app!.searchParams.get('code')!, verifier);
    expect(body.patient).toBe('p-001');
    expect(() => decodeProtectedHeader(body.access_token)).toThrow();
    expect(body.access_token.split('.')).toHaveLength(1);
    expect(decodeJwt(body.id_token!)).toMatchObject({ fhirUser: `${epic.fhirBase}/Practitioner/pr-2` });
  });

  it('shows a sign-in page that refuses framing when signInRefusesFraming is set, for EHR and standalone launches', async () => {
    const launch = { patient: 'p-001', user: 'pr-2' };
    const plain = await epic.ehrLaunch(launch);
    expect(plain.landing.app?.searchParams.get('code')).toBeTruthy();
    const standalonePage = await epic.browser().navigate(epic.authorizeUrl(epic.authorizeParams().params));
    expect(standalonePage.page?.headers.get('x-frame-options')).toBeNull();

    await epic.control('knobs', { signInRefusesFraming: true, ehrPreapproved: true });
    const browser = epic.browser();
    const { landing, verifier } = await epic.ehrLaunch(launch, EHR_SCOPE, browser);
    const page = landing.page!;
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.html).toMatch(/Continue as Dr\. Robert Mensah/);
    const done = await browser.navigate(page.url, { action: 'approve' });
    const { body } = await epic.exchange(done.app!.searchParams.get('code')!, verifier);
    expect(body.patient).toBe('p-001');

    const again = epic.browser();
    const second = await epic.ehrLaunch(launch, EHR_SCOPE, again);
    expect((await again.navigate(second.landing.page!.url, { action: 'deny' })).app?.searchParams.get('error')).toBe('access_denied');
    const standalone = await epic.browser().navigate(epic.authorizeUrl(epic.authorizeParams().params));
    expect(standalone.page?.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('epic FHIR server', () => {
  it('looks opaque tokens up: unknown, revoked and expired ones get 401, JWTs too', async () => {
    expect((await epic.fhir('Patient/p-large', token)).status).toBe(200);
    for (const bad of ['not-a-token', `${token}x`, 'eyJhbGciOiJSUzI1NiJ9.eyJzY29wZSI6InVzZXIvKi5ycyJ9.c2ln']) {
      const response = await epic.fhir('Patient/p-large', bad);
      expect(response.status, bad).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('invalid_token');
    }
    const other = await epic.signIn('p-001', 'launch/patient patient/*.rs');
    const revoked = await fetch(`${epic.issuer}/oauth2/revoke`, {
      method: 'POST', body: new URLSearchParams({ token: other.access_token, client_id: 'smart-chart' }),
    });
    expect(revoked.status).toBe(200);
    expect((await epic.fhir('Patient/p-001', other.access_token)).status).toBe(401);
    expect((await epic.control('stats')).body.revocations).toMatchObject({ access_token: 1 });

    await epic.control('knobs', { accessTokenTtl: 1 });
    const short = await epic.signIn('p-001', 'launch/patient patient/*.rs');
    expect((await epic.fhir('Patient/p-001', short.access_token)).status).toBe(200);
    await delay(2600); // past exp and the 1-second tolerance
    expect((await epic.fhir('Patient/p-001', short.access_token)).status).toBe(401);
  });

  it('answers an Observation search without category or code with a 400 OperationOutcome', async () => {
    for (const query of ['Observation?patient=p-large', 'Observation?patient=p-large&_count=5&date=ge2020-01-01']) {
      const { status, body } = await json<OperationOutcome>(await epic.fhir(query, token));
      expect(status, query).toBe(400);
      expect(body.resourceType).toBe('OperationOutcome');
      expect(body.issue[0].diagnostics).toMatch(/category or code/);
    }
    for (const query of ['Observation?patient=p-large&category=vital-signs&_count=1', 'Observation?patient=p-large&code=http://loinc.org|8867-4&_count=1']) {
      expect((await epic.fhir(query, token)).status, query).toBe(200);
    }
  });

  it('puts an OperationOutcome entry (search.mode=outcome) in every search bundle, outside the total', async () => {
    const { body } = await json<Bundle>(await epic.fhir('Observation?patient=p-large&category=laboratory&_count=3', token));
    const modes = body.entry!.map((e) => [e.resource!.resourceType, e.search?.mode]);
    expect(modes.filter(([type]) => type === 'Observation')).toHaveLength(3);
    expect(modes.at(-1)).toEqual(['OperationOutcome', 'outcome']);
    expect(body.total).toBeGreaterThan(3);
    const empty = await json<Bundle>(await epic.fhir('Encounter?patient=p-empty', (await epic.signIn('p-empty', 'launch/patient patient/*.rs')).access_token));
    expect(empty.body.total).toBe(0);
    expect(empty.body.entry!.map((e) => e.search?.mode)).toEqual(['outcome']);
  });

  it('gives next links with an opaque sessionID only, that lead to the next page', async () => {
    const first = await json<Bundle<Observation>>(await epic.fhir('Observation?patient=p-large&category=vital-signs&_sort=-date&_count=20', token));
    const next = first.body.link!.find((l) => l.relation === 'next')!.url;
    const url = new URL(next);
    expect(url.origin + url.pathname).toBe(`${epic.fhirBase}/Observation`);
    expect([...url.searchParams.keys()]).toEqual(['sessionID']);
    const second = await json<Bundle<Observation>>(await epic.fhir(next, token));
    expect(second.status).toBe(200);
    const ids = (b: Bundle) => b.entry!.filter((e) => e.search?.mode === 'match').map((e) => e.resource!.id);
    expect(ids(second.body)).toHaveLength(20);
    expect(ids(second.body).some((id) => ids(first.body).includes(id))).toBe(false);
    expect(second.body.link!.find((l) => l.relation === 'previous')!.url).toContain('sessionID=');
    // Unknown sessions, sessions of another type, and another patient's token are refused.
    expect((await epic.fhir('Observation?sessionID=nope', token)).status).toBe(400);
    expect((await epic.fhir(`Encounter?${url.searchParams}`, token)).status).toBe(400);
    const otherPatient = (await epic.signIn('p-001', 'launch/patient patient/*.rs')).access_token;
    expect((await epic.fhir(next, otherPatient)).status).toBe(403);
  });

  it('keeps the MRN identifier system an OID URN', async () => {
    const patient = epic.dataset.patients.find((p) => p.id === 'p-001')!;
    const user = (await epic.signIn('p-001', 'openid fhirUser user/Patient.rs')).access_token;
    const { body } = await json<Bundle<Patient>>(await epic.fhir(`Patient?identifier=${encodeURIComponent(`${MRN_SYSTEM}|${patient.mrn}`)}`, user));
    const match = body.entry!.find((e) => e.search?.mode === 'match')!.resource!;
    expect(match.id).toBe('p-001');
    expect(match.identifier![0].system).toMatch(/^urn:oid:/);
  });
});
