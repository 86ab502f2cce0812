// One OidcClient per launch, configured from our own (validated) discovery: oidc-client-ts does PKCE S256,
// state, the code exchange and the refresh grant; we never hand-write those.
import { OidcClient, WebStorageStateStore, type StateStore } from 'oidc-client-ts';
import type { SmartDiscovery } from './discovery';
import { OIDC_STATE_PREFIX } from './pendingLaunch';

export interface OidcClientArgs {
  iss: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  discovery: SmartDiscovery;
}

/** A token request (code exchange, refresh, revocation) that gets no answer in this time is abandoned. */
export const TOKEN_REQUEST_TIMEOUT_S = 15;

/** Where the page keeps oidc-client-ts's sign-in state (PKCE verifier, nonce) for the redirect round trip. */
export const oidcStateStore = () => new WebStorageStateStore({ store: window.sessionStorage, prefix: OIDC_STATE_PREFIX });

export function createOidcClient({ iss, clientId, redirectUri, scope, discovery }: OidcClientArgs, stateStore: StateStore = oidcStateStore()): OidcClient {
  return new OidcClient({
    // `authority` is only stored in the state and compared on callback; the endpoints come from `metadata`.
    authority: iss,
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    response_mode: 'query',
    scope,
    loadUserInfo: false,
    disablePKCE: false,
    requestTimeoutInSeconds: TOKEN_REQUEST_TIMEOUT_S,
    stateStore,
    metadata: {
      issuer: discovery.issuer ?? iss,
      authorization_endpoint: discovery.authorizationEndpoint,
      token_endpoint: discovery.tokenEndpoint,
      revocation_endpoint: discovery.revocationEndpoint,
      jwks_uri: discovery.jwksUri,
    },
  });
}
