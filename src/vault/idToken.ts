// oidc-client-ts only decodes the id_token; we verify it: signature against jwks_uri, iss, aud, exp, nonce, the
// claims OIDC Core makes required (iss, sub, aud, exp, iat), and azp when the token names several audiences.
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { SmartLaunchError } from '../smart/errors';

export interface IdTokenExpectations {
  jwksUri?: string;
  issuer?: string;
  clientId: string;
  nonce?: string;
}

export async function verifyIdToken(idToken: string, expected: IdTokenExpectations, prefetched?: JSONWebKeySet): Promise<JWTPayload> {
  if (!expected.jwksUri || !expected.issuer) {
    throw new SmartLaunchError('id_token_invalid', 'The server sent an id_token but advertises no issuer/jwks_uri to check it.');
  }
  let payload: JWTPayload;
  try {
    const keys = prefetched?.keys?.length ? createLocalJWKSet(prefetched) : createRemoteJWKSet(new URL(expected.jwksUri));
    ({ payload } = await jwtVerify(idToken, keys, {
      issuer: expected.issuer,
      audience: expected.clientId,
      clockTolerance: 60,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
    }));
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'ERR_JWT_INVALID';
    throw new SmartLaunchError('id_token_invalid', `id_token rejected (${code}).`);
  }
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== expected.clientId) {
    throw new SmartLaunchError('id_token_invalid', 'id_token names several audiences but was not issued to this app (azp).');
  }
  if (expected.nonce !== undefined && payload.nonce !== expected.nonce) {
    throw new SmartLaunchError('id_token_invalid', 'id_token nonce does not match this sign-in.');
  }
  return payload;
}
