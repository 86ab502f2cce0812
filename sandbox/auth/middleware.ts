// Koa middleware wrapped around oidc-provider's own routes (provider.use runs before and after them).
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { stats } from '../knobs';
import type { ContextStore } from './launch';

export function installMiddleware(provider: Provider, contexts: ContextStore): void {
  provider.use(async (koaCtx, next) => {
    await next();
    const ctx = koaCtx as unknown as KoaContextWithOIDC;
    if (ctx.oidc?.route === 'token') {
      addSmartContext(ctx, contexts);
    }
  });
}

/** Counts token requests and adds SMART launch context to successful token responses. */
function addSmartContext(ctx: KoaContextWithOIDC, contexts: ContextStore): void {
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
