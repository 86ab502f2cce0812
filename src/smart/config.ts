// Runtime configuration (public/smart-config.json, served beside index.html): which FHIR servers the app may
// talk to, with the client_id and scopes registered at each. Validated by hand to keep the first screen small.
import { SmartLaunchError } from './errors';
import { canonicalIssuer, issuerProblem, MAX_ISS_LENGTH, withoutTrailingSlash } from './issuer';

export interface ServerConfig {
  id: string;
  name: string;
  /** Exact FHIR base URL. */
  issuer?: string;
  /** Full-match regular expression for multi-tenant EHRs (e.g. one base per hospital). */
  issuerPattern?: string;
  /** The client_id registered at that EHR; absent (or `register`) means the app registers itself (RFC 7591). */
  clientId?: string;
  /** Register at the server's registration_endpoint instead of using a configured client_id. */
  register: boolean;
  scopes: { ehr: string; standalone: string };
  /** Show in the standalone server picker (default true when `issuer` is set). */
  standalone?: boolean;
  /** Sign in in a popup window when embedded (for authorization servers that refuse to be framed). */
  popupWhenFramed?: boolean;
  /** Origins of the authorization server(s), when not the FHIR server's (for the served CSP). */
  authOrigins?: string[];
  /** For the served CSP: origins of the FHIR servers an `issuerPattern` matches (host wildcards allowed). */
  fhirOrigins?: string[];
  /** For the served CSP: origins of `jwks_uri` when not the FHIR or authorization server's. */
  jwksOrigins?: string[];
  /** For the served CSP: origins of the EHR's `smart_style_url`. */
  styleOrigins?: string[];
}

