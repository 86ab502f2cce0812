// The id_token check inside the vault: signature against the server's keys, issuer, audience, the claims OIDC
// Core makes required, azp with several audiences, and the nonce of this sign-in.
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyIdToken } from '../../../src/vault/idToken';
import { expectLaunchError, rejectionOf } from '../smart/launchErrors';

const ISSUER = 'https://auth.example';
const CLIENT = 'smart-chart';
let privateKey: CryptoKey;
let jwks: { keys: Record<string, unknown>[] };

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
});

const now = () => Math.floor(Date.now() / 1000);
const base = (): JWTPayload => ({ iss: ISSUER, sub: 'dr1', aud: CLIENT, iat: now(), exp: now() + 300, nonce: 'n1', fhirUser: 'Practitioner/dr1' });

async function sign(claims: JWTPayload, drop: string[] = []): Promise<string> {
  const payload: JWTPayload = { ...claims };
  for (const name of drop) delete payload[name];
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(privateKey);
}

const verify = (token: string) => verifyIdToken(token, { jwksUri: `${ISSUER}/jwks`, issuer: ISSUER, clientId: CLIENT, nonce: 'n1' }, jwks as never);

describe('verifyIdToken', () => {
  it('accepts a well-formed token and returns its claims', async () => {
    expect((await verify(await sign(base()))).fhirUser).toBe('Practitioner/dr1');
  });

  it('accepts several audiences when azp names this app', async () => {
    expect((await verify(await sign({ ...base(), aud: [CLIENT, 'https://fhir.example'], azp: CLIENT }))).sub).toBe('dr1');
  });

  it.each([
    ['another issuer', { iss: 'https://evil.example' }, 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['another audience', { aud: 'another-client' }, 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['an expired token', { exp: now() - 600, iat: now() - 900 }, 'ERR_JWT_EXPIRED'],
    ['several audiences and azp naming another client', { aud: [CLIENT, 'other'], azp: 'other' }, 'azp'],
    ['several audiences and no azp', { aud: [CLIENT, 'other'] }, 'azp'],
    ['another nonce', { nonce: 'n2' }, 'nonce'],
  ])('refuses %s', async (_label, claims, detail) => {
    expectLaunchError(await rejectionOf(verify(await sign({ ...base(), ...claims }))), 'id_token_invalid', detail);
  });

  it.each(['exp', 'iat', 'iss', 'sub', 'aud'])('refuses a token without %s', async (claim) => {
    expectLaunchError(await rejectionOf(verify(await sign(base(), [claim]))), 'id_token_invalid', 'ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('refuses a token signed by another key', async () => {
    const other = await generateKeyPair('RS256');
    const token = await new SignJWT(base()).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(other.privateKey);
    expectLaunchError(await rejectionOf(verify(token)), 'id_token_invalid', 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });
});
