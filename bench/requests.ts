// The page's requests during a launch, grouped by kind, and the critical path to a moment: the chain of
// requests, each starting only after the previous one finished, that ends with the request the moment waited for.
import { APP_ORIGIN, AUTH_ISSUER, FHIR_BASE, REFERENCE_ORIGIN } from '../sandbox/ports';
import type { NetRequest } from './network';

export type RequestKind = 'document' | 'static' | 'config' | 'discovery' | 'authorize' | 'token' | 'jwks' | 'fhir' | 'preflight' | 'style' | 'other';

export const WHY: Record<RequestKind, string> = {
  document:
    'The app’s HTML page. A SMART launch loads it twice: at /launch (from the EHR’s link) and at /callback (the authorization server redirects the whole window back with the code); the reference app’s are launch.html and index.html.',
  static:
    'The app’s entry JS and CSS (nothing runs before the entry script), then the chunks of the first view (lazy routes), loaded when the chart renders after the token. Hashed /assets/ files are cached immutably: at /callback the entry comes from the browser cache (listed, no network time). The favicon is never waited for.',
  config:
    'smart-config.json: the app must check `iss` against its configured servers (and find the client_id and scopes) before it contacts the EHR at all.',
  discovery:
    '<iss>/.well-known/smart-configuration: tells the app where to send the user to authorize and where to exchange the code (and what PKCE/scope syntax the server supports).',
  authorize:
    'The authorization request and the authorization server’s own redirects (interaction, consent, resume) ending in the redirect to /callback with the code; a standalone launch adds the sign-in page and its form POST.',
  token:
    'POST /token: exchanges the code (with the PKCE verifier) for the access token and the SMART context (patient). No FHIR request can be made before it; later ones are refreshes.',
  jwks: 'The authorization server’s public keys: the id_token’s signature is verified before the session (fhirUser, patient) is trusted.',
  fhir: 'The data: Patient read for the name and the banner; Encounter and Observation searches for the lists and charts.',
  preflight:
    'CORS preflight (OPTIONS): the browser asks before a cross-origin request with an Authorization header or a form/JSON body; Chromium caches the answer per URL (Access-Control-Max-Age), so each new URL pays one round trip.',
  style:
    'The EHR’s smart_style_url (colours for the embedded look), fetched after the token response. The app applies it when it arrives and waits for nothing on it, so it is never counted on the critical path.',
  other: 'Anything else the page requested.',
};

export function kindOf(request: Pick<NetRequest, 'url' | 'method' | 'type'>): RequestKind {
  if (request.type === 'Preflight' || request.method === 'OPTIONS') return 'preflight';
  const url = request.url;
  if (url.startsWith(`${FHIR_BASE}/.well-known/`) || url.startsWith(`${FHIR_BASE}/metadata`)) return 'discovery';
  if (url.startsWith(`${FHIR_BASE}/`)) return 'fhir';
  if (url.startsWith(`${AUTH_ISSUER}/`)) {
    const path = new URL(url).pathname;
    if (path === '/token') return 'token';
    if (path === '/jwks') return 'jwks';
    if (path.endsWith('.json') && path.includes('style')) return 'style';
    if (path.startsWith('/auth') || path.startsWith('/interaction') || path.startsWith('/session')) return 'authorize';
    if (path.startsWith('/.well-known/')) return 'discovery';
    return 'other';
  }
  if (url.startsWith(`${APP_ORIGIN}/`) || url.startsWith(`${REFERENCE_ORIGIN}/`)) {
    if (request.type === 'Document') return 'document';
    if (new URL(url).pathname === '/smart-config.json') return 'config';
    return 'static';
  }
  return 'other';
}

export interface ChainStep {
  kind: RequestKind;
  method: string;
  /** The URL without its query (codes, states and tokens are not worth printing). */
  url: string;
  status?: number;
  fromCache: boolean;
  /** ms from the journey's start. */
  startMs: number;
  endMs: number;
  /** When the next step could start: the end, or for a document the arrival of its headers (it streams). */
  readyMs: number;
  /** Who reported it (network.ts). */
  source: NetRequest['source'];
}

export interface KindCount {
  total: number;
  critical: number;
  why: string;
}

export interface RequestFigures {
  /** Requests the page made from the start until the data was shown and the network was quiet. */
  total: number;
  /** Of them, served from the browser cache (no network round trip). */
  fromCache: number;
  /** Requests on the critical path to the patient's name being visible. */
  criticalToName: number;
  criticalToObservations: number;
  /** Network round trips in series to the name (a preflight is one; cache hits are none). */
  hopsToName: number;
  byKind: Partial<Record<RequestKind, KindCount>>;
  criticalPathToName: ChainStep[];
  criticalPathToObservations: ChainStep[];
}

