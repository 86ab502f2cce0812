// The canvas profile over HTTP: OAuth on the EHR host with trailing slashes, FHIR on another port, user-level v1
// scopes, no patient in the token response, single-use refresh tokens.
import type { Bundle, Patient } from '@medplum/fhirtypes';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from '../auth/testBrowser';
import { startTestProfile, APP_ORIGIN, type TestProfile } from '../testProfile';

let canvas: TestProfile;
beforeAll(async () => {
  canvas = await startTestProfile('canvas');
});
afterAll(() => canvas.close());
afterEach(async () => {
  await canvas.control('reset', {});
});

const USER_SCOPES = 'openid fhirUser user/Patient.read user/Encounter.read user/Observation.read offline_access';

describe('canvas endpoints', () => {
  it('has its OAuth endpoints on the EHR host, with trailing slashes, and FHIR at the root of another port', async () => {
    expect(new URL(canvas.ehrUrl).origin).toBe(canvas.issuer);
    expect(new URL(canvas.fhirBase).port).not.toBe(new URL(canvas.issuer).port);
    expect(new URL(canvas.fhirBase).pathname).toBe('/');
    const discovery = (await (await canvas.fhir('.well-known/smart-configuration')).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      authorization_endpoint: `${canvas.issuer}/auth/authorize/`,
      token_endpoint: `${canvas.issuer}/auth/token/`,
      revocation_endpoint: `${canvas.issuer}/auth/revoke/`,
    });
    expect(discovery.capabilities).toEqual(expect.arrayContaining(['permission-v1', 'permission-user', 'launch-ehr']));
    expect(discovery.capabilities).not.toContain('permission-v2');
    expect(discovery.capabilities).not.toContain('context-ehr-patient');
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(['user/Patient.read', 'launch', 'openid']));
    expect(discovery.scopes_supported).not.toContain('patient/Patient.read');
    expect(discovery.scopes_supported).not.toContain('user/Patient.rs');
    const metadata = await canvas.fhir('metadata');
    expect(metadata.status).toBe(200);
    // The same path without its trailing slash is not the token endpoint.
    expect((await fetch(`${canvas.issuer}/auth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token' }) })).status).toBe(404);
  });

  it('serves the EHR simulator, naming the profile, on the authorization server\'s host', async () => {
    const html = await (await fetch(canvas.ehrUrl)).text();
    expect(html).toContain('<h1>EHR simulator: canvas profile</h1>');
    expect(html).toContain('Open embedded');
    const chart = await fetch(`${canvas.ehrUrl}ehr/p-001`);
    expect(chart.status).toBe(200);
    expect(await chart.text()).toContain(`iss=${encodeURIComponent(canvas.fhirBase)}`);
  });
});

describe('canvas tokens', () => {
  it('grants user-level v1 scopes only, with no patient in the token response, for an EHR launch', async () => {
    const scope = `launch ${USER_SCOPES} launch/patient patient/*.rs user/Patient.rs`;
    const { landing, verifier } = await canvas.ehrLaunch({ patient: 'p-001', encounter: 'x', user: 'pr-3' }, scope);
    const { response, body } = await canvas.exchange(landing.app!.searchParams.get('code')!, verifier, { origin: APP_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(body.patient).toBeUndefined();
    expect(body.encounter).toBeUndefined();
    expect(body.scope.split(' ').sort()).toEqual(['fhirUser', 'launch', 'offline_access', 'openid', 'user/Encounter.read', 'user/Observation.read', 'user/Patient.read']);
    expect(decodeJwt(body.access_token)).not.toHaveProperty('patient');
    expect(decodeJwt(body.id_token!)).toMatchObject({ fhirUser: 'Practitioner/pr-3' });
  });

  it('asks for no patient at a standalone sign-in, and the token finds any patient by name or MRN', async () => {
    const { page, landing, verifier } = await canvas.standalone({ user: 'pr-1', action: 'approve' }, `launch/patient ${USER_SCOPES}`);
    expect(page.html).not.toContain('name="patient"');
    expect(page.html).toContain('canvas');
    const { body } = await canvas.exchange(landing.app!.searchParams.get('code')!, verifier);
    expect(body.patient).toBeUndefined();
    const patient = canvas.dataset.patients.find((p) => p.id === 'p-002')!;
    const byMrn = (await (await canvas.fhir(`Patient?identifier=${encodeURIComponent(`http://canvasmedical.com/mrn|${patient.mrn}`)}`, body.access_token)).json()) as Bundle<Patient>;
    expect(byMrn.entry?.map((e) => e.resource?.id)).toEqual(['p-002']);
    expect(byMrn.entry?.[0].resource?.identifier?.[0].system).toBe('http://canvasmedical.com/mrn');
    const byName = (await (await canvas.fhir(`Patient?name=${encodeURIComponent(patient.name.split(' ').at(-1)!)}`, body.access_token)).json()) as Bundle<Patient>;
    expect(byName.entry?.map((e) => e.resource?.id)).toContain('p-002');
    expect((await canvas.fhir('Observation?patient=p-002&category=vital-signs&_count=1', body.access_token)).status).toBe(200);
  });

  it('uses each refresh token once: a reuse revokes the grant', async () => {
    const { landing, verifier } = await canvas.ehrLaunch({ patient: 'p-001', user: 'pr-1' }, `launch ${USER_SCOPES}`);
    const { body: first } = await canvas.exchange(landing.app!.searchParams.get('code')!, verifier);
    const second = await canvas.refresh(first.refresh_token!);
    expect(second.response.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body.patient).toBeUndefined();
    expect((await canvas.refresh(first.refresh_token!)).body.error).toBe('invalid_grant');
    expect((await canvas.refresh(second.body.refresh_token!)).body.error).toBe('invalid_grant');
    expect((await canvas.fhir('Patient/p-001', second.body.access_token)).status).toBe(401);
  });
});
