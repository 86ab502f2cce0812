// The ehrPreapproved knob (one redirect for an EHR launch) and the second public client (the benchmark's
// fhirclient reference app).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_CLIENT_ID } from '../ports';
import { encodeLaunch } from './launch';
import { authFlows, EHR_SCOPE, REFERENCE_ORIGIN, startTestAuth, type TestAuth } from './testFixture';
import { decodeJwt } from './testBrowser';

let auth: TestAuth;
let reference: ReturnType<typeof authFlows>;
beforeAll(async () => {
  auth = await startTestAuth();
  reference = authFlows({
    issuer: auth.issuer, fhirBase: auth.fhirBase, appOrigin: REFERENCE_ORIGIN,
    clientId: REFERENCE_CLIENT_ID, redirectUri: `${REFERENCE_ORIGIN}/index.html`,
  });
});
afterAll(() => auth.server.close());
afterEach(async () => {
  await auth.control('reset', {});
});

const launch = { patient: 'p2', encounter: 'e9', user: 'dr2', need_patient_banner: false };

describe('EHR launch without the knob', () => {
  it('goes through the sign-in interaction: three redirects', async () => {
    const { landing } = await auth.ehrLaunch(launch);
    expect(landing.app?.searchParams.get('code')).toBeTruthy();
    expect(landing.redirects).toBe(3);
  });
});

describe('knob ehrPreapproved', () => {
  it.each([
    ['the app', () => auth],
    ['the reference app', () => reference],
  ])('answers an EHR launch of %s with one redirect carrying the code and the launch context', async (_name, flows) => {
    await auth.control('knobs', { ehrPreapproved: true });
    const client = flows();
    const browser = client.browser();
    const { landing, verifier } = await client.ehrLaunch(launch, EHR_SCOPE, browser);
    expect(landing.redirects).toBe(1);
    expect(landing.app?.origin + landing.app!.pathname).toBe(client.redirectUri);
    expect(landing.app?.searchParams.get('iss')).toBe(auth.issuer);
    const { response, body } = await client.exchange(landing.app!.searchParams.get('code')!, verifier);
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ patient: 'p2', encounter: 'e9', need_patient_banner: false });
    expect(decodeJwt(body.id_token!)).toMatchObject({ sub: 'dr2', fhirUser: 'Practitioner/dr2', aud: client.clientId });
    expect(decodeJwt(body.access_token)).toMatchObject({ patient: 'p2', client_id: client.clientId });
    // The browser is now signed in as the launch's user: a silent re-authorization works.
    const again = client.authorizeParams({ scope: EHR_SCOPE, prompt: 'none', launch: encodeLaunch(launch) });
    const silent = await browser.navigate(client.authorizeUrl(again.params));
    expect(silent.app?.searchParams.get('code')).toBeTruthy();
  });

  it('signs in the next launch\'s user in the same browser, each with its own context', async () => {
    await auth.control('knobs', { ehrPreapproved: true });
    const browser = auth.browser();
    const first = await auth.ehrLaunch({ patient: 'p1', user: 'dr1' }, EHR_SCOPE, browser);
    const second = await auth.ehrLaunch({ patient: 'p2', user: 'dr2' }, EHR_SCOPE, browser);
    const a = await auth.exchange(first.landing.app!.searchParams.get('code')!, first.verifier);
    const b = await auth.exchange(second.landing.app!.searchParams.get('code')!, second.verifier);
    expect([a.body.patient, decodeJwt(a.body.id_token!).sub]).toEqual(['p1', 'dr1']);
    expect([b.body.patient, decodeJwt(b.body.id_token!).sub]).toEqual(['p2', 'dr2']);
  });

  it('leaves unknown launches and standalone launches to the usual flow', async () => {
    await auth.control('knobs', { ehrPreapproved: true });
    const unknown = await auth.ehrLaunch({ patient: 'nobody', user: 'dr1' });
    expect(unknown.landing.app?.searchParams.get('error')).toBe('invalid_request');
    const { page } = await auth.browser().navigate(auth.authorizeUrl(auth.authorizeParams().params));
    expect(page?.html).toContain('Sign in to the SMART sandbox');
  });
});

describe('the reference client', () => {
  it('is registered with both redirect URIs and gets CORS at the token endpoint for its origin', async () => {
    for (const redirectUri of [`${REFERENCE_ORIGIN}/index.html`, `${REFERENCE_ORIGIN}/`]) {
      const flows = authFlows({ issuer: auth.issuer, fhirBase: auth.fhirBase, appOrigin: REFERENCE_ORIGIN, clientId: REFERENCE_CLIENT_ID, redirectUri });
      const { landing, verifier } = await flows.ehrLaunch(launch);
      expect(landing.app?.href.startsWith(`${redirectUri}?`)).toBe(true);
      const { response, body } = await flows.exchange(landing.app!.searchParams.get('code')!, verifier, { origin: REFERENCE_ORIGIN });
      expect(response.headers.get('access-control-allow-origin')).toBe(REFERENCE_ORIGIN);
      expect(body.refresh_token).toBeTruthy();
    }
    // The app's redirect URI is not the reference client's.
    const wrong = authFlows({ issuer: auth.issuer, fhirBase: auth.fhirBase, appOrigin: auth.appOrigin, clientId: REFERENCE_CLIENT_ID });
    const { page } = await wrong.browser().navigate(wrong.authorizeUrl(wrong.authorizeParams().params));
    expect(page?.html).toContain('invalid_redirect_uri');
  });
});
