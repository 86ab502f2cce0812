// Silent re-authorization (prompt=none) with an id_token_hint, and the knob that refuses prompt=none without one.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stats } from '../knobs';
import { startTestAuth, type TestAuth } from './testFixture';
import { decodeJwt, type TestBrowser } from './testBrowser';

let auth: TestAuth;
beforeAll(async () => {
  auth = await startTestAuth();
});
afterAll(() => auth.server.close());
afterEach(async () => {
  await auth.control('reset', {});
});

/** A standalone sign-in in `browser` (which keeps the session cookie); returns the token response. */
async function signIn(browser: TestBrowser) {
  const { params, verifier } = auth.authorizeParams();
  const { page } = await browser.navigate(auth.authorizeUrl(params));
  const { app } = await browser.navigate(page!.url, { user: 'dr2', patient: 'p1', action: 'approve' });
  return (await auth.exchange(app!.searchParams.get('code')!, verifier)).body;
}

describe('prompt=none with id_token_hint', () => {
  it('gives a new code when the hint is a valid id_token of this client for the session user', async () => {
    const browser = auth.browser();
    const first = await signIn(browser);
    const again = auth.authorizeParams({ prompt: 'none', id_token_hint: first.id_token, state: 'reload' });
    const { app } = await browser.navigate(auth.authorizeUrl(again.params));
    expect(app?.searchParams.get('state')).toBe('reload');
    const { response, body } = await auth.exchange(app!.searchParams.get('code')!, again.verifier);
    expect(response.status).toBe(200);
    expect(body.patient).toBe('p1');
    expect(decodeJwt(body.id_token!)).toMatchObject({ sub: 'dr2' });
  });

  it('refuses a hint that is not an id_token of this provider, back at the app', async () => {
    const browser = auth.browser();
    const first = await signIn(browser);
    const forged = `${first.id_token!.split('.').slice(0, 2).join('.')}.bm90LWEtc2lnbmF0dXJl`;
    const { params } = auth.authorizeParams({ prompt: 'none', id_token_hint: forged });
    const { app } = await browser.navigate(auth.authorizeUrl(params));
    expect(app?.searchParams.get('code')).toBeNull();
    expect(app?.searchParams.get('error')).toBe('invalid_request');
  });
});

describe('knob promptNoneRequiresHint', () => {
  it('answers prompt=none without id_token_hint with a 400 JSON page and no redirect', async () => {
    const browser = auth.browser();
    await signIn(browser);
    await auth.control('knobs', { promptNoneRequiresHint: true });
    const { params } = auth.authorizeParams({ prompt: 'none' });
    const response = await browser.request(auth.authorizeUrl(params), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ error: 'invalid_request', error_description: 'id_token_hint is required when prompt=none' });
    // Without a session too (oidc-provider would otherwise redirect with login_required).
    const fresh = await auth.browser().request(auth.authorizeUrl(auth.authorizeParams({ prompt: 'none' }).params));
    expect(fresh.status).toBe(400);
  });

  it('still answers prompt=none with a valid hint, and interactive requests as before', async () => {
    const browser = auth.browser();
    const first = await signIn(browser);
    await auth.control('knobs', { promptNoneRequiresHint: true });
    const hinted = auth.authorizeParams({ prompt: 'none', id_token_hint: first.id_token });
    const { app } = await browser.navigate(auth.authorizeUrl(hinted.params));
    expect((await auth.exchange(app!.searchParams.get('code')!, hinted.verifier)).response.status).toBe(200);
    const interactive = await browser.navigate(auth.authorizeUrl(auth.authorizeParams().params));
    expect(interactive.page?.html).toContain('Sign in to the SMART sandbox');
    expect(stats.authorizeRequests.byPrompt).toMatchObject({ none: 1 });
  });
});
