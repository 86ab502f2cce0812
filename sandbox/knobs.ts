// Test knobs and counters of a sandbox. All off by default; tests set them over HTTP (POST /__sandbox/knobs on
// the authorization server) and read counters from GET /__sandbox/stats. Each profile of a multi-profile sandbox
// has its own SandboxState; the default state (the `smart` profile's) is also exported as module-level values.

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

/** Where a network outage drops connections: the token endpoint, the whole authorization server, the FHIR server. */
export type OutageTarget = 'token' | 'auth' | 'fhir';

/**
 * For `ms` milliseconds from when it is set, the targets destroy every connection without answering (the
 * browser sees a network error). Set as `{ ms, targets }`; the sandbox adds `until` (epoch ms).
 */
export interface Outage {
  ms: number;
  targets: OutageTarget[];
  until: number;
}

export interface Knobs {
  /** Access-token lifetime in seconds (an integer ≥ 1). */
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
  /**
   * Authorize requests with `prompt=none` but no `id_token_hint` are answered with a 400 JSON page
   * (`invalid_request`) instead of a redirect back to the app, as some reference servers do.
   */
  promptNoneRequiresHint: boolean;
  /**
   * An EHR launch whose `launch` names a known user and patient is answered with ONE redirect back to the app
   * (the clinician is already signed in at the EHR), instead of the redirects through the sign-in interaction.
   */
  ehrPreapproved: boolean;
  /** Connections dropped without an answer for a while; null = off. */
  outage: Outage | null;
  /**
   * The sign-in page refuses to be framed (X-Frame-Options: DENY, CSP frame-ancestors 'none'), and an EHR
   * launch shows it too ("Continue as …") instead of signing in without a page: an embedded launch then needs
   * the popup sign-in. (ehrPreapproved does not apply meanwhile.)
   */
  signInRefusesFraming: boolean;
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
  promptNoneRequiresHint: false,
  ehrPreapproved: false,
  outage: null,
  signInRefusesFraming: false,
});

/** How many FHIR request URLs stats.fhirUrls keeps (the first ones; later ones are only counted). */
export const FHIR_URL_CAP = 500;

export interface Stats {
  tokenRequests: { authorization_code: number; refresh_token: number; failed: number };
  /** Token requests the client gave up on while tokenDelayMs held them; they never reached the provider. */
  tokenRequestsAbandoned: number;
  /** Authorization requests (not their resume steps), in total and by the `prompt` the client sent ('absent': none). */
  authorizeRequests: { total: number; byPrompt: Record<string, number> };
  /** RFC 7009 revocation requests by what the token was; `unknown`: not found, not this client's, or already revoked. */
  revocations: { access_token: number; refresh_token: number; unknown: number };
  /** Dynamic client registrations (RFC 7591) that succeeded (profiles with a registration endpoint). */
  registrations: number;
  /** FHIR requests (preflights not counted). */
  fhirRequests: number;
  /** FHIR responses by HTTP status, e.g. { "200": 7, "401": 1 }. */
  fhirStatus: Record<string, number>;
  /** FHIR resource requests (read, search, next page) by resource type. */
  fhirByType: Record<string, number>;
  /** Path and query of the FHIR requests, in order (the first FHIR_URL_CAP; fhirUrlsDropped counts the rest). */
  fhirUrls: string[];
  fhirUrlsDropped: number;
  /** Responses made by the fault knobs. */
  faultsServed: { status: number; malformed: number; denied: number };
  /** Connections the outage knob destroyed, by target. */
  outageDropped: Record<OutageTarget, number>;
}

export const defaultStats = (): Stats => ({
  tokenRequests: { authorization_code: 0, refresh_token: 0, failed: 0 },
  tokenRequestsAbandoned: 0,
  authorizeRequests: { total: 0, byPrompt: {} },
  revocations: { access_token: 0, refresh_token: 0, unknown: 0 },
  registrations: 0,
  fhirRequests: 0,
  fhirStatus: {},
  fhirByType: {},
  fhirUrls: [],
  fhirUrlsDropped: 0,
  faultsServed: { status: 0, malformed: 0, denied: 0 },
  outageDropped: { token: 0, auth: 0, fhir: 0 },
});

