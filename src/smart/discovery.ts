// SMART discovery: <iss>/.well-known/smart-configuration, validated; the CapabilityStatement `oauth-uris`
// extension (SMART v1) only for servers that have no .well-known document at all.
import { SmartLaunchError } from './errors';
import { isSecureUrl } from './issuer';

export interface SmartDiscovery {
  /** The authorization server's issuer (RFC 9207 / id_token `iss`), when advertised. */
  issuer?: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint?: string;
  /** RFC 7591 dynamic client registration. */
  registrationEndpoint?: string;
  jwksUri?: string;
  capabilities: string[];
  codeChallengeMethods: string[];
  scopesSupported?: string[];
  source: 'well-known' | 'capability-statement';
  /** Non-fatal problems worth showing an admin (e.g. S256 not advertised: PKCE S256 is sent anyway). */
  warnings: string[];
}

type Json = Record<string, unknown>;
const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';
const CAPABILITIES_EXT = 'http://fhir-registry.smarthealthit.org/StructureDefinition/capabilities';

const baseOf = (iss: string) => (iss.endsWith('/') ? iss : `${iss}/`);

function resolveUrl(value: unknown, iss: string, field: string, required: boolean): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) throw new SmartLaunchError('discovery_invalid', `smart-configuration has no "${field}".`);
    return undefined;
  }
  let url: URL;
  try {
    if (typeof value !== 'string') throw new Error('not a string');
    url = new URL(value, baseOf(iss));
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http');
  } catch {
    throw new SmartLaunchError('discovery_invalid', `smart-configuration "${field}" is not a valid URL.`);
  }
  if (!isSecureUrl(url)) throw new SmartLaunchError('discovery_invalid', `smart-configuration "${field}" must use https (${url.origin}).`);
  return url.href;
}

const stringList = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;

export function validateSmartConfiguration(raw: unknown, iss: string): SmartDiscovery {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SmartLaunchError('discovery_invalid', 'smart-configuration is not a JSON object.');
  }
  const doc = raw as Json;
  const capabilities = stringList(doc.capabilities);
  if (!capabilities) throw new SmartLaunchError('discovery_invalid', 'smart-configuration has no "capabilities" list.');
  const warnings: string[] = [];
  const grantTypes = stringList(doc.grant_types_supported);
  if (grantTypes && !grantTypes.includes('authorization_code')) {
    throw new SmartLaunchError('discovery_invalid', 'The server does not support the authorization_code grant.');
  }
  if (!grantTypes) warnings.push('grant_types_supported is missing.');
  const methods = stringList(doc.code_challenge_methods_supported) ?? [];
  if (!methods.includes('S256')) warnings.push('S256 is not advertised; PKCE S256 is sent anyway.');
  const openId = capabilities.includes('sso-openid-connect');
  const issuer = typeof doc.issuer === 'string' && doc.issuer ? doc.issuer : undefined;
  if (openId && !issuer) throw new SmartLaunchError('discovery_invalid', 'smart-configuration has no "issuer" (required with sso-openid-connect).');
  return {
    issuer,
    authorizationEndpoint: resolveUrl(doc.authorization_endpoint, iss, 'authorization_endpoint', true)!,
    tokenEndpoint: resolveUrl(doc.token_endpoint, iss, 'token_endpoint', true)!,
    revocationEndpoint: resolveUrl(doc.revocation_endpoint, iss, 'revocation_endpoint', false),
    registrationEndpoint: resolveUrl(doc.registration_endpoint, iss, 'registration_endpoint', false),
    jwksUri: resolveUrl(doc.jwks_uri, iss, 'jwks_uri', openId),
    capabilities,
    codeChallengeMethods: methods,
    scopesSupported: stringList(doc.scopes_supported),
    source: 'well-known',
    warnings,
  };
}

export function fromCapabilityStatement(raw: unknown, iss: string): SmartDiscovery {
  const rests = (raw as { rest?: { security?: { extension?: Json[] } }[] } | undefined)?.rest ?? [];
  const extensions = rests.flatMap((rest) => rest.security?.extension ?? []);
  const oauth = extensions.find((e) => e.url === OAUTH_URIS);
  const uris = new Map(
    ((oauth?.extension as Json[] | undefined) ?? []).map((e) => [e.url as string, e.valueUri ?? e.valueUrl]),
  );
  if (!oauth) throw new SmartLaunchError('discovery_failed', 'The server publishes no SMART configuration.');
  const capabilities = extensions.filter((e) => e.url === CAPABILITIES_EXT).map((e) => String(e.valueCode));
  // This route is SMART v1: unless the server says otherwise, it speaks v1 scopes.
  if (!capabilities.includes('permission-v1') && !capabilities.includes('permission-v2')) capabilities.push('permission-v1');
  return {
    authorizationEndpoint: resolveUrl(uris.get('authorize'), iss, 'authorize', true)!,
    tokenEndpoint: resolveUrl(uris.get('token'), iss, 'token', true)!,
    revocationEndpoint: resolveUrl(uris.get('revoke'), iss, 'revoke', false),
    registrationEndpoint: resolveUrl(uris.get('register'), iss, 'register', false),
    capabilities,
    codeChallengeMethods: [],
    source: 'capability-statement',
    warnings: ['Discovered through the CapabilityStatement (SMART v1); PKCE S256 is sent anyway.'],
  };
}

async function getJson(url: string, fetchImpl: typeof fetch, signal?: AbortSignal): Promise<{ status: number; body?: unknown }> {
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { Accept: 'application/json' }, signal });
  } catch {
    throw new SmartLaunchError('discovery_failed', `Could not reach ${url}.`);
  }
  if (!response.ok) return { status: response.status };
  try {
    return { status: response.status, body: await response.json() };
  } catch {
    throw new SmartLaunchError('discovery_invalid', `${url} did not return JSON.`);
  }
}

export async function discover(iss: string, fetchImpl: typeof fetch = fetch, signal?: AbortSignal): Promise<SmartDiscovery> {
  const wellKnown = await getJson(`${baseOf(iss)}.well-known/smart-configuration`, fetchImpl, signal);
  if (wellKnown.body !== undefined) return validateSmartConfiguration(wellKnown.body, iss);
  if (wellKnown.status !== 404) {
    throw new SmartLaunchError('discovery_failed', `smart-configuration answered HTTP ${wellKnown.status}.`);
  }
  const metadata = await getJson(`${baseOf(iss)}metadata`, fetchImpl, signal);
  if (metadata.body === undefined) {
    throw new SmartLaunchError('discovery_failed', `Neither smart-configuration nor metadata is available (HTTP ${metadata.status}).`);
  }
  return fromCapabilityStatement(metadata.body, iss);
}
