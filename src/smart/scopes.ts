// SMART scopes: build the request (v2 syntax by default, v1 for servers that only speak v1) and read what
// was GRANTED, which may be less than what was asked.

export interface ResourceScope {
  level: 'patient' | 'user' | 'system';
  resourceType: string; // or '*'
  read: boolean;
}

const RESOURCE_SCOPE = /^(patient|user|system)\/([A-Za-z]+|\*)\.([a-z*]+)(\?.*)?$/;

export function splitScopes(scope: string | undefined | null): string[] {
  return (scope ?? '').split(/\s+/).filter(Boolean);
}

export function parseResourceScope(scope: string): ResourceScope | undefined {
  const match = RESOURCE_SCOPE.exec(scope);
  if (!match) return undefined;
  const [, level, resourceType, permissions] = match as unknown as [string, ResourceScope['level'], string, string];
  const v1Read = permissions === 'read' || permissions === '*';
  const v2Read = /^c?r?u?d?s?$/.test(permissions) && permissions.includes('r');
  return { level, resourceType, read: v1Read || v2Read };
}

/** `patient/Observation.rs?category=…` → `patient/Observation.read` (v1 has no finer grain). */
export function toV1Scope(scope: string): string {
  const match = RESOURCE_SCOPE.exec(scope);
  if (!match) return scope;
  const [, level, type, permissions] = match;
  if (permissions === 'read' || permissions === 'write' || permissions === '*') return `${level}/${type}.${permissions}`;
  const read = /[rs]/.test(permissions ?? '');
  const write = /[cud]/.test(permissions ?? '');
  return `${level}/${type}.${read && write ? '*' : write ? 'write' : 'read'}`;
}

export type ScopeSyntax = 'v1' | 'v2';

/** v2 unless the server advertises only v1. */
export function scopeSyntaxFor(capabilities: readonly string[]): ScopeSyntax {
  return capabilities.includes('permission-v1') && !capabilities.includes('permission-v2') ? 'v1' : 'v2';
}

const OPENID_SCOPES = new Set(['openid', 'fhirUser', 'profile']);

/** The scopes to ask for; `openId: false` leaves out openid/fhirUser/profile (a server that cannot do OIDC). */
export function buildScope(configured: string, syntax: ScopeSyntax, mode: 'ehr' | 'standalone', openId = true): string {
  let scopes = splitScopes(configured);
  if (!openId) scopes = scopes.filter((s) => !OPENID_SCOPES.has(s));
  if (syntax === 'v1') scopes = scopes.map(toV1Scope);
  if (mode === 'ehr' && !scopes.includes('launch')) scopes.unshift('launch');
  if (mode === 'standalone') scopes = scopes.filter((s) => s !== 'launch');
  return [...new Set(scopes)].join(' ');
}

export interface GrantedScopes {
  readonly all: readonly string[];
  canRead(resourceType: string): boolean;
}

export function parseGrantedScopes(scope: string | undefined): GrantedScopes {
  const all = splitScopes(scope);
  const resources = all.map(parseResourceScope).filter((s): s is ResourceScope => s !== undefined);
  return {
    all,
    canRead: (resourceType) => resources.some((s) => s.read && (s.resourceType === '*' || s.resourceType === resourceType)),
  };
}
