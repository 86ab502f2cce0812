// Koa middleware wrapped around oidc-provider's own routes (provider.use runs before and after them): SMART
// context on token responses, counters, the prompt=none knob, and revocation of JWT access tokens.
import type { IncomingMessage } from 'node:http';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { SandboxState } from '../knobs';
import type { ContextStore } from './launch';
import type { RevocationList } from './revocations';

export interface MiddlewareDeps {
  contexts: ContextStore;
  state: SandboxState;
  revocations: RevocationList;
  /** Authorization requests to which the sandbox itself added `prompt=consent` (see server.ts). */
  promptAdded: WeakSet<IncomingMessage>;
  /** Verifies a JWT access token this provider issued; undefined when it is not one. */
  verifyAccessToken(token: string): Promise<{ jti?: string; client_id?: unknown } | undefined>;
  /** The dynamic registration endpoint's path, when the profile has one. */
  registrationPath?: string;
  /** Origins that may register from a browser. */
  registrationOrigins: Set<string>;
}

export function installMiddleware(provider: Provider, deps: MiddlewareDeps): void {
  provider.use(async (koaCtx, next) => {
    if (deps.registrationPath && koaCtx.path === deps.registrationPath) return registration(koaCtx as unknown as KoaContextWithOIDC, next, deps);
    await next();
    const ctx = koaCtx as unknown as KoaContextWithOIDC;
    switch (ctx.oidc?.route) {
      case 'token':
        return addSmartContext(ctx, deps);
      case 'authorization':
        return afterAuthorization(ctx, deps);
      case 'revocation':
        return afterRevocation(ctx, deps);
    }
  });
}

/** Counts token requests and adds SMART launch context to successful token responses. */
function addSmartContext(ctx: KoaContextWithOIDC, { contexts, state: { stats } }: MiddlewareDeps): void {
  const params = ctx.oidc.params ?? {};
  const grantType = params.grant_type;
  if (grantType === 'authorization_code' || grantType === 'refresh_token') stats.tokenRequests[grantType] += 1;
  if (ctx.status !== 200) {
    stats.tokenRequests.failed += 1;
    return;
  }
  if (typeof ctx.body !== 'object' || ctx.body === null) return;
  const body = ctx.body as Record<string, unknown>;
  const { AuthorizationCode, RefreshToken, Grant } = ctx.oidc.entities;
  const source = grantType === 'authorization_code' ? AuthorizationCode : RefreshToken;
  // oidc-provider reports only the access token's resource scopes; SMART apps expect every granted scope
  // (openid, fhirUser, offline_access, launch/patient ...).
  const granted = typeof params.scope === 'string' ? params.scope : source?.scope;
  if (granted) body.scope = granted;
  const context = contexts.get(Grant?.jti);
  if (!context) return;
  Object.assign(body, {
    patient: context.patient,
    encounter: context.encounter,
    need_patient_banner: context.needPatientBanner,
    smart_style_url: context.smartStyleUrl,
  });
}

/** Counts the request by the prompt the client sent; with promptNoneRequiresHint, refuses prompt=none without a hint. */
function afterAuthorization(ctx: KoaContextWithOIDC, { state, promptAdded }: MiddlewareDeps): void {
  const params = ctx.oidc.params ?? {};
  const raw = params.prompt ?? ctx.query.prompt;
  const prompt = promptAdded.has(ctx.req) || typeof raw !== 'string' ? undefined : raw;
  state.recordAuthorize(prompt);
  if (!state.knobs.promptNoneRequiresHint || prompt?.split(' ').includes('none') !== true || params.id_token_hint) return;
  // A JSON error page on the server's own address, not a redirect back to the app.
  ctx.remove('Location');
  ctx.status = 400;
  ctx.type = 'application/json';
  ctx.body = { error: 'invalid_request', error_description: 'id_token_hint is required when prompt=none' };
}

/**
 * Counts revocations by token type. oidc-provider refuses to revoke JWT access tokens (unsupported_token_type);
 * the sandbox revokes them itself, as oidc-provider does for opaque ones: every token of the grant.
 */
async function afterRevocation(ctx: KoaContextWithOIDC, deps: MiddlewareDeps): Promise<void> {
  const { revocations, state: { stats } } = deps;
  const { AccessToken, RefreshToken } = ctx.oidc.entities;
  if (ctx.status === 200) {
    // oidc-provider found the token; it revoked it unless it belongs to another client (allowedPolicy).
    const found = AccessToken ?? RefreshToken;
    const value = ctx.oidc.params?.token;
    const { provider } = ctx.oidc;
    const find = (token: string) => (AccessToken ? provider.AccessToken.find(token) : provider.RefreshToken.find(token));
    const stillValid = found && typeof value === 'string' && (await find(value));
    if (!found || stillValid) {
      stats.revocations.unknown += 1;
      return;
    }
    if (found.grantId) revocations.revokeGrant(found.grantId);
    stats.revocations[AccessToken ? 'access_token' : 'refresh_token'] += 1;
    return;
  }
  const error = (ctx.body as { error?: unknown } | undefined)?.error;
  const client = ctx.oidc.client;
  const token = ctx.oidc.params?.token;
  if (error !== 'unsupported_token_type' || !client || typeof token !== 'string') return;
  const claims = await deps.verifyAccessToken(token);
  const grantId = claims?.jti ? revocations.grantOf(claims.jti) : undefined;
  // RFC 7009: an unknown token, or another client's, is answered 200 all the same.
  if (grantId && claims?.client_id === client.clientId) {
    const { provider } = ctx.oidc;
    await Promise.all([provider.RefreshToken, provider.AuthorizationCode].map((model) => model.revokeByGrantId(grantId)));
    revocations.revokeGrant(grantId);
    stats.revocations.access_token += 1;
  } else {
    stats.revocations.unknown += 1;
  }
  ctx.status = 200;
  ctx.body = '';
}

/**
 * Dynamic registration from a browser: oidc-provider has no CORS on its registration endpoint, so the sandbox
 * answers it for the app origins (public clients only: see checkRegistration in provider.ts). Counts them.
 */
async function registration(ctx: KoaContextWithOIDC, next: () => Promise<unknown>, deps: MiddlewareDeps): Promise<void> {
  const origin = ctx.get('Origin');
  const allowed = origin !== '' && deps.registrationOrigins.has(origin);
  if (allowed) {
    ctx.set('Access-Control-Allow-Origin', origin);
    ctx.vary('Origin');
  }
  if (ctx.method === 'OPTIONS') {
    if (allowed) {
      ctx.set('Access-Control-Allow-Methods', 'POST');
      ctx.set('Access-Control-Allow-Headers', ctx.get('Access-Control-Request-Headers') || 'content-type');
      ctx.set('Access-Control-Max-Age', '600');
    }
    ctx.status = 204;
    return;
  }
  await next();
  if (ctx.status === 201) deps.state.stats.registrations += 1;
}
