import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID } from '../ports';
import { EHR_SCOPE, STANDALONE_SCOPE, startTestAuth, type TestAuth } from './testFixture';
import { encodeLaunch } from './launch';
import { decodeJwt } from './testBrowser';

let auth: TestAuth;
beforeAll(async () => {
  auth = await startTestAuth();
});
afterAll(() => auth.server.close());

describe('discovery', () => {
  it('describes the SMART endpoints and capabilities', async () => {
    const config = auth.server.smartConfiguration();
    expect(config).toMatchObject({
      issuer: auth.issuer,
      jwks_uri: `${auth.issuer}/jwks`,
      authorization_endpoint: `${auth.issuer}/auth`,
      token_endpoint: `${auth.issuer}/token`,
      revocation_endpoint: `${auth.issuer}/token/revocation`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
    });
    expect(config.capabilities).toEqual(expect.arrayContaining(['launch-ehr', 'launch-standalone', 'client-public',
      'context-ehr-patient', 'context-banner', 'context-style', 'permission-v2', 'sso-openid-connect']));
    expect(config.scopes_supported).toEqual(expect.arrayContaining(['launch/patient', 'patient/*.rs', 'patient/*.read']));
    const oidc = (await (await fetch(`${auth.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(oidc.issuer).toBe(auth.issuer);
    expect(oidc.token_endpoint).toBe(config.token_endpoint);
    expect(oidc.revocation_endpoint).toBe(config.revocation_endpoint);
  });
});

describe('standalone launch', () => {
  it('shows a sign-in page with escaped names and labelled controls', async () => {
    const browser = auth.browser();
    const { params } = auth.authorizeParams();
    const { page } = await browser.navigate(auth.authorizeUrl(params));
    expect(page?.status).toBe(200);
    const html = page!.html;
    expect(html).toContain('<select id="user" name="user">');
    expect(html).toContain('<select id="patient" name="patient" required>');
    expect(html).toContain('<label for="patient">Patient</label>');
    expect(html).toMatch(/<button type="submit" name="action" value="approve">Approve<\/button>/);
    expect(html).toMatch(/value="deny"[^>]*>Deny<\/button>/);
    expect(html).toContain('Ada &lt;img src=x onerror=alert(1)&gt; Lovelace');
    expect(html).toContain('Dr. &quot;Quotes&quot; &amp; &lt;b&gt;Co&lt;/b&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
  });

  it('issues a JWT access token, a refresh token, an id_token and the SMART context', async () => {
    const { landing, verifier } = await auth.standalone();
    const redirect = landing.app!;
    expect(redirect.pathname).toBe('/callback');
    expect(redirect.searchParams.get('state')).toBe('state-123');
    expect(redirect.searchParams.get('iss')).toBe(auth.issuer);
    const { response, body } = await auth.exchange(redirect.searchParams.get('code')!, verifier);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    expect(body).toMatchObject({
      token_type: 'Bearer', expires_in: 3600, patient: 'p1', encounter: 'e1',
      need_patient_banner: true, smart_style_url: `${auth.issuer}/smart-style.json`,
    });
    expect(body.scope.split(' ').sort()).toEqual(STANDALONE_SCOPE.split(' ').sort());
    expect(body.refresh_token).toBeTruthy();

    const jwks = createRemoteJWKSet(new URL(`${auth.issuer}/jwks`));
    const { payload: at } = await jwtVerify(body.access_token, jwks, { issuer: auth.issuer, audience: auth.fhirBase });
    expect(at).toMatchObject({ patient: 'p1', encounter: 'e1', fhirUser: 'Practitioner/dr1', client_id: CLIENT_ID, sub: 'dr1' });
    expect(String(at.scope).split(' ')).toEqual(expect.arrayContaining(['launch/patient', 'patient/*.rs']));
    const { payload: id } = await jwtVerify(body.id_token!, jwks, { issuer: auth.issuer, audience: CLIENT_ID });
    expect(id).toMatchObject({ sub: 'dr1', fhirUser: 'Practitioner/dr1' });

    const style = await fetch(body.smart_style_url!, { headers: { origin: auth.appOrigin } });
    expect(style.headers.get('access-control-allow-origin')).toBe('*');
    expect(await style.json()).toHaveProperty('color_background');
  });

  it('gives no patient context without launch/patient and drops unknown scopes', async () => {
    const scope = 'openid fhirUser user/Patient.rs patient/Observation.rs?category=vital-signs made-up';
    const { page, landing, verifier } = await auth.standalone({ user: 'dr2', action: 'approve' }, scope);
    expect(page.html).not.toContain('name="patient"');
    const { body } = await auth.exchange(landing.app!.searchParams.get('code')!, verifier);
    expect(body.scope.split(' ').sort()).toEqual(['fhirUser', 'openid', 'user/Patient.rs']);
    expect(body.patient).toBeUndefined();
    expect(decodeJwt(body.access_token)).not.toHaveProperty('patient');
  });

  it('answers Deny with access_denied', async () => {
    const { landing } = await auth.standalone({ action: 'deny' });
    expect(landing.app!.searchParams.get('error')).toBe('access_denied');
    expect(landing.app!.searchParams.get('state')).toBe('state-123');
  });

  it('re-asks when no patient was chosen', async () => {
    const browser = auth.browser();
    const { params } = auth.authorizeParams();
    const { page } = await browser.navigate(auth.authorizeUrl(params));
    const again = await browser.navigate(page!.url, { user: 'dr1', action: 'approve' });
    expect(again.page?.status).toBe(400);
    expect(again.page?.html).toContain('Choose a patient.');
  });

  it('refuses a request without PKCE, with plain PKCE or with a wrong aud', async () => {
    const cases = [
      { code_challenge: undefined, code_challenge_method: undefined },
      { code_challenge_method: 'plain' },
      { aud: 'http://127.0.0.1:9999/fhir' },
      { aud: undefined },
    ];
    for (const overrides of cases) {
      const { params } = auth.authorizeParams(overrides);
      const { app } = await auth.browser().navigate(auth.authorizeUrl(params));
      expect(app?.searchParams.get('error'), JSON.stringify(overrides)).toBe('invalid_request');
    }
  });

  it('refuses an unregistered redirect_uri without redirecting', async () => {
    const { params } = auth.authorizeParams({ redirect_uri: 'http://127.0.0.1:6666/callback' });
    const { page } = await auth.browser().navigate(auth.authorizeUrl(params));
    expect(page?.status).toBe(400);
    expect(page?.html).toContain('<code>invalid_redirect_uri</code>');
  });
});

describe('EHR launch', () => {
  it('signs in as the launch user without a page and returns the launch context', async () => {
    const launch = { patient: 'p2', encounter: 'e9', user: 'dr2', need_patient_banner: false };
    const { landing, verifier } = await auth.ehrLaunch(launch);
    expect(landing.app?.searchParams.get('code')).toBeTruthy();
    const { body } = await auth.exchange(landing.app!.searchParams.get('code')!, verifier);
    expect(body).toMatchObject({ patient: 'p2', encounter: 'e9', need_patient_banner: false });
    expect(body.scope).toContain('launch');
    expect(decodeJwt(body.id_token!)).toMatchObject({ fhirUser: 'Practitioner/dr2' });
    expect(decodeJwt(body.access_token)).toMatchObject({ patient: 'p2', sub: 'dr2' });
  });

  it('rejects an unknown launch with invalid_request', async () => {
    const { landing } = await auth.ehrLaunch({ patient: 'nobody', user: 'dr1' });
    expect(landing.app?.searchParams.get('error')).toBe('invalid_request');
  });

  it('gives each launch its own context in the same browser', async () => {
    const browser = auth.browser();
    const patients: string[] = [];
    for (const patient of ['p1', 'p2']) {
      const { params, verifier } = auth.authorizeParams({ scope: 'launch patient/*.rs', launch: encodeLaunch({ patient, user: 'dr1' }) });
      const { app } = await browser.navigate(auth.authorizeUrl(params));
      const { body } = await auth.exchange(app!.searchParams.get('code')!, verifier);
      patients.push(body.patient!);
    }
    expect(patients).toEqual(['p1', 'p2']);
  });

  it('lets a different user sign in next in the same browser (no log-out step)', async () => {
    const browser = auth.browser();
    const ehr = auth.authorizeParams({ scope: 'launch openid', launch: encodeLaunch({ patient: 'p1', user: 'dr2' }) });
    expect((await browser.navigate(auth.authorizeUrl(ehr.params))).app?.searchParams.get('code')).toBeTruthy();
    const standalone = auth.authorizeParams();
    const { page } = await browser.navigate(auth.authorizeUrl(standalone.params));
    const { app } = await browser.navigate(page!.url, { user: 'dr1', patient: 'p2', action: 'approve' });
    const { body } = await auth.exchange(app!.searchParams.get('code')!, standalone.verifier);
    expect(decodeJwt(body.id_token!)).toMatchObject({ sub: 'dr1' });
    expect(body.patient).toBe('p2');
  });
});

describe('silent re-authorization (prompt=none)', () => {
  it('gives a standalone session a new code with the same context, without a page', async () => {
    const browser = auth.browser();
    const first = auth.authorizeParams();
    const { page } = await browser.navigate(auth.authorizeUrl(first.params));
    const { app } = await browser.navigate(page!.url, { user: 'dr2', patient: 'p1', action: 'approve' });
    const before = await auth.exchange(app!.searchParams.get('code')!, first.verifier);
    expect(before.body.patient).toBe('p1');

    const again = auth.authorizeParams({ prompt: 'none', state: 'reload' });
    const landing = await browser.navigate(auth.authorizeUrl(again.params));
    expect(landing.page).toBeUndefined();
    expect(landing.app?.searchParams.get('state')).toBe('reload');
    const code = landing.app?.searchParams.get('code');
    expect(code, landing.app?.href).toBeTruthy();
    const { response, body } = await auth.exchange(code!, again.verifier);
    expect(response.status).toBe(200);
    expect(body).toMatchObject({
      patient: 'p1', encounter: 'e1', need_patient_banner: true, smart_style_url: `${auth.issuer}/smart-style.json`,
    });
    expect(body.refresh_token).toBeTruthy();
    expect(decodeJwt(body.id_token!)).toMatchObject({ sub: 'dr2' });
    expect(decodeJwt(body.access_token)).toMatchObject({ patient: 'p1', sub: 'dr2', aud: auth.fhirBase });

    // An interactive request still shows the sign-in page, and another user may sign in there.
    const interactive = auth.authorizeParams();
    const next = await browser.navigate(auth.authorizeUrl(interactive.params));
    expect(next.page?.html).toContain('<select id="user" name="user">');
    const switched = await browser.navigate(next.page!.url, { user: 'dr1', patient: 'p2', action: 'approve' });
    const after = await auth.exchange(switched.app!.searchParams.get('code')!, interactive.verifier);
    expect(after.body.patient).toBe('p2');
    expect(decodeJwt(after.body.id_token!)).toMatchObject({ sub: 'dr1' });
  });

  it('answers login_required without a session', async () => {
    const { params } = auth.authorizeParams({ prompt: 'none' });
    const { app } = await auth.browser().navigate(auth.authorizeUrl(params));
    expect(app?.searchParams.get('error')).toBe('login_required');
    expect(app?.searchParams.get('state')).toBe('state-123');
  });

  it('does not resume for scopes the user has not approved', async () => {
    const browser = auth.browser();
    const first = auth.authorizeParams({ scope: 'openid fhirUser launch/patient patient/Patient.rs' });
    const { page } = await browser.navigate(auth.authorizeUrl(first.params));
    expect((await browser.navigate(page!.url, { user: 'dr1', patient: 'p1', action: 'approve' })).app?.searchParams.get('code')).toBeTruthy();
    const wider = auth.authorizeParams({ prompt: 'none', scope: 'openid fhirUser launch/patient patient/*.rs' });
    const { app } = await browser.navigate(auth.authorizeUrl(wider.params));
    expect(app?.searchParams.get('code')).toBeNull();
    expect(app?.searchParams.get('error')).toMatch(/_required$/);
  });

  it('re-authorizes an EHR launch silently with the same launch context', async () => {
    const browser = auth.browser();
    const launch = encodeLaunch({ patient: 'p2', encounter: 'e9', user: 'dr2', need_patient_banner: false });
    const first = auth.authorizeParams({ scope: EHR_SCOPE, launch });
    expect((await browser.navigate(auth.authorizeUrl(first.params))).app?.searchParams.get('code')).toBeTruthy();

    const again = auth.authorizeParams({ scope: EHR_SCOPE, launch, prompt: 'none' });
    const { app } = await browser.navigate(auth.authorizeUrl(again.params));
    const code = app?.searchParams.get('code');
    expect(code, app?.href).toBeTruthy();
    const { body } = await auth.exchange(code!, again.verifier);
    expect(body).toMatchObject({
      patient: 'p2', encounter: 'e9', need_patient_banner: false, smart_style_url: `${auth.issuer}/smart-style.json`,
    });
    expect(decodeJwt(body.access_token)).toMatchObject({ patient: 'p2', sub: 'dr2' });

    // A launch for another user cannot be resumed silently.
    const other = auth.authorizeParams({ scope: EHR_SCOPE, prompt: 'none', launch: encodeLaunch({ patient: 'p1', user: 'dr1' }) });
    expect((await browser.navigate(auth.authorizeUrl(other.params))).app?.searchParams.get('error')).toBe('login_required');
  });
});
