// The checks of `npm run doctor`: each configured server's discovery, validated by the app's own code
// (src/smart/config.ts, discovery.ts, scopes.ts), what the app will do with it, and what the CSP must allow.
import { contentSecurityPolicy, type HeaderConfig } from '../../deploy/securityHeaders';
import { parseConfig, type ServerConfig } from '../../src/smart/config';
import { discover, type SmartDiscovery } from '../../src/smart/discovery';
import { isSmartLaunchError } from '../../src/smart/errors';
import { canVerifyIdToken } from '../../src/smart/beginLaunch';
import { buildScope, scopeSyntaxFor, splitScopes } from '../../src/smart/scopes';

/** `problem`: a launch would fail; `warning`: it works, with a caveat; `info`: worth knowing. */
export type Level = 'problem' | 'warning' | 'info';
export interface Finding {
  level: Level;
  text: string;
}

export interface ServerReport {
  id: string;
  name: string;
  issuer: string;
  /** Label and value lines: what was discovered and what the app will do. */
  facts: [string, string][];
  findings: Finding[];
}

export interface CspNeeds {
  connectSrc: string[];
  formAction: string[];
  frameAncestors: string[];
}

export interface DoctorReport {
  servers: ServerReport[];
  /** Problems of the configuration as a whole (it does not parse, …): no server was checked. */
  findings: Finding[];
  csp: CspNeeds;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const originOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
};
const isLoopback = (url: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
/** A fetch that gives up after `timeoutMs` and keeps a copy of every JSON body, by URL (for fields the app's validation drops). */
function recordingFetch(fetchImpl: typeof fetch, timeoutMs: number) {
  const bodies = new Map<string, unknown>();
  const wrapped: typeof fetch = async (input, init) => {
    const response = await fetchImpl(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    try {
      bodies.set(String(input), await response.clone().json());
    } catch {
      // not JSON: discover() reports it
    }
    return response;
  };
  return { fetch: wrapped, bodies };
}

/** registration_endpoint and grant_types_supported from the raw discovery document (or oauth-uris `register`). */
function rawExtras(bodies: Map<string, unknown>, discovery: SmartDiscovery): { registration?: string; grantTypes?: string[] } {
  for (const body of bodies.values()) {
    if (!isObject(body)) continue;
    if (discovery.source === 'well-known' && 'capabilities' in body) {
      const grants = Array.isArray(body.grant_types_supported) ? body.grant_types_supported.map(String) : undefined;
      return { registration: typeof body.registration_endpoint === 'string' ? body.registration_endpoint : undefined, grantTypes: grants };
    }
    if (discovery.source === 'capability-statement' && body.resourceType === 'CapabilityStatement') {
      const rests = (body.rest as { security?: { extension?: Json[] } }[] | undefined) ?? [];
      const uris = rests.flatMap((r) => r.security?.extension ?? []).find((e) => String(e.url).endsWith('/oauth-uris'));
      const register = ((uris?.extension as Json[] | undefined) ?? []).find((e) => e.url === 'register');
      return { registration: typeof register?.valueUri === 'string' ? register.valueUri : undefined };
    }
  }
  return {};
}

interface Needs {
  connect: Map<string, string[]>;
  formAction: Map<string, string[]>;
}
const need = (map: Map<string, string[]>, url: string | undefined, why: string) => {
  const origin = originOf(url);
  if (origin) map.set(origin, [...(map.get(origin) ?? []), why]);
};

async function checkServer(server: ServerConfig, registers: boolean, fetchImpl: typeof fetch, needs: Needs, timeoutMs: number): Promise<ServerReport> {
  const report: ServerReport = { id: server.id, name: server.name, issuer: server.issuer ?? server.issuerPattern ?? '', facts: [], findings: [] };
  const say = (level: Level, text: string) => report.findings.push({ level, text });
  const fact = (label: string, value: string) => report.facts.push([label, value]);
  if (!server.issuer) {
    say('info', `only an issuerPattern (${server.issuerPattern}): each EHR's discovery is checked at launch; run the doctor on a config naming one of its bases to check it here`);
    return report;
  }
  if (new URL(server.issuer).protocol !== 'https:' && !isLoopback(server.issuer)) {
    say('problem', `the issuer uses http:// on a host that is not this machine: tokens and patient data would travel unencrypted`);
  }
  const recorder = recordingFetch(fetchImpl, timeoutMs);
  let discovery: SmartDiscovery;
  try {
    discovery = await discover(server.issuer, recorder.fetch);
  } catch (error) {
    const detail = isSmartLaunchError(error) ? `${error.message} ${error.detail ?? ''}`.trim() : `discovery failed (${(error as Error).message})`;
    say('problem', detail);
    return report;
  }
  const extras = rawExtras(recorder.bodies, discovery);
  const { capabilities } = discovery;
  const syntax = scopeSyntaxFor(capabilities);
  const canVerify = canVerifyIdToken(discovery);
  const ehrScope = buildScope(server.scopes.ehr, syntax, 'ehr', canVerify);
  const standaloneScope = buildScope(server.scopes.standalone, syntax, 'standalone', canVerify);
  const asked = new Set([...splitScopes(ehrScope), ...splitScopes(standaloneScope)]);
  const configured = new Set([...splitScopes(server.scopes.ehr), ...splitScopes(server.scopes.standalone)]);

  fact('discovery', discovery.source === 'well-known' ? '.well-known/smart-configuration' : 'CapabilityStatement oauth-uris (SMART v1; no .well-known/smart-configuration)');
  fact('authorize', discovery.authorizationEndpoint);
  fact('token', discovery.tokenEndpoint);
  fact('revocation', discovery.revocationEndpoint ?? 'none (sign-out only forgets the tokens)');
  if (extras.registration) fact('registration', extras.registration);
  fact('capabilities', capabilities.length ? capabilities.join(' ') : 'none listed');
  fact('scope syntax', `${syntax}${syntax === 'v1' ? ' (the server advertises permission-v1 only: scopes are sent as .read)' : ''}`);
  fact('EHR launch scopes', ehrScope);
  fact('standalone scopes', standaloneScope);
  fact('PKCE', `S256, always${discovery.codeChallengeMethods.includes('S256') ? '' : ' (the server does not advertise it)'}`);
  const refreshAsked = asked.has('offline_access') || asked.has('online_access');
  const refreshGrant = extras.grantTypes ? extras.grantTypes.includes('refresh_token') : undefined;
  fact('refresh', !refreshAsked ? 'not asked (no offline_access/online_access): the session ends when the access token expires'
    : refreshGrant === false ? 'asked, but the server does not list the refresh_token grant' : 'yes, before each access token expires');
  const openid = asked.has('openid');
  fact('openid', openid ? `yes: the id_token is verified against ${discovery.jwksUri}` : configured.has('openid') ? 'left out for this server (no OpenID Connect): no id_token, no fhirUser' : 'not asked (no id_token)');
  fact('authorize by', capabilities.includes('authorize-post') ? 'form POST (authorize-post)' : 'GET redirect');
  for (const warning of discovery.warnings) say('info', warning);

  if (configured.has('openid') && !canVerify) {
    say('info', 'the scopes ask for openid, but the server advertises no sso-openid-connect with issuer and jwks_uri: the app leaves openid and fhirUser out for it (an id_token could not be verified)');
  }
  if (!capabilities.includes('launch-ehr') && discovery.source === 'well-known') say('info', 'the server does not advertise launch-ehr: only standalone launches');
  if (server.standalone && !capabilities.includes('launch-standalone') && discovery.source === 'well-known') {
    say('warning', 'listed for standalone launch, but the server does not advertise launch-standalone');
  }
  if (discovery.scopesSupported) {
    const supported = new Set(discovery.scopesSupported);
    const missing = [...asked].filter((s) => s !== 'launch' && !supported.has(s));
    if (missing.length) say('warning', `the server does not list these scopes in scopes_supported, and may drop or refuse them: ${missing.join(' ')}`);
  }
  if (registers) {
    if (extras.registration) say('info', `needs dynamic registration: the app will register at ${extras.registration}`);
    else say('problem', 'configured to register dynamically (register: true, or no clientId), but the server has no registration_endpoint');
  }

  need(needs.connect, server.issuer, `${server.id}: FHIR API and discovery`);
  need(needs.connect, discovery.tokenEndpoint, `${server.id}: token endpoint`);
  need(needs.connect, discovery.revocationEndpoint, `${server.id}: revocation`);
  if (registers) need(needs.connect, extras.registration, `${server.id}: registration`);
  if (openid && canVerify) need(needs.connect, discovery.jwksUri, `${server.id}: jwks_uri`);
  if (capabilities.includes('authorize-post')) need(needs.formAction, discovery.authorizationEndpoint, `${server.id}: authorize by POST`);
  return report;
}

/** `connect-src a b c; form-action d` → the sources of one directive. */
function directive(csp: string, name: string): string[] {
  const part = csp.split(';').map((p) => p.trim()).find((p) => p.startsWith(`${name} `));
  return part ? part.split(/\s+/).slice(1) : [];
}

export async function runDoctor(raw: unknown, fetchImpl: typeof fetch = fetch, timeoutMs = 10_000): Promise<DoctorReport> {
  const csp: CspNeeds = { connectSrc: [], formAction: [], frameAncestors: [] };
  // The app's own parser: a server without clientId (or with register: true) registers itself (RFC 7591).
  let config;
  try {
    config = parseConfig(raw);
  } catch (error) {
    const text = isSmartLaunchError(error) ? (error.detail ?? error.message) : String(error);
    return { servers: [], findings: [{ level: 'problem', text }], csp };
  }
  const needs: Needs = { connect: new Map(), formAction: new Map() };
  const reports = await Promise.all(config.servers.map((server) => checkServer(server, server.register, fetchImpl, needs, timeoutMs)));

  // What the served CSP (deploy/securityHeaders.ts, from this config) allows, against what the launches need.
  const served = contentSecurityPolicy(config as HeaderConfig);
  const connect = new Set(directive(served, 'connect-src'));
  const formAction = new Set(directive(served, 'form-action'));
  const findings: Finding[] = [];
  for (const [origin, why] of needs.connect) {
    if (connect.has(origin)) continue;
    const blocking = why.some((w) => !w.endsWith('revocation'));
    findings.push({
      level: blocking ? 'problem' : 'warning',
      text: `the served CSP's connect-src lacks ${origin} (${why.join(', ')}): the browser would block those requests. Add it to that server's authOrigins`,
    });
  }
  for (const [origin, why] of needs.formAction) {
    if (!formAction.has(origin)) findings.push({ level: 'problem', text: `the served CSP's form-action lacks ${origin} (${why.join(', ')}). Add it to that server's authOrigins` });
  }
  csp.connectSrc = ["'self'", ...[...needs.connect.keys()].sort()];
  csp.formAction = ["'self'", ...[...needs.formAction.keys()].sort()];
  csp.frameAncestors = ["'self'", ...config.ehrOrigins];
  if (!config.ehrOrigins.length) findings.push({ level: 'info', text: 'no ehrOrigins: no EHR may embed the app in an iframe (frame-ancestors \'self\')' });
  return { servers: reports, findings, csp };
}

export const blockingProblems = (report: DoctorReport) =>
  [...report.findings, ...report.servers.flatMap((s) => s.findings)].filter((f) => f.level === 'problem').length;
