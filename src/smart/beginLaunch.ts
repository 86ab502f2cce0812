// /launch: check the iss, discover, and send the browser to the authorization server.
import type { AppConfig } from './config';
import { findServer } from './config';
import { discover } from './discovery';
import { SmartLaunchError } from './errors';
import type { LaunchRequest } from './launchParams';
import { savePendingLaunch } from './pendingLaunch';
import { randomToken } from './random';
import { registeredClientId } from './registration';
import { buildScope, scopeSyntaxFor, splitScopes } from './scopes';

/** The authorize request's code (oidc-client-ts): a chunk of its own, off the first screen's critical path. */
export const loadOidcClient = () => import('./oidcClient');

/**
 * Whether an id_token from this server can be verified: OpenID Connect advertised with an issuer and a JWKS.
 * SMART v1 servers found through the CapabilityStatement have neither, so the app does not ask them for
 * `openid`/`fhirUser` (the sign-in would otherwise fail on an unverifiable id_token).
 */
export const canVerifyIdToken = (discovery: { capabilities: string[]; issuer?: string; jwksUri?: string }) =>
  discovery.capabilities.includes('sso-openid-connect') && !!discovery.issuer && !!discovery.jwksUri;

/** Only relative routes of the chart: never an open redirect. */
export const isAppRoute = (path: string | undefined): path is string => !!path && /^\/chart(\/[a-z-]*)*$/.test(path);

export interface AuthorizeRedirect {
  url: string;
  /** True when the server asked for the authorize request by form POST (`authorize-post`). */
  post: boolean;
}

export interface BeginLaunchOptions {
  config: AppConfig;
  request: LaunchRequest;
  redirectUri: string;
  fetchImpl?: typeof fetch;
  /** Re-authorize without user interaction (prompt=none), e.g. after a reload. */
  silent?: boolean;
  /** An app route under /chart to come back to. */
  returnTo?: string;
}

export async function prepareAuthorize({ config, request, redirectUri, fetchImpl, silent, returnTo }: BeginLaunchOptions): Promise<AuthorizeRedirect> {
  const server = findServer(config, request.iss);
  if (!server) {
    throw new SmartLaunchError('iss_not_allowed', `“${request.iss}” is not in this app’s configuration (smart-config.json).`);
  }
  // oidc-client-ts (the authorize request, PKCE) loads in parallel with discovery, not before it.
  const oidc = loadOidcClient();
  const discovery = await discover(request.iss, fetchImpl);
  const scope = buildScope(server.scopes[request.mode], scopeSyntaxFor(discovery.capabilities), request.mode, canVerifyIdToken(discovery));
  const clientId = server.register
    ? await registeredClientId({ iss: request.iss, registrationEndpoint: discovery.registrationEndpoint, redirectUri, scope, fetchImpl })
    : server.clientId!;
  const { createOidcClient } = await oidc;
  const client = createOidcClient({ iss: request.iss, clientId, redirectUri, scope, discovery });
  const nonce = splitScopes(scope).includes('openid') ? randomToken(16) : undefined;
  const stateSecret = randomToken(16);
  const extraQueryParams: Record<string, string> = { aud: request.iss };
  if (request.launch) extraQueryParams.launch = request.launch;
  const prompt = silent ? 'none' : undefined;
  const signinRequest = await client.createSigninRequest({ nonce, url_state: stateSecret, extraQueryParams, prompt });
  savePendingLaunch({
    stateId: signinRequest.state.id,
    stateSecret,
    nonce,
    iss: request.iss,
    serverId: server.id,
    clientId,
    registered: server.register || undefined,
    redirectUri,
    mode: request.mode,
    launch: request.launch,
    scope,
    silent,
    returnTo: isAppRoute(returnTo) ? returnTo : undefined,
    discovery,
    createdAt: Date.now(),
  });
  return { url: signinRequest.url, post: discovery.capabilities.includes('authorize-post') };
}

/** Navigates this window (GET), or submits a form (POST) with the same parameters, optionally into a named popup. */
export function followAuthorizeRedirect({ url, post }: AuthorizeRedirect, doc: Document = document, formTarget?: string): void {
  if (!post) {
    doc.defaultView?.location.assign(url);
    return;
  }
  const target = new URL(url);
  const form = doc.createElement('form');
  form.method = 'POST';
  form.action = target.origin + target.pathname;
  if (formTarget) form.target = formTarget;
  for (const [name, value] of target.searchParams) {
    const input = doc.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }
  doc.body.appendChild(form);
  form.submit();
}