const TOLERANCE_MS = 1;
/** Requests nothing waits for (images, fonts, the favicon). */
const NEVER_BLOCKING = new Set(['Image', 'Font', 'Ping', 'Media', 'Manifest', 'CSPViolationReport']);
export const isFavicon = (r: Pick<NetRequest, 'url'>) => /\/favicon\.[a-z]+$/i.test(r.url.replace(/[?#].*$/, ''));

/** When a request's answer can unblock the next step: a document as soon as its headers arrive (it streams). */
export const readyAt = (r: NetRequest) => (r.type === 'Document' ? (r.responseAt ?? r.end) : r.end);

/** The CORS preflight the browser made for `request` (it happens inside the request's own span). */
export function preflightOf(requests: NetRequest[], request: NetRequest): NetRequest | undefined {
  if (kindOf(request) === 'preflight') return undefined;
  return requests.find(
    (r) => kindOf(r) === 'preflight' && r.url === request.url && r.start >= request.start - TOLERANCE_MS && r.start <= (request.end ?? Infinity),
  );
}

/**
 * Walks back from `last`: the previous step is the request that became ready latest before this one started
 * (cached ones included: they still gate what comes next; the favicon and images are not waited for). A
 * request's CORS preflight happens within it and is listed with it. Gaps between steps are the page's own work.
 */
export function criticalChain(requests: NetRequest[], last: NetRequest | undefined): NetRequest[] {
  if (!last) return [];
  const candidates = requests.filter(
    (r) => !r.failed && !NEVER_BLOCKING.has(r.type) && !isFavicon(r) && !['preflight', 'style'].includes(kindOf(r)) && readyAt(r) !== undefined,
  );
  const chain = [last];
  let current = last;
  for (;;) {
    const start = current.start;
    const before = candidates.filter((r) => r.start < start - TOLERANCE_MS && readyAt(r)! <= start + TOLERANCE_MS);
    if (!before.length) break;
    const previous = before.reduce((a, b) => (readyAt(b)! > readyAt(a)! ? b : a));
    chain.unshift(previous);
    current = previous;
  }
  return chain.flatMap((r) => {
    const preflight = preflightOf(requests, r);
    return preflight ? [preflight, r] : [r];
  });
}

/** Network round trips in a chain: every step but the cache hits (a preflight is a round trip of its own). */
export const hops = (chain: NetRequest[]) => chain.filter((r) => !r.fromCache).length;

export const stripQuery = (url: string) => url.replace(/[?#].*$/, '');

export function step(request: NetRequest, t0: number): ChainStep {
  return {
    kind: kindOf(request),
    method: request.method,
    url: stripQuery(request.url),
    status: request.status,
    fromCache: request.fromCache,
    startMs: Math.round(request.start - t0),
    endMs: Math.round((request.end ?? request.start) - t0),
    readyMs: Math.round((readyAt(request) ?? request.start) - t0),
    source: request.source,
  };
}

/** The FHIR request (not its preflight) matching `pattern` that finished last before `moment`. */
export function lastFhirBefore(requests: NetRequest[], pattern: RegExp, moment: number): NetRequest | undefined {
  return requests
    .filter((r) => kindOf(r) === 'fhir' && pattern.test(r.url) && r.end !== undefined && r.end <= moment)
    .sort((a, b) => a.end! - b.end!)
    .pop();
}

export function requestFigures(
  requests: NetRequest[],
  t0: number,
  moments: { name: number; observations: number },
  patientId: string,
): RequestFigures {
  const seen = requests.filter((r) => r.start >= t0 - TOLERANCE_MS);
  const toName = criticalChain(seen, lastFhirBefore(seen, new RegExp(`/Patient/${patientId}(\\?|$)`), moments.name));
  const toObservations = criticalChain(seen, lastFhirBefore(seen, /\/Observation(\?|$)/, moments.observations));
  const byKind: Partial<Record<RequestKind, KindCount>> = {};
  for (const request of seen) {
    const kind = kindOf(request);
    const entry = (byKind[kind] ??= { total: 0, critical: 0, why: WHY[kind] });
    entry.total += 1;
    if (toName.includes(request)) entry.critical += 1;
  }
  return {
    total: seen.length,
    fromCache: seen.filter((r) => r.fromCache).length,
    criticalToName: toName.length,
    hopsToName: hops(toName),
    criticalToObservations: toObservations.length,
    byKind,
    criticalPathToName: toName.map((r) => step(r, t0)),
    criticalPathToObservations: toObservations.map((r) => step(r, t0)),
  };
}

/** One step a line: start–end, the wait before it (the page's own work since the previous step was ready), what it was. */
export function formatChain(chain: ChainStep[]): string {
  const lines = ['  start–end      wait  kind      method  status  url'];
  let previousReady = 0;
  for (const step of chain) {
    const url = new URL(step.url);
    const wait = step.kind === 'preflight' ? '' : String(Math.max(0, step.startMs - previousReady));
    lines.push(
      `  ${String(step.startMs).padStart(5)}–${String(step.endMs).padEnd(5)}  ${wait.padStart(5)}  ${step.kind.padEnd(9)} ${step.method.padEnd(7)} ${String(step.status ?? '').padEnd(6)}  ` +
        `${url.port ? `:${url.port}` : url.host}${url.pathname}${step.fromCache ? ' (cache)' : ''}${step.source === 'worker' || step.source === 'playwright' ? ' [worker]' : ''}`,
    );
    if (step.kind !== 'preflight') previousReady = step.readyMs;
  }
  return lines.join('\n');
}
