// oidc-provider configured as a SMART authorization server: one public client, PKCE S256, rotating refresh
// tokens, JWT access tokens for the FHIR base (resource indicators), SMART context on the token response.
import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import Provider, { errors, interactionPolicy, type Configuration, type Grant, type KoaContextWithOIDC } from 'oidc-provider';
import { CLIENT_ID } from '../ports';
import { knobs } from '../knobs';
import { escapeHtml, htmlPage, pageCsp } from './html';
import { OIDC_SCOPES, RESOURCE_SCOPES, partitionScopes, splitScope } from './scopes';
import { decodeLaunch, launchContext, type ContextStore, type SmartContext } from './launch';
import { installMiddleware } from './middleware';

export interface Practitioner {
  id: string;
  name: string;
}

export interface ProviderOptions {
  issuer: string;
  fhirBase: string;
  redirectUris: string[];
  contexts: ContextStore;
  practitioners: Practitioner[];
  /** Patient ids an EHR launch may name. */
  patientIds: string[];
  /** smart_style_url when the launch names none. */
  smartStyleUrl: string;
}

export const ROUTES = {
  authorization: '/auth',
  token: '/token',
  jwks: '/jwks',
  revocation: '/token/revocation',
  userinfo: '/me',
} as const;

async function signingKey() {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}

