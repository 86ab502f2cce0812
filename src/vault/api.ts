// The token vault's door: everything the page may ask of the worker that holds the tokens, and everything it
// gets back. Plain, structured-cloneable data only. No method returns a token (tests/unit/vault/api.test.ts
// calls each one and checks).
import type { FhirRequest, Outcome } from '../fhir/wire';
import type { SmartErrorCode, SessionEndReason } from '../smart/errors';
import type { PlainLaunchContext } from '../smart/launchContext';
import type { PendingLaunch } from '../smart/pendingLaunch';

export type { FhirRequest, Outcome };

/** What the callback hands the worker: the redirect it got and this tab's record of the pending sign-in. */
export interface ExchangeInput {
  callbackUrl: string;
  pending: PendingLaunch;
  /** oidc-client-ts's stored sign-in state (state id, PKCE verifier, nonce): it lives in sessionStorage until now. */
  oidcState: string;
  /** Send the landing view's FHIR requests the moment the token arrives (src/fhir/landing.ts). */
  landing?: boolean;
}

/** The launch context crosses the boundary with the granted scopes as a string, not the page's helper object. */
export type ExchangeOutcome = { ok: true; context: PlainLaunchContext } | { ok: false; code: SmartErrorCode; detail?: string };

export type VaultStatus =
  | { status: 'active' | 'refreshing' }
  /** A refresh failed for a network or server reason; it is retried with backoff and when the network returns. */
  | { status: 'reconnecting' }
  | { status: 'ended'; reason: SessionEndReason };

export interface VaultApi {
  /** Exchanges the code (oidc-client-ts), verifies the id_token, starts the session. Once per worker. */
  exchange(input: ExchangeInput): Promise<ExchangeOutcome>;
  /** A FHIR read, search or next page, with the bearer token attached inside the worker. `id` lets `abort` cancel it. */
  request(id: number, request: FhirRequest): Promise<Outcome<unknown>>;
  abort(id: number): void;
  /** Calls `listener` (a Comlink proxy) with every status change. */
  watch(listener: (status: VaultStatus) => void): void;
  /** The page became visible again or the network came back: re-check the token's expiry now. */
  wake(): void;
  /** RFC 7009: revokes the refresh and access tokens (when the server has a revocation endpoint), then ends. */
  signOut(reason: SessionEndReason): Promise<{ revoked: boolean }>;
  /** Drops every token at once. */
  end(reason: SessionEndReason): void;
}
