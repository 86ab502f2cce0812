// RFC 7009 revocation against a whole profile: counted by token type, CORS for public clients, and every token
// of a revoked grant refused at the token endpoint and the FHIR server.
import { describe, expect, it } from 'vitest';
import { useTestProfile, APP_ORIGIN, REFERENCE_ORIGIN } from './testProfile';

const profile = useTestProfile();

const revoke = (token: string, hint?: string, headers: Record<string, string> = {}, clientId = 'smart-chart') =>
  fetch(`${profile().issuer}/token/revocation`, {
    method: 'POST',
    headers,
    body: new URLSearchParams({ token, client_id: clientId, ...(hint ? { token_type_hint: hint } : {}) }),
  });

describe('revocation', () => {
  it('revokes a refresh token: refresh is refused, the access token too, and the stats count it', async () => {
    const tokens = await profile().signIn();
    expect((await profile().fhir('Patient/p-001', tokens.access_token)).status).toBe(200);
    const response = await revoke(tokens.refresh_token!, 'refresh_token', { origin: APP_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    const refreshed = await profile().refresh(tokens.refresh_token!);
    expect([refreshed.response.status, refreshed.body.error]).toEqual([400, 'invalid_grant']);
    const read = await profile().fhir('Patient/p-001', tokens.access_token);
    expect(read.status).toBe(401);
    expect(read.headers.get('www-authenticate')).toContain('Access token revoked');
    const { body } = await profile().control('stats');
    expect(body.revocations).toEqual({ access_token: 0, refresh_token: 1, unknown: 0 });
  });

  it('revokes a JWT access token (which oidc-provider alone refuses to), with the rest of its grant', async () => {
    const tokens = await profile().signIn();
    const response = await revoke(tokens.access_token, 'access_token', { origin: APP_ORIGIN });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect((await profile().fhir('Patient/p-001', tokens.access_token)).status).toBe(401);
    expect((await profile().refresh(tokens.refresh_token!)).body.error).toBe('invalid_grant');
    // Another session is not affected.
    const other = await profile().signIn();
    expect((await profile().fhir('Patient/p-001', other.access_token)).status).toBe(200);
    expect((await profile().control('stats')).body.revocations).toEqual({ access_token: 1, refresh_token: 0, unknown: 0 });
  });

  it('answers the browser\'s CORS preflight for the app and the reference app, not for other origins', async () => {
    for (const origin of [APP_ORIGIN, REFERENCE_ORIGIN]) {
      const preflight = await fetch(`${profile().issuer}/token/revocation`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    }
    const tokens = await profile().signIn();
    const foreign = await revoke(tokens.refresh_token!, undefined, { origin: 'http://127.0.0.1:9999' });
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect((await profile().refresh(tokens.refresh_token!)).response.status).toBe(200);
  });

  it('counts unknown tokens and another client\'s tokens as unknown, answering 200 and revoking nothing', async () => {
    const tokens = await profile().signIn();
    expect((await revoke('not-a-token')).status).toBe(200);
    expect((await revoke(tokens.access_token, undefined, {}, 'fhirclient-reference')).status).toBe(200);
    expect((await revoke(tokens.refresh_token!, undefined, {}, 'fhirclient-reference')).status).toBe(200);
    expect((await profile().fhir('Patient/p-001', tokens.access_token)).status).toBe(200);
    expect((await profile().refresh(tokens.refresh_token!)).response.status).toBe(200);
    expect((await profile().control('stats')).body.revocations).toEqual({ access_token: 0, refresh_token: 0, unknown: 3 });
  });

  it('refuses the access tokens of a grant revoked for refresh-token reuse', async () => {
    const tokens = await profile().signIn();
    const rotated = await profile().refresh(tokens.refresh_token!);
    expect((await profile().fhir('Patient/p-001', rotated.body.access_token)).status).toBe(200);
    expect((await profile().refresh(tokens.refresh_token!)).body.error).toBe('invalid_grant');
    expect((await profile().fhir('Patient/p-001', rotated.body.access_token)).status).toBe(401);
  });
});
