import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Knobs } from '../knobs';
import { HttpError } from './http';

export const unauthorized = (message: string) =>
  new HttpError(401, 'login', message, { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${message}"` });
export const forbidden = (message: string) =>
  new HttpError(403, 'forbidden', message, { 'WWW-Authenticate': 'Bearer error="insufficient_scope"' });

export interface Grant {
  context: 'patient' | 'user' | 'system';
  type: string;
  /** SMART v2 permission letters (c r u d s); v1 `read` means r + s. */
  permissions: Set<string>;
}

export interface AccessContext {
  grants: Grant[];
  /** The token's `patient` claim (launch context). */
  patient?: string;
}

const SCOPE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.(read|write|\*|[cruds]+)(\?.*)?$/;

/** SMART v1 and v2 resource scopes; a `?category=...` suffix is treated as granting the whole type. */
export function parseScopes(scope: string): Grant[] {
  const grants: Grant[] = [];
  for (const token of scope.split(/\s+/)) {
    const match = SCOPE.exec(token);
    if (!match) continue;
    const [, context, type, perms] = match;
    const letters = perms === 'read' ? 'rs' : perms === 'write' ? 'cud' : perms === '*' ? 'cruds' : perms;
    grants.push({ context: context as Grant['context'], type, permissions: new Set(letters) });
  }
  return grants;
}

/**
 * Which grant covers this interaction: undefined when none (403), 'all' for user/system scopes, otherwise the
 * patient id the access is limited to.
 */
export function coverage(ctx: AccessContext, resourceType: string, interaction: 'read' | 'search'): 'all' | { patient: string } {
  const letter = interaction === 'read' ? 'r' : 's';
  const covering = ctx.grants.filter((g) => (g.type === '*' || g.type === resourceType) && g.permissions.has(letter));
  if (!covering.length) throw forbidden(`No scope grants ${interaction} access to ${resourceType}`);
  if (covering.some((g) => g.context !== 'patient')) return 'all';
  if (!ctx.patient) throw forbidden('Patient-level scope but the token has no patient context');
  return { patient: ctx.patient };
}

export interface TokenVerifier {
  verify(authorization: string | undefined): Promise<AccessContext>;
}

export interface TokenVerifierOptions {
  issuer: string;
  jwksUri: string;
  audience: string;
  knobs: Knobs;
  /** Whether the authorization server revoked this JWT access token (by jti). */
  isRevoked?: (jti: string | undefined) => boolean;
  /**
   * Opaque access tokens (the epic profile): looked up at the authorization server instead of verified as JWTs;
   * undefined when the token is unknown, expired or revoked.
   */
  lookup?: (token: string) => Promise<{ scope: string; patient?: string; audience: string[]; iat: number } | undefined>;
}

export function tokenVerifier(opts: TokenVerifierOptions): TokenVerifier {
  const { knobs } = opts;
  // A short cooldown so a restarted authorization server's new key is picked up at once.
  const jwks = createRemoteJWKSet(new URL(opts.jwksUri), { cooldownDuration: 1_000 });
  const audience = opts.audience.replace(/\/$/, '');
  return {
    async verify(authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
      if (!match) throw unauthorized('Missing bearer token');
      if (opts.lookup) {
        const token = await opts.lookup(match[1]);
        if (!token) throw unauthorized('Invalid, expired or revoked access token');
        if (!token.audience.includes(audience)) throw unauthorized('Access token for another audience');
        if (knobs.rejectTokensIssuedBefore > 0 && token.iat < knobs.rejectTokensIssuedBefore) throw unauthorized('Access token revoked');
        return { grants: parseScopes(token.scope), patient: token.patient };
      }
      let payload: JWTPayload;
      try {
        // iat and exp are whole seconds: a 1-second token issued late in a second would be expired on arrival.
        ({ payload } = await jwtVerify(match[1], jwks, { issuer: opts.issuer, audience: [audience, `${audience}/`], clockTolerance: 1 }));
      } catch (err) {
        // JWKS unreachable is a server problem, not a bad token: do not make the app drop its session for it.
        if (err instanceof errors.JWKSTimeout || !(err instanceof errors.JOSEError)) {
          throw new HttpError(503, 'transient', 'Cannot fetch the authorization server keys', { 'Retry-After': '1' });
        }
        throw unauthorized(err.code === 'ERR_JWT_EXPIRED' ? 'Access token expired' : `Invalid access token (${err.code})`);
      }
      if (knobs.rejectTokensIssuedBefore > 0 && (payload.iat ?? 0) < knobs.rejectTokensIssuedBefore) {
        throw unauthorized('Access token revoked');
      }
      if (opts.isRevoked?.(payload.jti)) throw unauthorized('Access token revoked');
      const scope = typeof payload.scope === 'string' ? payload.scope : '';
      const patient = typeof payload.patient === 'string' ? payload.patient : undefined;
      return { grants: parseScopes(scope), patient };
    },
  };
}
