// /callback: check the response, then have a new token vault exchange the code exactly once and start the session.
import { SmartLaunchError, type SmartErrorCode } from './errors';
import { withScopes } from './launchContext';
import { OIDC_STATE_PREFIX, pendingLaunches, readPendingLaunch, removePendingLaunch, splitState, type PendingLaunch } from './pendingLaunch';
import { forgetRegisteredClient } from './registration';
import { SessionHandle } from './SessionHandle';
import { vaultFactory, type Vault } from './vaultClient';

const SERVER_ERRORS: Partial<Record<string, SmartErrorCode>> = {
  access_denied: 'access_denied',
  invalid_scope: 'invalid_scope',
  invalid_client: 'invalid_client',
  unauthorized_client: 'invalid_client',
  server_error: 'server_error',
  temporarily_unavailable: 'server_error',
};

const SILENT_FAILURES = new Set(['login_required', 'interaction_required', 'consent_required', 'account_selection_required']);

/** The longest server error description the app shows (anything longer is cut). */
export const MAX_ERROR_DESCRIPTION = 300;

/** A server error for a response that matched this tab's sign-in: its code and (capped) description are shown. */
function serverError(params: URLSearchParams, silent = false): SmartLaunchError {
  const error = params.get('error') ?? 'unknown';
  if (silent && SILENT_FAILURES.has(error)) return new SmartLaunchError('login_required', 'The sign-in server needs you to sign in again.');
  const raw = params.get('error_description')?.trim();
  const description = raw && raw.length > MAX_ERROR_DESCRIPTION ? `${raw.slice(0, MAX_ERROR_DESCRIPTION)}…` : raw;
  return new SmartLaunchError(SERVER_ERRORS[error] ?? 'authorization_failed', description ? `${error}: ${description}` : error.slice(0, 80));
}

/**
 * An error response without state: anyone can craft such a link, so nothing of its text is shown, only the
 * app's own message for a known error code. Some servers drop `state` from error redirects (after a POSTed
 * authorize, say): when this tab's only pending launch was standalone, the screen offers that sign-in again.
 */
function unboundServerError(params: URLSearchParams, storage: Storage): SmartLaunchError {
  const error = new SmartLaunchError(SERVER_ERRORS[params.get('error') ?? ''] ?? 'authorization_failed', 'The sign-in server answered without identifying this sign-in.');
  const pending = pendingLaunches(storage);
  if (pending.length === 1 && pending[0]!.mode === 'standalone') {
    error.launch = { iss: pending[0]!.iss, mode: 'standalone' };
    removePendingLaunch(pending[0]!.stateId, storage);
    storage.removeItem(OIDC_STATE_PREFIX + pending[0]!.stateId);
  }
  return error;
}

/** Checks that need no network, in the order RFC 9700 / RFC 9207 ask. Returns the pending record. */
export function checkCallback(params: URLSearchParams, storage: Storage = sessionStorage): PendingLaunch {
  const state = params.get('state');
  if (!state) {
    if (params.has('error')) throw unboundServerError(params, storage);
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
  sessionStorage.removeItem(OIDC_STATE_PREFIX + stateId);
}

export interface CompletedLaunch {
  session: SessionHandle;
  /** The app route to show: where a silent re-authorization started, else the chart. */
  returnTo: string;
}

/**
 * Finishes the launch described by `url` (the callback address): the checks that need no network here, the code
 * exchange in a new token vault. Always clears the pending record.
 */
export async function completeLaunch(url: string, vault: Vault = vaultFactory.spawn(), onVaultStarted?: () => void): Promise<CompletedLaunch> {
  const params = new URL(url).searchParams;
  const stateId = params.get('state') ? splitState(params.get('state')!).stateId : undefined;
  const pending = stateId ? readPendingLaunch(stateId) : undefined;
  // oidc-client-ts's record of this sign-in (with the PKCE verifier), read before `forget` removes it.
  const oidcState = stateId ? sessionStorage.getItem(OIDC_STATE_PREFIX + stateId) : null;
  try {
    const checked = checkCallback(params);
    if (!oidcState) throw new SmartLaunchError('state_mismatch', 'No sign-in in this window matches this response.');
    const exchanged = vault.exchange({ callbackUrl: url, pending: checked, oidcState, landing: !checked.silent });
    if (onVaultStarted) void vault.started().then(onVaultStarted);
    const outcome = await exchanged;
    if (!outcome.ok) throw new SmartLaunchError(outcome.code, outcome.detail);
    const session = new SessionHandle({ iss: checked.iss, mode: checked.mode, launch: checked.launch, context: withScopes(outcome.context), vault });
    return { session, returnTo: checked.returnTo ?? '/chart' };
  } catch (error) {
    vault.terminate();
    if (error instanceof SmartLaunchError && pending) {
      error.launch = { iss: pending.iss, mode: pending.mode };
      // A client_id the app registered that the server no longer knows: register afresh on the next launch.
      if (pending.registered && (error.code === 'invalid_client' || /invalid_client/.test(error.detail ?? ''))) {
        forgetRegisteredClient(pending.iss, pending.redirectUri);
      }
    }
    throw error;
  } finally {
    forget(stateId);
  }
}

const inFlight = new Map<string, Promise<CompletedLaunch>>();

/** StrictMode and double renders call this twice: the code is exchanged once per callback URL. */
export function completeLaunchOnce(url: string, onVaultStarted?: () => void): Promise<CompletedLaunch> {
  let promise = inFlight.get(url);
  if (!promise) {
    promise = completeLaunch(url, vaultFactory.spawn(), onVaultStarted);
    inFlight.set(url, promise);
    // Settled launches leave the map: it must not keep a session (or an error) alive.
    const drop = () => setTimeout(() => inFlight.delete(url), 1000);
    promise.then(drop, drop);
  }
  return promise;
}