export interface AppConfig {
  servers: ServerConfig[];
  /** Origins allowed to frame the app (CSP frame-ancestors). */
  ehrOrigins: string[];
  /** Sign out after this long without user input (shared clinical workstations); off when absent. */
  idleTimeoutMinutes?: number;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function parseServer(raw: unknown, at: string): ServerConfig {
  const fail = (what: string) => {
    throw new SmartLaunchError('config_invalid', `smart-config.json: ${at}${what}`);
  };
  if (!isObject(raw)) return fail(' must be an object');
  const { id, name, issuer, issuerPattern, clientId, register, scopes, standalone, popupWhenFramed, authOrigins } = raw;
  if (!isNonEmptyString(id)) fail('.id is missing');
  if (!isNonEmptyString(name)) fail('.name is missing');
  if (clientId !== undefined && !isNonEmptyString(clientId)) fail('.clientId must be a non-empty string (leave it out to register the app dynamically)');
  if (register !== undefined && typeof register !== 'boolean') fail('.register must be true or false');
  if (issuer === undefined && issuerPattern === undefined) fail(' needs "issuer" or "issuerPattern"');
  if (issuer !== undefined) {
    if (!isNonEmptyString(issuer)) fail('.issuer must be a URL');
    const problem = issuerProblem(issuer as string);
    if (problem) fail(`.issuer ${problem}`);
  }
  if (issuerPattern !== undefined) {
    if (!isNonEmptyString(issuerPattern)) fail('.issuerPattern must be a string');
    try {
      new RegExp(issuerPattern as string);
    } catch {
      fail('.issuerPattern is not a valid regular expression');
    }
  }
  if (!isObject(scopes) || !isNonEmptyString(scopes.ehr) || !isNonEmptyString(scopes.standalone)) {
    fail('.scopes needs "ehr" and "standalone" scope strings');
  }
  if (authOrigins !== undefined && !(Array.isArray(authOrigins) && authOrigins.every((o) => isNonEmptyString(o) && isHttpUrl(o)))) {
    fail('.authOrigins must be a list of http(s) origins');
  }
  const cspOrigins = parseCspOrigins(raw, fail);
  const s = scopes as Json;
  return {
    id: id as string,
    name: name as string,
    issuer: issuer as string | undefined,
    issuerPattern: issuerPattern as string | undefined,
    ...(clientId !== undefined ? { clientId: clientId as string } : {}),
    register: register === true || clientId === undefined,
    scopes: { ehr: s.ehr as string, standalone: s.standalone as string },
    standalone: standalone === undefined ? issuer !== undefined : standalone === true,
    popupWhenFramed: popupWhenFramed === true,
    authOrigins: authOrigins as string[] | undefined,
    ...cspOrigins,
  };
}

/**
 * An http(s) origin as the served CSP takes it: `https://host[:port]`, where the host may start with `*.` to
 * match its subdomains (`https://*.ehr.example.com`). No path, query, user name or characters outside a host name.
 */
export function isCspOrigin(value: unknown): value is string {
  if (!isNonEmptyString(value)) return false;
  const match = /^(https?:\/\/)(\*\.)?((?:[a-z0-9-]+\.)*[a-z0-9-]+|\[[0-9a-f:.]+\])(:\d{1,5})?\/?$/i.exec(value);
  if (!match) return false;
  if (match[2] && !match[3]!.includes('.')) return false; // *.com is too wide
  return isHttpUrl(`${match[1]}${match[3]}${match[4] ?? ''}`);
}

const CSP_ORIGIN_FIELDS = ['fhirOrigins', 'jwksOrigins', 'styleOrigins'] as const;

function parseCspOrigins(raw: Json, fail: (what: string) => never): Pick<ServerConfig, (typeof CSP_ORIGIN_FIELDS)[number]> {
  const fields: Pick<ServerConfig, (typeof CSP_ORIGIN_FIELDS)[number]> = {};
  for (const field of CSP_ORIGIN_FIELDS) {
    const value = raw[field];
    if (value === undefined) continue;
    if (!Array.isArray(value) || !value.every(isCspOrigin)) fail(`.${field} must be a list of http(s) origins (a host may start with "*.")`);
    fields[field] = value as string[];
  }
  return fields;
}

export function parseConfig(raw: unknown): AppConfig {
  if (!isObject(raw)) throw new SmartLaunchError('config_invalid', 'smart-config.json: the file must hold a JSON object');
  if (!Array.isArray(raw.servers) || raw.servers.length === 0) {
    throw new SmartLaunchError('config_invalid', 'smart-config.json: "servers" must list at least one FHIR server');
  }
  const servers = raw.servers.map((s, i) => parseServer(s, `servers[${i}]`));
  const ids = new Set<string>();
  for (const s of servers) {
    if (ids.has(s.id)) throw new SmartLaunchError('config_invalid', `smart-config.json: server id "${s.id}" is used twice`);
    ids.add(s.id);
  }
  const origins = raw.ehrOrigins ?? [];
  if (!Array.isArray(origins) || !origins.every((o) => isNonEmptyString(o) && isHttpUrl(o))) {
    throw new SmartLaunchError('config_invalid', 'smart-config.json: "ehrOrigins" must be a list of http(s) origins');
  }
  const idle = raw.idleTimeoutMinutes;
  if (idle !== undefined && !(typeof idle === 'number' && Number.isFinite(idle) && idle > 0 && idle <= 24 * 60)) {
    throw new SmartLaunchError('config_invalid', 'smart-config.json: "idleTimeoutMinutes" must be a number of minutes above 0 (at most 1440)');
  }
  return { servers, ehrOrigins: origins as string[], ...(idle !== undefined ? { idleTimeoutMinutes: idle as number } : {}) };
}

export async function loadConfig(url = '/smart-config.json', fetchImpl: typeof fetch = fetch): Promise<AppConfig> {
  let response: Response;
  try {
    // Default cache mode so the <link rel=preload> in index.html is used; the server marks it no-cache.
    response = await fetchImpl(url);
  } catch {
    throw new SmartLaunchError('config_invalid', `smart-config.json could not be fetched from ${url}`);
  }
  if (!response.ok) {
    throw new SmartLaunchError('config_invalid', `smart-config.json is missing (HTTP ${response.status} for ${url})`);
  }
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    throw new SmartLaunchError('config_invalid', 'smart-config.json is not valid JSON');
  }
  const config = parseConfig(raw);
  await assertSafePatterns(config);
  return config;
}

/**
 * Refuses issuerPattern values whose nested quantifiers can backtrack without end (ReDoS: a crafted `iss` would
 * freeze the clinician's tab). safe-regex2 measures the pattern's star height; it loads only for configurations
 * that use patterns.
 */
export async function assertSafePatterns(config: AppConfig): Promise<void> {
  const patterns = config.servers.filter((s) => s.issuerPattern !== undefined);
  if (!patterns.length) return;
  const { default: isSafe } = await import('safe-regex2');
  for (const server of patterns) {
    if (!isSafe(server.issuerPattern!)) {
      throw new SmartLaunchError(
        'config_invalid',
        `smart-config.json: server "${server.id}": issuerPattern has nested repetition (like "(a+)+") that can take forever to match; rewrite it without a quantifier inside a repeated group`,
      );
    }
  }
}

/**
 * The configured server an `iss` belongs to, by exact base URL (ignoring a trailing slash) or full-match pattern.
 * Only a canonical https `iss` (see issuer.ts) can match anything.
 */
export function findServer(config: AppConfig, iss: string): ServerConfig | undefined {
  if (iss.length > MAX_ISS_LENGTH || issuerProblem(iss)) return undefined;
  const wanted = canonicalIssuer(iss);
  return config.servers.find((server) => {
    if (server.issuer !== undefined && withoutTrailingSlash(server.issuer) === wanted) return true;
    if (server.issuerPattern !== undefined) return new RegExp(`^(?:${server.issuerPattern})$`).test(wanted);
    return false;
  });
}
