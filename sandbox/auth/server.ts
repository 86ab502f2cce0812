// The sandbox authorization server: oidc-provider behind a small node:http front that adds the sign-in
// interaction, the SMART style JSON, the test control API and the test knobs (latency, refused requests).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { defaultState, delay, type SandboxState } from '../knobs';
import { CLIENT_ID, REFERENCE_CLIENT_ID } from '../ports';
import { handleControl, refuseTokenRequest } from './control';
import { sendJson, listen } from './http';
import { handleInteraction, type InteractionPatient } from './interactions';
import { ContextStore } from './launch';
import { createProvider, ROUTES, type Practitioner, type PublicClient } from './provider';
import { RevocationList } from './revocations';
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
}

export interface AuthServer {
  url: string;
  close(): Promise<void>;
  smartConfiguration(): Record<string, unknown>;
  revocations: RevocationList;
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
 * oidc-provider follows OIDC Core strictly and drops `offline_access` unless `prompt=consent` is sent; SMART
 * apps never send it. The sandbox always runs its consent step anyway, so ask for it on the app's behalf.
 * (A form-POSTed authorization request is left alone: there offline_access is dropped, the refresh token
 * is still issued.) Returns undefined when the URL stays as it is.
 */
function keepOfflineAccess(url: string): string | undefined {
  const parsed = new URL(url, 'http://x');
  const scope = parsed.searchParams.get('scope')?.split(' ') ?? [];
  if (!scope.includes('offline_access') || parsed.searchParams.has('prompt')) return undefined;
  parsed.searchParams.set('prompt', 'consent');
  return parsed.pathname + parsed.search;
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
  const state = options.state ?? defaultState;
  const { knobs, stats } = state;
  const revocations = options.revocations ?? new RevocationList();
  const contexts = new ContextStore();
  const clients = sandboxClients(options.appOrigin, options.referenceOrigin);
  const appOrigins = new Set(clients.flatMap((c) => c.redirect_uris.map((uri) => new URL(uri).origin)));
  const smartStyleUrl = `${issuer}/smart-style.json`;
  const promptAdded = new WeakSet<IncomingMessage>();
  const provider = await createProvider({
    issuer, fhirBase, clients, contexts, practitioners: options.practitioners, state, revocations, promptAdded,
    patientIds: options.patients.map((p) => p.id), smartStyleUrl,
  });
  const providerCallback = provider.callback();
  const interactionDeps = {
    provider,
    fhirBase,
    smartStyleUrl,
    contexts,
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
    const isToken = pathname === ROUTES.token;
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
    if (pathname === ROUTES.authorization && req.method === 'GET') {
      const rewritten = keepOfflineAccess(req.url ?? '/');
      if (rewritten) {
        req.url = rewritten;
        promptAdded.add(req);
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
  return { url: issuer, close: handle.close, smartConfiguration: () => smartConfiguration(issuer), revocations };
}
