// The sandbox authorization server: oidc-provider behind a small node:http front that adds the sign-in
// interaction, the SMART style JSON, the test control API and the test knobs (latency, refused requests).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { defaultState, delay, type SandboxState } from '../knobs';
import { CLIENT_ID, REFERENCE_CLIENT_ID } from '../ports';
import { PROFILES, type Profile } from '../profiles/profiles';
import { handleControl, refuseTokenRequest } from './control';
import { sendJson, listen } from './http';
import { handleInteraction, type InteractionPatient } from './interactions';
import { ContextStore, type ContextPolicy } from './launch';
import { createProvider, type IssuedAccessToken, type Practitioner, type PublicClient } from './provider';
import { RevocationList } from './revocations';
import { scopePolicy } from './scopes';
import { SMART_STYLE, smartConfiguration } from './smartConfiguration';

export interface AuthServerOptions {
  host: string;
  port: number;
  issuer: string;
  fhirBase: string;
  /** Origin of the app (client `smart-chart`, redirect URI <appOrigin>/callback). */
  appOrigin: string;
  /** Origin of the benchmark's reference app (client `fhirclient-reference`); not registered when absent. */
  referenceOrigin?: string;
  patients: InteractionPatient[];
  practitioners: Practitioner[];
  /** Knobs and counters (default: the module's default state). */
  state?: SandboxState;
  /** Shared with the FHIR server, so that it refuses revoked JWT access tokens. */
  revocations?: RevocationList;
  /** How the server behaves (default: the `smart` profile). */
  profile?: Profile;
  /** Serves the EHR simulator's pages (/ and /ehr/…) on this host (the canvas profile: OAuth on the EHR host). */
  ehrPages?: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface AuthServer {
  url: string;
  close(): Promise<void>;
  smartConfiguration(): Record<string, unknown>;
  revocations: RevocationList;
  /** Looks up a valid opaque access token (the FHIR server of the epic profile asks this). */
  findAccessToken(value: string): Promise<IssuedAccessToken | undefined>;
  /** The oidc-provider instance (tests inspect its stored codes and tokens). */
  provider: Provider;
}

/** The Vite dev server's callback is registered too, so `npm run dev` works against the sandbox. */
const DEV_REDIRECT_URI = 'http://127.0.0.1:5173/callback';

/** The clients registered at start: the app, and the benchmark's reference app (fhirclient 2.6). */
export function sandboxClients(appOrigin: string, referenceOrigin?: string): PublicClient[] {
  const clients: PublicClient[] = [{ client_id: CLIENT_ID, client_name: 'SMART Chart', redirect_uris: [`${appOrigin}/callback`, DEV_REDIRECT_URI] }];
  if (referenceOrigin) {
    clients.push({
      client_id: REFERENCE_CLIENT_ID,
      client_name: 'Reference app (fhirclient 2.6)',
      redirect_uris: [`${referenceOrigin}/index.html`, `${referenceOrigin}/`],
    });
  }
  return clients;
}

/**
 * Rewrites a GET authorization request before oidc-provider sees it (a form-POSTed one is left alone).
 * - oidc-provider follows OIDC Core strictly and drops `offline_access` unless `prompt=consent` is sent; SMART
 *   apps never send it. The sandbox always runs its consent step anyway, so ask for it on the app's behalf
 *   (in a POST, offline_access is dropped; the refresh token is still issued).
 * - oidc-provider always knows `openid`: a profile without OpenID Connect (s4s) ignores it (and fhirUser,
 *   profile), as unknown scopes are.
 * Returns the new URL and whether prompt=consent was added, or undefined when the URL stays as it is.
 */
const OPENID_SCOPES = ['openid', 'fhirUser', 'profile'];

function rewriteAuthorize(url: string, oidcScopes: readonly string[]): { url: string; promptAdded: boolean } | undefined {
  const parsed = new URL(url, 'http://x');
  let scope = parsed.searchParams.get('scope')?.split(' ') ?? [];
  let changed = false;
  const ignored = OPENID_SCOPES.filter((s) => !oidcScopes.includes(s) && scope.includes(s));
  if (ignored.length) {
    scope = scope.filter((s) => !ignored.includes(s));
    parsed.searchParams.set('scope', scope.join(' '));
    changed = true;
  }
  const promptAdded = scope.includes('offline_access') && !parsed.searchParams.has('prompt');
  if (promptAdded) parsed.searchParams.set('prompt', 'consent');
  return changed || promptAdded ? { url: parsed.pathname + parsed.search, promptAdded } : undefined;
}

/** Waits `ms`; resolves false at once if the client closes the connection first. */
function holdUnlessAbandoned(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

export async function startAuthServer(options: AuthServerOptions): Promise<AuthServer> {
  const { issuer, fhirBase } = options;
  const profile = options.profile ?? PROFILES.smart;
  const { routes } = profile;
  const state = options.state ?? defaultState;
  const { knobs, stats } = state;
  const revocations = options.revocations ?? new RevocationList();
  const contexts = new ContextStore();
  const allClients = sandboxClients(options.appOrigin, options.referenceOrigin);
  const clients = profile.preRegisteredClients ? allClients : [];
  const appOrigins = new Set(allClients.flatMap((c) => c.redirect_uris.map((uri) => new URL(uri).origin)));
  const scopes = scopePolicy(profile);
  const contextPolicy: ContextPolicy = {
    fhirUser: (id) => (profile.fhirUser === 'absolute' ? `${fhirBase}/Practitioner/${id}` : `Practitioner/${id}`),
    patientContext: profile.patientContext,
    smartStyleUrl: `${issuer}/smart-style.json`,
  };
  const promptAdded = new WeakSet<IncomingMessage>();
  const { provider, grants, findAccessToken } = await createProvider({
    issuer, fhirBase, profile, scopes, contextPolicy, clients, contexts, practitioners: options.practitioners, state, revocations,
    promptAdded, registrationOrigins: appOrigins, patientIds: options.patients.map((p) => p.id),
  });
  const providerCallback = provider.callback();
  const interactionDeps = {
    grants,
    profile,
    contextPolicy,
    knobs,
    patients: options.patients,
    practitioners: options.practitioners,
  };

  async function revokeAll(): Promise<void> {
    // The FHIR server refuses access tokens issued (iat, whole seconds) before this; refresh fails once the
    // grant is gone.
    const before = Math.floor(Date.now() / 1000) + 1;
    knobs.rejectTokensIssuedBefore = before;
    for (const grantId of contexts.drain()) {
      const grant = await provider.Grant.find(grantId);
      await grant?.destroy();
    }
    // Answer only once that second has started, so a token issued after the answer is not refused too.
    await delay(Math.max(0, before * 1000 - Date.now()));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', issuer);
    if (pathname.startsWith('/__sandbox/')) return handleControl(req, res, pathname, state, revokeAll);
    const isToken = pathname === routes.token;
    const dropped = isToken && state.inOutage('token') ? 'token' : state.inOutage('auth') ? 'auth' : undefined;
    if (dropped) {
      // A network outage: the connection ends without an answer.
      stats.outageDropped[dropped] += 1;
      return void req.socket.destroy();
    }
    if (knobs.latencyMs > 0) await delay(knobs.latencyMs);
    if (pathname === '/smart-style.json') {
      return sendJson(res, 200, SMART_STYLE, { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'max-age=300' });
    }
    if (pathname.startsWith('/interaction/')) return handleInteraction(req, res, interactionDeps);
    if (options.ehrPages && (pathname === '/' || pathname.startsWith('/ehr/'))) return options.ehrPages(req, res);
    if (pathname === routes.authorization && req.method === 'GET') {
      const rewritten = rewriteAuthorize(req.url ?? '/', scopes.oidc);
      if (rewritten) {
        req.url = rewritten.url;
        if (rewritten.promptAdded) promptAdded.add(req);
      }
    }
    if (isToken && req.method === 'POST' && knobs.tokenDelayMs > 0) {
      // A slow token endpoint: a client that gives up meanwhile leaves a request that is never processed
      // (its code or refresh token stays unused).
      if (!(await holdUnlessAbandoned(res, knobs.tokenDelayMs))) {
        stats.tokenRequestsAbandoned += 1;
        return;
      }
    }
    if (isToken && req.method === 'POST' && knobs.refuseNextTokenRequests > 0) {
      const origin = req.headers.origin;
      const cors: Record<string, string> = origin && appOrigins.has(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
      return refuseTokenRequest(req, res, state, cors);
    }
    return providerCallback(req, res);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error('[auth]', error);
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
      else res.destroy();
    });
  });
  const handle = await listen(server, options.host, options.port);
  return { url: issuer, close: handle.close, smartConfiguration: () => smartConfiguration(issuer, profile), revocations, findAccessToken, provider };
}
