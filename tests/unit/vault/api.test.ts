// The token vault's door, over the same Comlink boundary as in the browser: every method answers with plain data,
// and none of it ever contains a token the server issued.
import { beforeEach, describe, expect, it } from 'vitest';
import { prepareAuthorize } from '../../../src/smart/beginLaunch';
import { OIDC_STATE_PREFIX, readPendingLaunch, splitState } from '../../../src/smart/pendingLaunch';
import type { VaultStatus } from '../../../src/vault/api';
import { createVault } from '../../../src/vault/vault';
import { createFakeSmart, type FakeSmart } from '../../support/fakeSmartServer';
import { inProcessVault } from '../../support/inProcessVault';
import { mockServer } from '../../support/msw';
import { configFor } from '../../support/renderApp';

const server = mockServer();
let fake: FakeSmart;

beforeEach(async () => {
  fake = await createFakeSmart({ revocation: true });
  fake.data.observationNextLink = fake.observationPage2Url;
  server.use(...fake.handlers);
});

/** A real authorize request from the page and the fake server's redirect back: what /callback hands the vault. */
async function callback() {
  const redirect = await prepareAuthorize({
    config: configFor(fake),
    request: { mode: 'ehr', iss: fake.fhirBase, launch: 'ctx-1' },
    redirectUri: 'https://app.example/callback',
  });
  const callbackUrl = fake.authorize(redirect.url);
  const { stateId } = splitState(new URL(callbackUrl).searchParams.get('state')!);
  return { callbackUrl, pending: readPendingLaunch(stateId)!, oidcState: sessionStorage.getItem(OIDC_STATE_PREFIX + stateId)! };
}

const issuedTokens = () => [...fake.issuedAccessTokens(), ...fake.issuedRefreshTokens()];

describe('the vault’s door', () => {
  it('has exactly these methods (a new one must be added here, and to the token check below)', () => {
    expect(Object.keys(createVault()).sort()).toEqual(['abort', 'end', 'exchange', 'request', 'signOut', 'wake', 'watch']);
  });

  it('no method returns a token: exchange, read, search, next page, errors, abort, status, wake, sign-out', async () => {
    const vault = inProcessVault();
    const answers: unknown[] = [];
    const statuses: VaultStatus[] = [];
    vault.watch((status) => statuses.push(status));
    answers.push(await vault.exchange(await callback()));
    answers.push(await vault.request({ kind: 'read', resourceType: 'Patient', id: 'p1' }));
    answers.push(await vault.request({ kind: 'search', resourceType: 'Observation', params: { patient: 'p1' } }));
    answers.push(await vault.request({ kind: 'page', url: fake.observationPage2Url }));
    answers.push(await vault.request({ kind: 'read', resourceType: 'Patient', id: 'nobody' }));
    answers.push(await vault.request({ kind: 'page', url: 'https://elsewhere.example/fhir/Observation?page=2' }));
    const aborted = new AbortController();
    const cancelled = vault.request({ kind: 'search', resourceType: 'Encounter', params: { patient: 'p1' } }, aborted.signal);
    aborted.abort();
    answers.push(await cancelled);
    fake.revokeAllAccessTokens(); // a 401: the vault refreshes and retries inside
    answers.push(await vault.request({ kind: 'read', resourceType: 'Patient', id: 'p1' }));
    vault.wake();
    answers.push(await vault.signOut('signed_out'));
    answers.push(await vault.request({ kind: 'read', resourceType: 'Patient', id: 'p1' }));
    answers.push(statuses);

    expect(fake.tokenRequestCount('refresh_token')).toBe(1);
    const tokens = issuedTokens();
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    const everything = JSON.stringify(answers);
    for (const token of tokens) expect(everything).not.toContain(token);
    // …and the answers are what the page needs.
    expect(answers[0]).toMatchObject({ ok: true, context: { patientId: 'p1', fhirUser: { reference: 'Practitioner/dr1' } } });
    expect(answers[1]).toMatchObject({ ok: true, value: { resourceType: 'Patient', id: 'p1' } });
    expect(answers[4]).toMatchObject({ ok: false, error: { kind: 'http', status: 404 } });
    expect(answers[5]).toMatchObject({ ok: false, error: { kind: 'foreign-link' } });
    expect(answers[7]).toMatchObject({ ok: true, value: { resourceType: 'Patient' } });
    expect(answers[8]).toEqual({ revoked: true });
    expect(answers[9]).toMatchObject({ ok: false, error: { kind: 'session-ended' } });
    vault.terminate();
  });

  it('results carry no hidden fhir-kit-client request or response', async () => {
    const vault = inProcessVault();
    await vault.exchange(await callback());
    const outcome = await vault.request({ kind: 'read', resourceType: 'Patient', id: 'p1' });
    expect(outcome.ok && Object.getOwnPropertyNames(outcome.value)).not.toContain('__request');
    expect(outcome.ok && Object.getOwnPropertyNames(outcome.value)).not.toContain('__response');
    vault.terminate();
  });

  it('sign-out revokes the refresh and access tokens (RFC 7009); the revoked refresh token is refused', async () => {
    const vault = inProcessVault();
    await vault.exchange(await callback());
    expect(await vault.signOut('signed_out')).toEqual({ revoked: true });
    expect(fake.log.revocations.map((r) => r.hint).sort()).toEqual(['access_token', 'refresh_token']);
    const refreshToken = fake.issuedRefreshTokens()[0]!;
    const replay = await fetch(`${fake.issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: fake.clientId }),
    });
    expect(replay.status).toBe(400);
    vault.terminate();
  });

  it('a terminated vault answers every call at once (nothing hangs)', async () => {
    const vault = inProcessVault();
    vault.terminate();
    expect(await vault.exchange(await callback())).toMatchObject({ ok: false, code: 'vault_unavailable' });
    expect(await vault.request({ kind: 'read', resourceType: 'Patient', id: 'p1' })).toMatchObject({ ok: false, error: { kind: 'session-ended' } });
  });
});