export async function createProvider(options: ProviderOptions): Promise<Provider> {
  const { issuer, fhirBase, redirectUris, contexts } = options;
  const practitioners = new Map(options.practitioners.map((p) => [p.id, p]));
  const appOrigins = new Set(redirectUris.map((uri) => new URL(uri).origin));
  const patientIds = new Set(options.patientIds);

  /** The launch of a request, if it has a `launch` parameter naming a known patient and user. */
  function requestLaunch(ctx: KoaContextWithOIDC) {
    const value = ctx.oidc.params?.launch;
    if (typeof value !== 'string') return undefined;
    const launch = decodeLaunch(value);
    return launch && patientIds.has(launch.patient) && practitioners.has(launch.user) ? launch : null;
  }

  /**
   * Silent re-authorization (prompt=none): a fresh grant for the session's user with the requested scopes,
   * if the user's last grant for this client covers them. It carries the context of the `launch` parameter
   * (EHR launch) or else the context of that grant.
   */
  async function resumeGrant(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
    const { session, client, provider } = ctx.oidc;
    const accountId = session?.accountId;
    if (!accountId || !client) return undefined;
    const previousId = session.grantIdFor(client.clientId);
    const previous = previousId ? await provider.Grant.find(previousId) : undefined;
    const previousContext = contexts.get(previousId);
    if (!previous || !previousContext || previous.accountId !== accountId) return undefined;
    const requested = splitScope(ctx.oidc.params?.scope);
    const { oidc, resource } = partitionScopes(requested);
    const grantedOidc = new Set(splitScope(previous.getOIDCScope()));
    const grantedResource = new Set(splitScope(previous.getResourceScope(fhirBase)));
    if (!oidc.every((s) => grantedOidc.has(s)) || !resource.every((s) => grantedResource.has(s))) return undefined;
    const launch = requestLaunch(ctx);
    if (launch === null || (launch && launch.user !== accountId)) return undefined;
    const context: SmartContext = launch ? launchContext(launch, requested, options.smartStyleUrl) : previousContext;
    const grant = new provider.Grant({ accountId, clientId: client.clientId });
    if (oidc.length) grant.addOIDCScope(oidc.join(' '));
    if (resource.length) grant.addResourceScope(fhirBase, resource.join(' '));
    contexts.set(await grant.save(), context);
    return grant;
  }

  // Every interactive request goes to the sign-in interaction (standalone: choose a user/patient each time;
  // EHR: sign in as the launch's user), even with a browser session. Only prompt=none may go without it:
  // it then needs the session (login_required otherwise) and a grant covering the request (resumeGrant).
  const policy = interactionPolicy.base();
  policy.get('login')?.checks.add(new interactionPolicy.Check(
    'interactive_request',
    'End-User authentication is required',
    'login_required',
    (ctx) => {
      if (ctx.oidc.result?.login) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      if (!ctx.oidc.prompts.has('none')) return interactionPolicy.Check.REQUEST_PROMPT;
      // prompt=none with a launch for someone other than the session's user (or an unknown launch).
      const launch = requestLaunch(ctx);
      if (launch === null || (launch && launch.user !== ctx.oidc.session?.accountId)) return interactionPolicy.Check.REQUEST_PROMPT;
      return interactionPolicy.Check.NO_NEED_TO_PROMPT;
    },
  ));

  const configuration: Configuration = {
    clients: [
      {
        client_id: CLIENT_ID,
        client_name: 'SMART Chart',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: redirectUris,
      },
    ],
    jwks: { keys: [await signingKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    routes: ROUTES,
    scopes: OIDC_SCOPES,
    claims: { openid: ['sub'], profile: ['name'], fhirUser: ['fhirUser'] },
    async findAccount(_ctx, id) {
      const practitioner = practitioners.get(id);
      if (!practitioner) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, name: practitioner.name, fhirUser: `Practitioner/${id}` }),
      };
    },
    extraParams: {
      launch: null,
      // SMART: `aud` names the FHIR server the token is for; a wrong one must not silently get a token.
      aud(_ctx, value) {
        if (value !== fhirBase) throw new errors.InvalidRequest(`aud must be ${fhirBase}`);
      },
    },
    features: {
      devInteractions: { enabled: false },
      // A client may revoke only its own tokens (others are ignored, as RFC 7009 allows).
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => fhirBase,
        // The app never sends `resource`: tokens are always for the FHIR base it was granted for.
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, indicator) {
          if (indicator !== fhirBase) throw new errors.InvalidTarget();
          return {
            audience: fhirBase,
            accessTokenFormat: 'jwt',
            accessTokenTTL: knobs.accessTokenTtl,
            scope: RESOURCE_SCOPES.join(' '),
          };
        },
      },
    },
    interactions: { policy, url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // After the interaction: the grant it made (with its own patient/encounter context). Without one, only
    // prompt=none may reuse an earlier approval; interactive requests never reach this (see the policy).
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId;
      if (typeof grantId === 'string') return ctx.oidc.provider.Grant.find(grantId);
      return ctx.oidc.prompts.has('none') ? resumeGrant(ctx) : undefined;
    },
    // SMART clients get a refresh token with or without offline_access (online_access semantics).
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    expiresWithSession: () => false,
    async extraTokenClaims(_ctx, token) {
      const context = 'grantId' in token ? contexts.get(token.grantId) : undefined;
      if (!context) return undefined;
      return { patient: context.patient, encounter: context.encounter, fhirUser: context.fhirUser };
    },
    clientBasedCORS: (_ctx, origin) => appOrigins.has(origin),
    pkce: { required: () => true },
    ttl: {
      AccessToken: () => knobs.accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: 3600,
      Grant: 24 * 3600,
      // A rotated refresh token keeps the remaining lifetime of the one it replaces (absolute lifetime).
      RefreshToken: (ctx) => ctx?.oidc?.entities.RotatedRefreshToken?.remainingTTL ?? 24 * 3600,
    },
    // Errors that cannot go back to the app (e.g. an unregistered redirect_uri) end on this page.
    renderError(ctx: KoaContextWithOIDC, out) {
      ctx.type = 'html';
      ctx.set('Content-Security-Policy', pageCsp());
      const text = `<code>${escapeHtml(out.error)}</code>: ${escapeHtml(out.error_description)}`;
      ctx.body = htmlPage('Sign-in error', `<main><h1>Sign-in error</h1><p role="alert">${text}</p></main>`);
    },
  };

  const provider = new Provider(issuer, configuration);
  installMiddleware(provider, contexts);
  return provider;
}
