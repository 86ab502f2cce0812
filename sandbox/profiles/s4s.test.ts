// The s4s profile over HTTP: discovery only in the CapabilityStatement, dynamic client registration (RFC 7591)
// with no pre-registered client, v1 patient scopes without openid, 100-second codes, rotating refresh tokens.
import type { CapabilityStatement } from '@medplum/fhirtypes';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestProfile, APP_ORIGIN, type TestProfile } from '../testProfile';

let s4s: TestProfile;
beforeAll(async () => {
  s4s = await startTestProfile('s4s');
});
afterAll(() => s4s.close());
afterEach(async () => {
  await s4s.control('reset', {});
});

const SCOPE = 'launch/patient patient/*.read offline_access';

async function register(metadata: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(`${s4s.issuer}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(metadata),
  });
  return { response, body: (await response.json()) as Record<string, unknown> };
}

const publicClient = {
  client_name: 'SMART Chart',
  redirect_uris: [`${APP_ORIGIN}/callback`],
  token_endpoint_auth_method: 'none',
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  scope: SCOPE,
};

describe('s4s discovery', () => {
  it('has no .well-known/smart-configuration; the endpoints, with register, are in the CapabilityStatement', async () => {
    const wellKnown = await s4s.fhir('.well-known/smart-configuration');
    expect(wellKnown.status).toBe(404);
    expect(((await wellKnown.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
    const metadata = (await (await s4s.fhir('metadata')).json()) as CapabilityStatement;
    const uris = metadata.rest?.[0]?.security?.extension?.find((e) => e.url.endsWith('/oauth-uris'))?.extension;
    expect(Object.fromEntries(uris!.map((e) => [e.url, e.valueUri]))).toEqual({
      authorize: `${s4s.issuer}/authorize`,
      token: `${s4s.issuer}/token`,
      register: `${s4s.issuer}/register`,
    });
  });

  it('offers standalone launch only on its EHR simulator page', async () => {
    const html = await (await fetch(s4s.ehrUrl)).text();
    expect(html).toContain('<h1>EHR simulator: s4s profile</h1>');
    expect(html).not.toContain('Open embedded');
    expect(html).toContain('Standalone launch');
    expect((await fetch(`${s4s.ehrUrl}ehr/p-001`)).status).toBe(404);
  });
});

describe('s4s registration', () => {
  it('knows no client in advance', async () => {
    const { page } = await s4s.browser().navigate(s4s.authorizeUrl(s4s.authorizeParams({ scope: SCOPE }).params));
    expect(page?.status).toBe(400);
    expect(page?.html).toContain('invalid_client');
  });

  it('registers a public client from the app\'s origin (CORS), which then signs in with v1 scopes, without openid', async () => {
    const preflight = await fetch(`${s4s.issuer}/register`, {
      method: 'OPTIONS',
      headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
    const { response, body } = await register(publicClient, { origin: APP_ORIGIN });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(body).toMatchObject({ token_endpoint_auth_method: 'none', redirect_uris: publicClient.redirect_uris });
    expect(body.client_secret).toBeUndefined();
    const clientId = String(body.client_id);

    const flows = s4s.flowsFor(clientId);
    const { page, landing, verifier } = await flows.standalone({ user: 'pr-1', patient: 'p-003', action: 'approve' }, `openid fhirUser ${SCOPE} patient/Observation.rs`);
    expect(page.html).toContain('name="patient"');
    const code = landing.app!.searchParams.get('code')!;
    const stored = await s4s.auth.provider.AuthorizationCode.find(code);
    expect(stored!.exp! - stored!.iat!).toBe(100);
    const tokens = await flows.exchange(code, verifier, { origin: APP_ORIGIN });
    expect(tokens.response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(tokens.body.patient).toBe('p-003');
    expect(tokens.body.id_token).toBeUndefined();
    expect(tokens.body.scope.split(' ').sort()).toEqual(['launch/patient', 'offline_access', 'patient/*.read']);
    expect((await s4s.fhir('Observation?patient=p-003&category=vital-signs&_count=1', tokens.body.access_token)).status).toBe(200);
    expect((await s4s.fhir('Patient/p-004', tokens.body.access_token)).status).toBe(403);

    // Refresh tokens rotate; a reused one revokes the grant.
    const refreshed = await flows.refresh(tokens.body.refresh_token!);
    expect(refreshed.body.refresh_token).not.toBe(tokens.body.refresh_token);
    expect(refreshed.body.patient).toBe('p-003');
    expect((await flows.refresh(tokens.body.refresh_token!)).body.error).toBe('invalid_grant');
    expect((await s4s.control('stats')).body.registrations).toBe(1);
  });

  it('refuses a confidential client (a browser app has no secret to keep) and registers nothing', async () => {
    const { response, body } = await register({ ...publicClient, token_endpoint_auth_method: undefined });
    expect(response.status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_client_metadata' });
    expect(String(body.error_description)).toContain('token_endpoint_auth_method');
    expect((await register({ redirect_uris: ['not a url'], token_endpoint_auth_method: 'none' })).response.status).toBe(400);
    expect((await s4s.control('stats')).body.registrations).toBe(0);
    // No CORS for a foreign origin.
    const foreign = await register(publicClient, { origin: 'http://127.0.0.1:9999' });
    expect(foreign.response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
