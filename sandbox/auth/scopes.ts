// The scopes the sandbox authorization server understands. oidc-provider silently drops scopes it does not
// know, so every accepted scope is listed here: OIDC scopes belong to the provider, the rest to the FHIR
// resource server (they end up in the JWT access token's `scope`).

export const OIDC_SCOPES = ['openid', 'fhirUser', 'profile', 'offline_access'];

export const CONTEXT_SCOPES = ['launch', 'launch/patient', 'launch/encounter', 'online_access'];

// The resource types the sandbox serves. Narrowed scopes (`patient/Observation.rs?category=...`) are not
// listed, so they are dropped from the grant: the token's `scope` tells the app what it really got.
const RESOURCE_TYPES = ['*', 'Patient', 'Encounter', 'Observation', 'Condition', 'MedicationRequest', 'Practitioner', 'Location'];
// SMART v2 read/search permissions and the v1 `.read` form; the sandbox is read-only.
const PERMISSIONS = ['rs', 'r', 's', 'read'];

export const CLINICAL_SCOPES = ['patient', 'user'].flatMap((level) =>
  RESOURCE_TYPES.flatMap((type) => PERMISSIONS.map((permission) => `${level}/${type}.${permission}`)),
);

export const RESOURCE_SCOPES = [...CONTEXT_SCOPES, ...CLINICAL_SCOPES];

export const SCOPES_SUPPORTED = [...OIDC_SCOPES, ...RESOURCE_SCOPES];

export function splitScope(scope: unknown): string[] {
  return typeof scope === 'string' ? [...new Set(scope.split(' ').filter(Boolean))] : [];
}

const oidcSet = new Set(OIDC_SCOPES);
const resourceSet = new Set(RESOURCE_SCOPES);

/** Splits requested scopes into what the provider grants as OIDC scopes and as FHIR resource scopes. */
export function partitionScopes(requested: string[]): { oidc: string[]; resource: string[] } {
  return {
    oidc: requested.filter((scope) => oidcSet.has(scope)),
    resource: requested.filter((scope) => resourceSet.has(scope)),
  };
}
