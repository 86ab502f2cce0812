// The HTTP headers the app must be served with, derived from smart-config.json: the sandbox's static server
// uses them, and `npm run headers` writes the production examples (nginx.conf, _headers) from the same function.

export interface HeaderConfig {
  servers: { issuer?: string; authOrigins?: string[] }[];
  ehrOrigins?: string[];
}

const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};

/** Origins the app talks to: each FHIR server (exact issuers) and its authorization server(s). */
export function connectOrigins(config: HeaderConfig): string[] {
  const origins = config.servers.flatMap((s) => [s.issuer, ...(s.authOrigins ?? [])].map((u) => (u ? originOf(u) : undefined)));
  return [...new Set(origins.filter((o): o is string => !!o))].sort();
}

export function contentSecurityPolicy(config: HeaderConfig): string {
  const connect = connectOrigins(config);
  const auth = [...new Set(config.servers.flatMap((s) => (s.authOrigins ?? []).map(originOf)).filter((o): o is string => !!o))].sort();
  const ehr = [...new Set((config.ehrOrigins ?? []).map(originOf).filter((o): o is string => !!o))].sort();
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", ...connect]],
    // Authorize by form POST (`authorize-post`) submits to the authorization server.
    ['form-action', ["'self'", ...auth]],
    // Silent re-authorization after a reload runs in a hidden frame on the authorization server.
    ['frame-src', ["'self'", ...connect]],
    ['frame-ancestors', ["'self'", ...ehr]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

export function securityHeaders(config: HeaderConfig): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(config),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  };
}
