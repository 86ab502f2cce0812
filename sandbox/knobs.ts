// Test knobs and counters shared by the sandbox servers. All off by default; tests set them over HTTP
// (POST /__sandbox/knobs on the auth server) and read counters from GET /__sandbox/stats.
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
}

export const defaultKnobs = (): Knobs => ({
  accessTokenTtl: 3600,
  refuseNextTokenRequests: 0,
  refuseWith: 'invalid_grant',
  latencyMs: 0,
  rejectTokensIssuedBefore: 0,
});

export interface Stats {
  tokenRequests: { authorization_code: number; refresh_token: number; failed: number };
  fhirRequests: number;
}

export const defaultStats = (): Stats => ({
  tokenRequests: { authorization_code: 0, refresh_token: 0, failed: 0 },
  fhirRequests: 0,
});

export const knobs: Knobs = defaultKnobs();
export const stats: Stats = defaultStats();

export function setKnobs(patch: Partial<Knobs>): Knobs {
  for (const [key, value] of Object.entries(patch)) {
    if (key in knobs && typeof value === typeof knobs[key as keyof Knobs]) {
      (knobs as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return knobs;
}

export function resetSandboxState(): void {
  Object.assign(knobs, defaultKnobs());
  Object.assign(stats, defaultStats());
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
