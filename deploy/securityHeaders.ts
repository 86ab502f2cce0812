// The HTTP headers the app must be served with, derived from smart-config.json. The sandbox's static server
// uses them, and `npm run nginx-config` writes them into the nginx headers snippet.

export interface HeaderServer {
  issuer?: string;
  issuerPattern?: string;
  authOrigins?: string[];
  fhirOrigins?: string[];
  jwksOrigins?: string[];
  styleOrigins?: string[];
}

export interface HeaderConfig {
  servers: HeaderServer[];
  ehrOrigins?: string[];
}

/** The CSP source for a URL or origin (host wildcards such as `https://*.ehr.example.com` are kept). */
const originOf = (url: string): string | undefined => {
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? origin : undefined;
  } catch {
    return undefined;
  }
};

const sources = (urls: (string | undefined)[]): string[] =>
  [...new Set(urls.map((u) => (u ? originOf(u) : undefined)).filter((o): o is string => !!o))].sort();

/**
 * The origin every `iss` an `issuerPattern` can match starts with, when the pattern spells it out literally
 * (`https://ehr\.example\.com/[a-z0-9-]+/fhir` → `https://ehr.example.com`); undefined when the host varies.
 */
export function patternOrigin(pattern: string): string | undefined {
  const match = /^\^?(https?):\/\/((?:[a-z0-9-]|\\\.)+)((?::\d+)?)\//i.exec(pattern);
  if (!match) return undefined;
  return originOf(`${match[1]}://${match[2]!.replaceAll('\\.', '.')}${match[3]}`);
}

/** The FHIR origins of a server: its issuer's, the one its pattern spells out, and the configured ones. */
export function fhirOriginsOf(server: HeaderServer): string[] {
  return sources([server.issuer, server.issuerPattern ? patternOrigin(server.issuerPattern) : undefined, ...(server.fhirOrigins ?? [])]);
}

/** Indexes of the `issuerPattern` servers whose FHIR origin is neither derivable nor configured (`fhirOrigins`). */
export function serversWithoutFhirOrigin(config: HeaderConfig): number[] {
  return config.servers.flatMap((server, i) => (server.issuerPattern && fhirOriginsOf(server).length === 0 ? [i] : []));
}

/**
 * Origins the app fetches from: each FHIR server, its authorization server(s), the JWKS (id_token keys) and the
 * EHR's style file.
 */
export function connectOrigins(config: HeaderConfig): string[] {
  return sources(
    config.servers.flatMap((s) => [...fhirOriginsOf(s), ...(s.authOrigins ?? []), ...(s.jwksOrigins ?? []), ...(s.styleOrigins ?? [])]),
  );
}

/**
 * Origins a form may be posted to: authorize by POST (`authorize-post`) goes to the authorization server, which
 * is often on the FHIR server's origin. Chromium checks the redirects after the POST too, so `authOrigins`
 * should name every origin the sign-in passes through.
 */
export function formActionOrigins(config: HeaderConfig): string[] {
  return sources(config.servers.flatMap((s) => [...fhirOriginsOf(s), ...(s.authOrigins ?? [])]));
}

export function contentSecurityPolicy(config: HeaderConfig): string {
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", ...connectOrigins(config)]],
    // The session's tokens live in a module Worker loaded from the app's own origin.
    ['worker-src', ["'self'"]],
    ['form-action', ["'self'", ...formActionOrigins(config)]],
    // Silent re-authorization after a reload runs in a hidden frame on the authorization server.
    ['frame-src', ["'self'", ...formActionOrigins(config)]],
    ['frame-ancestors', ["'self'", ...sources(config.ehrOrigins ?? [])]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** One year; no `includeSubDomains` (other hosts of the hospital's domain may still need plain HTTP). */
export const HSTS = 'max-age=31536000';

export function securityHeaders(config: HeaderConfig, options: { tls?: boolean } = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(config),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(options.tls ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}
