// The code exchange, inside the token vault: oidc-client-ts redeems the code with the PKCE verifier the page kept
// in its pending record, jose verifies the id_token (its keys fetched alongside the token request), and the
// session starts. The page gets the launch context back, never a token.
import { InMemoryWebStorage, WebStorageStateStore } from 'oidc-client-ts';
import type { JSONWebKeySet } from 'jose';
import { SmartLaunchError } from '../smart/errors';
import { readLaunchContext, type PlainLaunchContext } from '../smart/launchContext';
import { createOidcClient, TOKEN_REQUEST_TIMEOUT_S } from '../smart/oidcClient';
import { OIDC_STATE_PREFIX, splitState } from '../smart/pendingLaunch';
import type { ExchangeInput } from './api';
import { verifyIdToken } from './idToken';
import { SmartSession, type RefreshGrant } from './SmartSession';

/** The server's signing keys, fetched alongside the code exchange (jose verifies with them, or fetches anew). */
function prefetchJwks(jwksUri: string | undefined): Promise<JSONWebKeySet | undefined> {
  if (!jwksUri) return Promise.resolve(undefined);
  return fetch(jwksUri, { headers: { Accept: 'application/json' }, credentials: 'omit' })
    .then((r) => (r.ok ? (r.json() as Promise<JSONWebKeySet>) : undefined))
    .catch(() => undefined);
}

/** oidc-client-ts reads its sign-in state from a store: here, one holding just the record the page handed over. */
function stateStoreWith(stateId: string, oidcState: string) {
  const storage = new InMemoryWebStorage();
  storage.setItem(OIDC_STATE_PREFIX + stateId, oidcState);
  return new WebStorageStateStore({ store: storage, prefix: OIDC_STATE_PREFIX });
}

export interface Exchanged {
  session: SmartSession;
  context: PlainLaunchContext;
  /** Revokes one token at the server's revocation endpoint (RFC 7009). */
  revoke?: (token: string, type: 'access_token' | 'refresh_token') => Promise<void>;
}

export async function exchangeCode({ callbackUrl, pending, oidcState }: ExchangeInput): Promise<Exchanged> {
  const stateId = splitState(new URL(callbackUrl).searchParams.get('state') ?? '').stateId;
  if (stateId !== pending.stateId) throw new SmartLaunchError('state_mismatch', 'The response does not match the pending sign-in.');
  const jwks = pending.nonce ? prefetchJwks(pending.discovery.jwksUri) : undefined;
  const client = createOidcClient(pending, stateStoreWith(stateId, oidcState));
  let response: Awaited<ReturnType<typeof client.processSigninResponse>>;
  try {
    response = await client.processSigninResponse(callbackUrl);
  } catch (error) {
    const oauthError = (error as { error?: string }).error;
    // oidc-client-ts checks the id_token's nonce and subject itself before we verify its signature.
    if (!oauthError && /nonce|id_token|ID Token/.test((error as Error).message ?? '')) {
      throw new SmartLaunchError('id_token_invalid', 'The id_token does not belong to this sign-in.');
    }
    if (oauthError) throw new SmartLaunchError('token_exchange_failed', `The token endpoint answered “${oauthError}”.`);
    if ((error as Error | undefined)?.name === 'ErrorTimeout') {
      throw new SmartLaunchError('token_exchange_failed', `The token endpoint did not answer within ${TOKEN_REQUEST_TIMEOUT_S} seconds.`);
    }
    throw new SmartLaunchError('token_exchange_failed', 'The token endpoint could not be reached or gave an invalid answer.');
  }
  if (!response.access_token) throw new SmartLaunchError('token_exchange_failed', 'The token response has no access_token.');
  const claims = response.id_token
    ? await verifyIdToken(response.id_token, {
        jwksUri: pending.discovery.jwksUri,
        issuer: pending.discovery.issuer,
        clientId: pending.clientId,
        nonce: pending.nonce,
      }, await jwks)
    : undefined;
  const context = readLaunchContext(response as unknown as Record<string, unknown>, pending.iss, claims as Record<string, unknown> | undefined);
  // The refresh closure keeps the client and the user's profile (oidc-client-ts checks a refreshed id_token's
  // subject against it), not the sign-in response with its tokens.
  const profile = response.profile;
  const refreshGrant: RefreshGrant = async (refreshToken, current) => {
    const next = await client.useRefreshToken({
      state: { refresh_token: refreshToken, id_token: current.idToken, session_state: null, scope: current.scope, profile },
      timeoutInSeconds: TOKEN_REQUEST_TIMEOUT_S,
    });
    return { accessToken: next.access_token, refreshToken: next.refresh_token, idToken: next.id_token, expiresIn: next.expires_in, scope: next.scope };
  };
  const session = new SmartSession({
    tokens: {
      accessToken: response.access_token,
      refreshToken: response.refresh_token,
      idToken: response.id_token,
      expiresIn: response.expires_in,
      scope: response.scope,
    },
    refreshGrant,
  });
  const revoke = pending.discovery.revocationEndpoint
    ? (token: string, type: 'access_token' | 'refresh_token') => client.revokeToken(token, type)
    : undefined;
  return { session, context, revoke };
}
