// The scopes a sandbox authorization server understands (per profile). oidc-provider silently drops scopes it
// does not know, so every accepted scope is listed: OIDC scopes belong to the provider, the rest to the FHIR
// resource server (they end up in the access token's `scope`). Narrowed scopes
// (`patient/Observation.rs?category=...`) are not listed, so they are dropped from the grant: the token's
// `scope` tells the app what it really got.
import type { Profile } from '../profiles/profiles';

export function splitScope(scope: unknown): string[] {
  return typeof scope === 'string' ? [...new Set(scope.split(' ').filter(Boolean))] : [];
}

export interface ScopePolicy {
  oidc: readonly string[];
  resource: readonly string[];
  supported: readonly string[];
  /** Splits requested scopes into what the provider grants as OIDC scopes and as FHIR resource scopes. */
  partition(requested: string[]): { oidc: string[]; resource: string[] };
}

export function scopePolicy(profile: Pick<Profile, 'oidcScopes' | 'resourceScopes'>): ScopePolicy {
  const oidcSet = new Set(profile.oidcScopes);
  const resourceSet = new Set(profile.resourceScopes);
  return {
    oidc: profile.oidcScopes,
    resource: profile.resourceScopes,
    supported: [...profile.oidcScopes, ...profile.resourceScopes],
    partition: (requested) => ({
      oidc: requested.filter((scope) => oidcSet.has(scope)),
      resource: requested.filter((scope) => resourceSet.has(scope)),
    }),
  };
}
