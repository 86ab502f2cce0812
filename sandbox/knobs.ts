// Test knobs and counters shared by the sandbox servers. All off by default; tests set them over HTTP
// (POST /__sandbox/knobs on the auth server) and read counters from GET /__sandbox/stats.

/** HTTP statuses the FHIR fault knob can answer with (what gateways and busy servers send). */
export type FhirFaultStatus = 429 | 500 | 502 | 503 | 504;

/** Answer `status` (with Retry-After when given) to the next `remaining` matching FHIR requests, then normal. */
export interface FhirFault {
  status: FhirFaultStatus;
  /** Seconds, sent as the Retry-After header. */
  retryAfter?: number;
  remaining: number;
  /** Only requests for this resource type (read, search or next page); default: every resource request. */
  resourceType?: string;
}

/** Answer 200 with a body that is not FHIR JSON to the next `remaining` matching FHIR requests. */
export interface FhirMalformed {
  /** 'json': truncated JSON as application/fhir+json; 'html': an HTML error page as text/html. */
  kind: 'json' | 'html';
  remaining: number;
  resourceType?: string;
}

export interface Knobs {
  /** Access-token lifetime in seconds. */
  accessTokenTtl: number;
  /** Refuse the next N token-endpoint requests (any grant) with this error; 0 = off. */
  refuseNextTokenRequests: number;
  refuseWith: 'invalid_grant' | 'server_error';
  /** Milliseconds added to every sandbox HTTP request (auth and FHIR). */
  latencyMs: number;
  /** FHIR server answers 401 to access tokens issued (iat) before this epoch second; 0 = off. */
  rejectTokensIssuedBefore: number;
  /**
   * Milliseconds the token endpoint waits before handling a request (any grant): a slow or hung server. A
   * request the client abandons meanwhile is never processed (counted in stats.tokenRequestsAbandoned).
   */
  tokenDelayMs: number;
  /** FHIR answers this status to the next N matching requests (before checking the token); null = off. */
  fhirFaults: FhirFault | null;
  /** FHIR answers 200 with a broken body to the next N matching requests; null = off. */
  fhirMalformed: FhirMalformed | null;
  /** FHIR answers 403 (OperationOutcome) to valid tokens for these resource types, even when scoped. */
  denyResourceTypes: string[];
  /** Fields left out of .well-known/smart-configuration (and the CapabilityStatement's oauth-uris). */
  discoveryOmit: string[];
}

export const defaultKnobs = (): Knobs => ({
  accessTokenTtl: 3600,
  refuseNextTokenRequests: 0,
  refuseWith: 'invalid_grant',
  latencyMs: 0,
  rejectTokensIssuedBefore: 0,
  tokenDelayMs: 0,
  fhirFaults: null,
  fhirMalformed: null,
  denyResourceTypes: [],
  discoveryOmit: [],
});

export interface Stats {
  tokenRequests: { authorization_code: number; refresh_token: number; failed: number };
  /** Token requests the client gave up on while tokenDelayMs held them; they never reached the provider. */
  tokenRequestsAbandoned: number;
  /** FHIR requests (preflights not counted). */
  fhirRequests: number;
  /** FHIR responses by HTTP status, e.g. { "200": 7, "401": 1 }. */
  fhirStatus: Record<string, number>;
  /** FHIR resource requests (read, search, next page) by resource type. */
  fhirByType: Record<string, number>;
  /** Responses made by the fault knobs. */
  faultsServed: { status: number; malformed: number; denied: number };
}

export const defaultStats = (): Stats => ({
  tokenRequests: { authorization_code: 0, refresh_token: 0, failed: 0 },
  tokenRequestsAbandoned: 0,
  fhirRequests: 0,
  fhirStatus: {},
  fhirByType: {},
  faultsServed: { status: 0, malformed: 0, denied: 0 },
});

export const knobs: Knobs = defaultKnobs();
export const stats: Stats = defaultStats();

/** A knob patch that names an unknown knob or has a value of the wrong shape; nothing of it is applied. */
export class KnobError extends Error {
  override readonly name = 'KnobError';
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isNonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s !== '');
const FAULT_STATUSES: readonly number[] = [429, 500, 502, 503, 504];

/** Only the listed keys, each valid. */
function hasShape(v: unknown, checks: Record<string, { optional?: boolean; valid: (x: unknown) => boolean }>): boolean {
  if (!isObject(v)) return false;
  if (Object.keys(v).some((key) => !(key in checks))) return false;
  return Object.entries(checks).every(([key, { optional, valid }]) => (v[key] === undefined ? !!optional : valid(v[key])));
}

const resourceType = { optional: true, valid: (v: unknown) => typeof v === 'string' && /^[A-Z][A-Za-z]+$/.test(v) };

const VALIDATORS: { [K in keyof Knobs]: (value: unknown) => boolean } = {
  accessTokenTtl: (v) => isNonNegative(v) && v > 0,
  refuseNextTokenRequests: isCount,
  refuseWith: (v) => v === 'invalid_grant' || v === 'server_error',
  latencyMs: isNonNegative,
  rejectTokensIssuedBefore: isNonNegative,
  tokenDelayMs: isNonNegative,
  fhirFaults: (v) =>
    v === null ||
    hasShape(v, {
      status: { valid: (s) => FAULT_STATUSES.includes(s as number) },
      retryAfter: { optional: true, valid: isCount },
      remaining: { valid: isCount },
      resourceType,
    }),
  fhirMalformed: (v) =>
    v === null || hasShape(v, { kind: { valid: (k) => k === 'json' || k === 'html' }, remaining: { valid: isCount }, resourceType }),
  denyResourceTypes: isStringList,
  discoveryOmit: isStringList,
};

/** Applies a patch of knobs atomically; throws a KnobError (and changes nothing) when any entry is invalid. */
export function setKnobs(patch: unknown): Knobs {
  if (!isObject(patch)) throw new KnobError('the knobs must be a JSON object');
  const problems: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (!Object.hasOwn(VALIDATORS, key)) problems.push(`unknown knob "${key}"`);
    else if (!VALIDATORS[key as keyof Knobs](value)) problems.push(`invalid value for "${key}": ${JSON.stringify(value)}`);
  }
  if (problems.length) throw new KnobError(problems.join('; '));
  Object.assign(knobs, structuredClone(patch));
  return knobs;
}

export function resetSandboxState(): void {
  Object.assign(knobs, defaultKnobs());
  Object.assign(stats, defaultStats());
}

/**
 * Consumes one use of a counted fault knob when it matches the request's resource type and returns the fault
 * (undefined when it does not apply). A knob whose count reaches 0 switches itself off.
 */
export function takeFault<K extends 'fhirFaults' | 'fhirMalformed'>(name: K, type: string): NonNullable<Knobs[K]> | undefined {
  const fault = knobs[name];
  if (!fault || fault.remaining <= 0) return undefined;
  if (fault.resourceType && fault.resourceType !== type) return undefined;
  fault.remaining -= 1;
  const taken = { ...fault } as NonNullable<Knobs[K]>;
  if (fault.remaining === 0) knobs[name] = null as Knobs[K];
  return taken;
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
