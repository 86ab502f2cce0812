// /callback: check the response, exchange the code exactly once, verify the id_token, start the session.
import type { JSONWebKeySet } from 'jose';
import { SmartLaunchError, type SmartErrorCode } from './errors';
import { toLaunchContext } from './launchContext';
import { createOidcClient, oidcStateStore, TOKEN_REQUEST_TIMEOUT_S } from './oidcClient';
import { readPendingLaunch, removePendingLaunch, splitState, type PendingLaunch } from './pendingLaunch';
import { SmartSession, type RefreshGrant } from './SmartSession';

const SERVER_ERRORS: Partial<Record<string, SmartErrorCode>> = {
  access_denied: 'access_denied',
  invalid_scope: 'invalid_scope',
  invalid_client: 'invalid_client',
  unauthorized_client: 'invalid_client',
  server_error: 'server_error',
  temporarily_unavailable: 'server_error',
};

const SILENT_FAILURES = new Set(['login_required', 'interaction_required', 'consent_required', 'account_selection_required']);

function serverError(params: URLSearchParams, silent = false): SmartLaunchError {
  const error = params.get('error') ?? 'unknown';
  if (silent && SILENT_FAILURES.has(error)) return new SmartLaunchError('login_required', 'The sign-in server needs you to sign in again.');
  const description = params.get('error_description');
  return new SmartLaunchError(SERVER_ERRORS[error] ?? 'authorization_failed', description ? `${error}: ${description}` : error);
}

/** Checks that need no network, in the order RFC 9700 / RFC 9207 ask. Returns the pending record. */
export function checkCallback(params: URLSearchParams, storage: Storage = sessionStorage): PendingLaunch {
  const state = params.get('state');
  if (!state) {
    if (params.has('error')) throw serverError(params);
    throw new SmartLaunchError('state_mismatch', 'The response has no state parameter.');
  }
  const { stateId, secret } = splitState(state);
  const pending = readPendingLaunch(stateId, storage);
  if (!pending) throw new SmartLaunchError('state_mismatch', 'No sign-in in this window matches this response.');
  if (secret !== pending.stateSecret) {
    throw new SmartLaunchError('state_mismatch', 'The state parameter does not match the sign-in in this window.');
  }
  const iss = params.get('iss');
  const expectedIssuer = pending.discovery.issuer ?? new URL(pending.discovery.authorizationEndpoint).origin;
  if (iss !== null && iss !== expectedIssuer) {
    throw new SmartLaunchError('issuer_mismatch', `The response names issuer “${iss}”, expected “${expectedIssuer}”.`);
  }
  if (params.has('error')) throw serverError(params, pending.silent);
  if (!params.get('code')) throw new SmartLaunchError('authorization_failed', 'The response has no code.');
  return pending;
}

/** A pending launch is single use: whatever the outcome, its records go. */
function forget(stateId: string | undefined): void {
  if (!stateId) return;
  removePendingLaunch(stateId);
  void oidcStateStore().remove(stateId);
}

/** The server's signing keys, fetched alongside the code exchange (jose verifies with them, or fetches anew). */
function prefetchJwks(jwksUri: string | undefined): Promise<JSONWebKeySet | undefined> {
  if (!jwksUri) return Promise.resolve(undefined);
  return fetch(jwksUri, { headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<JSONWebKeySet>) : undefined))
    .catch(() => undefined);
}

export interface CompletedLaunch {
  session: SmartSession;
  /** The app route to show: where a silent re-authorization started, else the chart. */
  returnTo: string;
}

async function exchange(pending: PendingLaunch, url: string): Promise<CompletedLaunch> {
  // jose loads only for launches that get an id_token, in parallel with the code exchange.
  const idTokenModule = pending.nonce ? import('./idToken') : undefined;
  const jwks = pending.nonce ? prefetchJwks(pending.discovery.jwksUri) : undefined;
  const client = createOidcClient(pending);
  let response: Awaited<ReturnType<typeof client.processSigninResponse>>;
  try {
    response = await client.processSigninResponse(url);
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
    ? await (await (idTokenModule ?? import('./idToken'))).verifyIdToken(response.id_token, {
        jwksUri: pending.discovery.jwksUri,
        issuer: pending.discovery.issuer,
        clientId: pending.clientId,
        nonce: pending.nonce,
      }, await jwks)
    : undefined;
  const raw = response as unknown as Record<string, unknown>;
  const context = toLaunchContext(raw, pending.iss, claims as Record<string, unknown> | undefined);
  const refreshGrant: RefreshGrant = async (refreshToken, current) => {
    const next = await client.useRefreshToken({
      state: { refresh_token: refreshToken, id_token: current.idToken, session_state: null, scope: current.scope, profile: response.profile },
      timeoutInSeconds: TOKEN_REQUEST_TIMEOUT_S,
    });
    return { accessToken: next.access_token, refreshToken: next.refresh_token, idToken: next.id_token, expiresIn: next.expires_in ?? 300, scope: next.scope };
  };
  const session = new SmartSession({
    iss: pending.iss,
    launch: pending.launch,
    mode: pending.mode,
    context,
    tokens: {
      accessToken: response.access_token,
      refreshToken: response.refresh_token,
      idToken: response.id_token,
      expiresIn: response.expires_in ?? 300,
      scope: response.scope,
    },
    refreshGrant,
  });
  return { session, returnTo: pending.returnTo ?? '/chart' };
}

/** Finishes the launch described by `url` (the callback address). Always clears the pending record. */
export async function completeLaunch(url: string): Promise<CompletedLaunch> {
  const params = new URL(url).searchParams;
  const stateId = params.get('state') ? splitState(params.get('state')!).stateId : undefined;
  const pending = stateId ? readPendingLaunch(stateId) : undefined;
  try {
    return await exchange(checkCallback(params), url);
  } catch (error) {
    if (error instanceof SmartLaunchError && pending) error.launch = { iss: pending.iss, mode: pending.mode };
    throw error;
  } finally {
    forget(stateId);
  }
}

const inFlight = new Map<string, Promise<CompletedLaunch>>();

/** StrictMode and double renders call this twice: the code is exchanged once per callback URL. */
export function completeLaunchOnce(url: string): Promise<CompletedLaunch> {
  let promise = inFlight.get(url);
  if (!promise) {
    promise = completeLaunch(url);
    inFlight.set(url, promise);
  }
  return promise;
}
