import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { knobs, stats } from '../knobs';
import { startTestAuth, type TestAuth } from './testFixture';
import { decodeJwt } from './testBrowser';

let auth: TestAuth;
beforeAll(async () => {
  auth = await startTestAuth();
});
afterAll(() => auth.server.close());
afterEach(async () => {
  await auth.control('reset', {});
});

async function signedIn() {
  const { landing, verifier } = await auth.standalone();
  const { body } = await auth.exchange(landing.app!.searchParams.get('code')!, verifier);
  return body;
}

describe('refresh tokens', () => {
  it('rotate, keep the SMART context, and revoke the grant when one is reused', async () => {
    const first = await signedIn();
    const second = await auth.refresh(first.refresh_token!);
    expect(second.response.status).toBe(200);
    expect(second.body.refresh_token).toBeTruthy();
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body).toMatchObject({ patient: 'p1', encounter: 'e1', need_patient_banner: true, scope: first.scope });
    expect(decodeJwt(second.body.access_token)).toMatchObject({ patient: 'p1', aud: auth.fhirBase });

    const reused = await auth.refresh(first.refresh_token!);
    expect(reused.response.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');
    const afterReuse = await auth.refresh(second.body.refresh_token!);
    expect(afterReuse.body.error).toBe('invalid_grant');
  });

  it('can be revoked at the revocation endpoint', async () => {
    const tokens = await signedIn();
    const revoked = await fetch(`${auth.issuer}/token/revocation`, {
      method: 'POST',
      body: new URLSearchParams({ token: tokens.refresh_token!, client_id: 'smart-chart' }),
    });
    expect(revoked.status).toBe(200);
    expect((await auth.refresh(tokens.refresh_token!)).body.error).toBe('invalid_grant');
  });

  it('answers CORS for the app origin only', async () => {
    const tokens = await signedIn();
    const ok = await auth.token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: 'smart-chart' },
      { origin: auth.appOrigin });
    expect(ok.response.headers.get('access-control-allow-origin')).toBe(auth.appOrigin);
    const other = await auth.token({ grant_type: 'refresh_token', refresh_token: ok.body.refresh_token!, client_id: 'smart-chart' },
      { origin: 'http://127.0.0.1:9999' });
    expect(other.response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('test knobs and control API', () => {
  it('sets the access-token lifetime', async () => {
    const { status, body } = await auth.control('knobs', { accessTokenTtl: 120 });
    expect(status).toBe(200);
    expect(body.accessTokenTtl).toBe(120);
    const tokens = await signedIn();
    expect(tokens.expires_in).toBe(120);
    const claims = decodeJwt(tokens.access_token) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(120);
    expect((await auth.refresh(tokens.refresh_token!)).body.expires_in).toBe(120);
  });

  it('refuses the next token requests and counts them', async () => {
    const tokens = await signedIn();
    await auth.control('knobs', { refuseNextTokenRequests: 2, refuseWith: 'server_error' });
    const refused = await auth.token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: 'smart-chart' },
      { origin: auth.appOrigin });
    expect(refused.response.status).toBe(500);
    expect(refused.body.error).toBe('server_error');
    expect(refused.response.headers.get('access-control-allow-origin')).toBe(auth.appOrigin);
    await auth.control('knobs', { refuseWith: 'invalid_grant' });
    const second = await auth.refresh(tokens.refresh_token!);
    expect([second.response.status, second.body.error]).toEqual([400, 'invalid_grant']);
    // The refused requests never reached oidc-provider: the refresh token still works.
    expect((await auth.refresh(tokens.refresh_token!)).response.status).toBe(200);
    const { body } = await auth.control('stats');
    expect(body.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 3, failed: 2 });
    expect(knobs.refuseNextTokenRequests).toBe(0);
  });

  it('counts failed exchanges and resets knobs and stats', async () => {
    await auth.exchange('not-a-code', 'verifier');
    await auth.control('knobs', { latencyMs: 5 });
    expect(stats.tokenRequests).toEqual({ authorization_code: 1, refresh_token: 0, failed: 1 });
    const { body } = await auth.control('reset', {});
    expect(body).toMatchObject({ knobs: { latencyMs: 0 }, stats: { tokenRequests: { authorization_code: 0, failed: 0 } } });
  });

  it('adds latency to auth requests', async () => {
    await auth.control('knobs', { latencyMs: 150 });
    const started = performance.now();
    await fetch(`${auth.issuer}/jwks`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('revoke-all rejects current access tokens (via the knob) and refresh tokens', async () => {
    const tokens = await signedIn();
    const { body } = await auth.control('revoke-all', {});
    const iat = (decodeJwt(tokens.access_token) as { iat: number }).iat;
    expect(body.rejectTokensIssuedBefore).toBeGreaterThan(iat);
    expect((await auth.refresh(tokens.refresh_token!)).body.error).toBe('invalid_grant');
  });

  it('tokenDelayMs answers late, and drops a request whose client gave up without processing it', async () => {
    const { landing, verifier } = await auth.standalone();
    const code = landing.app!.searchParams.get('code')!;
    await auth.control('knobs', { tokenDelayMs: 400 });
    const abandoned = fetch(`${auth.issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: auth.redirectUri, client_id: 'smart-chart' }),
      signal: AbortSignal.timeout(100),
    });
    await expect(abandoned).rejects.toThrow();
    await expect.poll(() => stats.tokenRequestsAbandoned).toBe(1);
    expect(stats.tokenRequests).toEqual({ authorization_code: 0, refresh_token: 0, failed: 0 });
    // The code was never used: a patient client's exchange (after the delay) succeeds.
    const started = performance.now();
    const { response } = await auth.exchange(code, verifier);
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    expect(stats.tokenRequests.authorization_code).toBe(1);
  });

  it('refuses unknown knobs and invalid values with 400, changing nothing', async () => {
    const typo = await auth.control('knobs', { latencyMS: 5 });
    expect(typo.status).toBe(400);
    expect(typo.body.error).toMatch(/unknown knob "latencyMS"/);
    const bad = await auth.control('knobs', { latencyMs: 5, fhirFaults: { status: 418, remaining: 1 } });
    expect(bad.status).toBe(400);
    expect(knobs.latencyMs).toBe(0);
  });

  it('refuses browser (Origin) requests and unknown routes', async () => {
    const fromPage = await auth.control('knobs', { latencyMs: 1 }, { headers: { origin: auth.appOrigin } });
    expect(fromPage.status).toBe(403);
    expect(knobs.latencyMs).toBe(0);
    expect((await auth.control('nope', {})).status).toBe(404);
  });
});