/** A knob patch that names an unknown knob or has a value of the wrong shape; nothing of it is applied. */
export class KnobError extends Error {
  override readonly name = 'KnobError';
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isNonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string' && s !== '');
const FAULT_STATUSES: readonly number[] = [429, 500, 502, 503, 504];
const OUTAGE_TARGETS: readonly string[] = ['token', 'auth', 'fhir'];
const MAX_OUTAGE_MS = 10 * 60_000;

/** Only the listed keys, each valid. */
function hasShape(v: unknown, checks: Record<string, { optional?: boolean; valid: (x: unknown) => boolean }>): boolean {
  if (!isObject(v)) return false;
  if (Object.keys(v).some((key) => !(key in checks))) return false;
  return Object.entries(checks).every(([key, { optional, valid }]) => (v[key] === undefined ? !!optional : valid(v[key])));
}

const resourceType = { optional: true, valid: (v: unknown) => typeof v === 'string' && /^[A-Z][A-Za-z]+$/.test(v) };

const VALIDATORS: { [K in keyof Knobs]: (value: unknown) => boolean } = {
  accessTokenTtl: (v) => Number.isInteger(v) && (v as number) >= 1,
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
  promptNoneRequiresHint: isBoolean,
  ehrPreapproved: isBoolean,
  outage: (v) =>
    v === null ||
    hasShape(v, {
      ms: { valid: (ms) => isCount(ms) && ms > 0 && ms <= MAX_OUTAGE_MS },
      targets: { valid: (t) => Array.isArray(t) && t.length > 0 && t.every((x) => OUTAGE_TARGETS.includes(x as string)) },
    }),
  signInRefusesFraming: isBoolean,
};

/** The knobs and counters of one sandbox (one profile). */
export class SandboxState {
  readonly knobs: Knobs = defaultKnobs();
  readonly stats: Stats = defaultStats();

  /** Applies a patch of knobs atomically; throws a KnobError (and changes nothing) when any entry is invalid. */
  set(patch: unknown): Knobs {
    if (!isObject(patch)) throw new KnobError('the knobs must be a JSON object');
    const problems: string[] = [];
    for (const [key, value] of Object.entries(patch)) {
      if (!Object.hasOwn(VALIDATORS, key)) problems.push(`unknown knob "${key}"`);
      else if (!VALIDATORS[key as keyof Knobs](value)) problems.push(`invalid value for "${key}": ${JSON.stringify(value)}`);
    }
    if (problems.length) throw new KnobError(problems.join('; '));
    const copy = structuredClone(patch) as Partial<Knobs> & { outage?: Omit<Outage, 'until'> | null };
    if (copy.outage) copy.outage = { ...copy.outage, until: Date.now() + copy.outage.ms } as Outage;
    Object.assign(this.knobs, copy);
    return this.knobs;
  }

  reset(): void {
    Object.assign(this.knobs, defaultKnobs());
    Object.assign(this.stats, defaultStats());
  }

  /**
   * Consumes one use of a counted fault knob when it matches the request's resource type and returns the fault
   * (undefined when it does not apply). A knob whose count reaches 0 switches itself off.
   */
  takeFault<K extends 'fhirFaults' | 'fhirMalformed'>(name: K, type: string): NonNullable<Knobs[K]> | undefined {
    const fault = this.knobs[name];
    if (!fault || fault.remaining <= 0) return undefined;
    if (fault.resourceType && fault.resourceType !== type) return undefined;
    fault.remaining -= 1;
    const taken = { ...fault } as NonNullable<Knobs[K]>;
    if (fault.remaining === 0) this.knobs[name] = null as Knobs[K];
    return taken;
  }

  /** Whether the outage knob drops this target's connections now (an outage that has ended switches itself off). */
  inOutage(target: OutageTarget): boolean {
    const { outage } = this.knobs;
    if (!outage) return false;
    if (Date.now() >= outage.until) {
      this.knobs.outage = null;
      return false;
    }
    return outage.targets.includes(target);
  }

  recordFhirUrl(url: string): void {
    if (this.stats.fhirUrls.length < FHIR_URL_CAP) this.stats.fhirUrls.push(url);
    else this.stats.fhirUrlsDropped += 1;
  }

  recordAuthorize(prompt: string | undefined): void {
    const key = prompt || 'absent';
    this.stats.authorizeRequests.total += 1;
    this.stats.authorizeRequests.byPrompt[key] = (this.stats.authorizeRequests.byPrompt[key] ?? 0) + 1;
  }
}

/** The state of a sandbox started without one of its own (the `smart` profile, and servers in unit tests). */
export const defaultState = new SandboxState();
export const knobs: Knobs = defaultState.knobs;
export const stats: Stats = defaultState.stats;
export const setKnobs = (patch: unknown): Knobs => defaultState.set(patch);
export const resetSandboxState = (): void => defaultState.reset();
export const takeFault = <K extends 'fhirFaults' | 'fhirMalformed'>(name: K, type: string) => defaultState.takeFault(name, type);

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
