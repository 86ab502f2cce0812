// One-second access tokens and the network-outage knob, against a whole profile.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { delay } from './knobs';
import { useTestProfile } from './testProfile';
import { decodeJwt } from './auth/testBrowser';

const profile = useTestProfile();

/** A raw request: resolves with the status, or rejects with the socket error (as a browser's fetch would fail). */
function rawRequest(url: string, method = 'GET', body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {} }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('accessTokenTtl: 1', () => {
  it('issues one-second tokens that work at once, expire, and refresh into new one-second tokens', async () => {
    await profile().control('knobs', { accessTokenTtl: 1 });
    const tokens = await profile().signIn();
    expect(tokens.expires_in).toBe(1);
    const claims = decodeJwt(tokens.access_token) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(1);
    expect((await profile().fhir('Patient/p-001', tokens.access_token)).status).toBe(200);
    await delay(2600); // past exp and the FHIR server's 1-second clock tolerance
    const expired = await profile().fhir('Patient/p-001', tokens.access_token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('expired');
    const refreshed = await profile().refresh(tokens.refresh_token!);
    expect(refreshed.body.expires_in).toBe(1);
    expect((await profile().fhir('Patient/p-001', refreshed.body.access_token)).status).toBe(200);
  });

  it('refuses a fractional or zero lifetime', async () => {
    for (const accessTokenTtl of [0, 0.5, -1]) expect((await profile().control('knobs', { accessTokenTtl })).status).toBe(400);
  });
});

describe('knob outage', () => {
  it('drops token-endpoint connections without an answer for the given time, then answers again', async () => {
    const tokens = await profile().signIn();
    const { status, body } = await profile().control('knobs', { outage: { ms: 600, targets: ['token'] } });
    expect(status).toBe(200);
    expect((body.outage as { until: number }).until).toBeGreaterThan(Date.now());
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: 'smart-chart' }).toString();
    await expect(rawRequest(`${profile().issuer}/token`, 'POST', form)).rejects.toThrow(/socket hang up|ECONNRESET/);
    await expect(profile().refresh(tokens.refresh_token!)).rejects.toThrow(); // fetch: "fetch failed"
    // The rest of the authorization server and the FHIR server still answer.
    expect(await rawRequest(`${profile().issuer}/jwks`)).toBe(200);
    expect((await profile().fhir('Patient/p-001', tokens.access_token)).status).toBe(200);
    await delay(650);
    // The dropped requests never reached oidc-provider: the refresh token still works.
    expect((await profile().refresh(tokens.refresh_token!)).response.status).toBe(200);
    const stats = (await profile().control('stats')).body;
    expect(stats.outageDropped).toEqual({ token: 2, auth: 0, fhir: 0 });
    expect((await profile().control('knobs')).body.outage).toBeNull();
  });

  it('drops FHIR connections (preflights too) and the whole authorization server', async () => {
    const tokens = await profile().signIn();
    await profile().control('knobs', { outage: { ms: 500, targets: ['fhir', 'auth'] } });
    await expect(rawRequest(`${profile().fhirBase}/Patient/p-001`)).rejects.toThrow();
    await expect(rawRequest(`${profile().fhirBase}/metadata`, 'OPTIONS')).rejects.toThrow();
    await expect(rawRequest(`${profile().issuer}/jwks`)).rejects.toThrow();
    // The control API keeps answering, so a test can end the outage early.
    expect((await profile().control('knobs', { outage: null })).status).toBe(200);
    expect((await profile().fhir('Patient/p-001', tokens.access_token)).status).toBe(200);
    expect((await profile().control('stats')).body.outageDropped).toEqual({ token: 0, auth: 1, fhir: 2 });
  });

  it('refuses outages with unknown targets, no targets or no duration', async () => {
    for (const outage of [{ ms: 100, targets: ['dns'] }, { ms: 100, targets: [] }, { targets: ['fhir'] }, { ms: 0, targets: ['fhir'] }, { ms: 100, targets: ['fhir'], until: 1 }]) {
      expect((await profile().control('knobs', { outage })).status, JSON.stringify(outage)).toBe(400);
    }
  });
});
