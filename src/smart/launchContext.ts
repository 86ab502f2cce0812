// The SMART launch context, typed. Captured once from the token response at sign-in and kept for the session
// (oidc-client-ts drops these fields from its User, and refresh responses need not repeat them).
import { parseGrantedScopes, type GrantedScopes } from './scopes';

export interface FhirContextItem {
  reference?: string;
  canonical?: string;
  identifier?: unknown;
  type?: string;
  role?: string;
}

export interface LaunchContext {
  fhirBaseUrl: string;
  patientId?: string;
  encounterId?: string;
  /** Absolute URL of the signed-in user's FHIR resource, and its relative form. */
  fhirUser?: { url: string; reference: string; resourceType: string };
  needPatientBanner: boolean;
  smartStyleUrl?: string;
  fhirContext: FhirContextItem[];
  intent?: string;
  tenant?: string;
  scopes: GrantedScopes;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function resolveFhirUser(value: unknown, fhirBaseUrl: string): LaunchContext['fhirUser'] {
  const raw = str(value);
  if (!raw) return undefined;
  const base = fhirBaseUrl.endsWith('/') ? fhirBaseUrl : `${fhirBaseUrl}/`;
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return undefined;
  }
  const parts = url.pathname.split('/').filter(Boolean);
  const [resourceType, id] = parts.slice(-2);
  if (!resourceType || !id || !/^[A-Z][A-Za-z]+$/.test(resourceType)) return undefined;
  return { url: url.href, reference: `${resourceType}/${id}`, resourceType };
}

/** The context without the page's scope helper: what crosses the token vault's boundary. */
export type PlainLaunchContext = Omit<LaunchContext, 'scopes'> & { grantedScope: string };

/** `tokenResponse` is the raw token endpoint JSON; `idTokenClaims` are the VERIFIED id_token claims, if any. */
export function readLaunchContext(
  tokenResponse: Record<string, unknown>,
  fhirBaseUrl: string,
  idTokenClaims?: Record<string, unknown>,
): PlainLaunchContext {
  const banner = tokenResponse.need_patient_banner;
  const fhirContext = Array.isArray(tokenResponse.fhirContext)
    ? (tokenResponse.fhirContext.filter((item) => typeof item === 'object' && item !== null) as FhirContextItem[])
    : [];
  return {
    fhirBaseUrl,
    patientId: str(tokenResponse.patient),
    encounterId: str(tokenResponse.encounter),
    fhirUser: resolveFhirUser(idTokenClaims?.fhirUser ?? idTokenClaims?.profile, fhirBaseUrl),
    needPatientBanner: banner === false || banner === 'false' ? false : true,
    smartStyleUrl: str(tokenResponse.smart_style_url),
    fhirContext: structuredClone(fhirContext),
    intent: str(tokenResponse.intent),
    tenant: str(tokenResponse.tenant),
    grantedScope: str(tokenResponse.scope) ?? '',
  };
}

/** The page's view of a context that came from the vault. */
export function withScopes({ grantedScope, ...context }: PlainLaunchContext): LaunchContext {
  return { ...context, scopes: parseGrantedScopes(grantedScope) };
}

export function toLaunchContext(
  tokenResponse: Record<string, unknown>,
  fhirBaseUrl: string,
  idTokenClaims?: Record<string, unknown>,
): LaunchContext {
  return withScopes(readLaunchContext(tokenResponse, fhirBaseUrl, idTokenClaims));
}
