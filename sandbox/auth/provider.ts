// oidc-provider configured as a SMART authorization server for one profile: public clients (pre-registered, or
// registered dynamically), PKCE S256, rotating refresh tokens whose reuse revokes the grant, JWT or opaque access
// tokens for the FHIR base (resource indicators), SMART context on the token response.
import type { IncomingMessage } from 'node:http';
import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import Provider, { errors, interactionPolicy, type Configuration, type Grant, type KoaContextWithOIDC } from 'oidc-provider';
import type { SandboxState } from '../knobs';
import type { Profile } from '../profiles/profiles';
import { saveGrant, type GrantStore } from './grants';
import { escapeHtml, htmlPage, pageCsp } from './html';
import { decodeLaunch, launchContext, type ContextPolicy, type ContextStore, type SmartContext } from './launch';
import { installMiddleware } from './middleware';
import type { RevocationList } from './revocations';
import { splitScope, type ScopePolicy } from './scopes';

export interface Practitioner {
  id: string;
  name: string;
}

/** A pre-registered public client. */
export interface PublicClient {
  client_id: string;
  client_name: string;
  redirect_uris: string[];
}

export interface ProviderOptions {
  issuer: string;
  fhirBase: string;
  profile: Profile;
  scopes: ScopePolicy;
  /** fhirUser format, patient context, default style. */
  contextPolicy: ContextPolicy;
  clients: PublicClient[];
  contexts: ContextStore;
  practitioners: Practitioner[];
  /** Patient ids an EHR launch may name. */
  patientIds: string[];
  state: SandboxState;
  revocations: RevocationList;
  /** Authorization requests to which the sandbox itself added `prompt=consent`. */
  promptAdded: WeakSet<IncomingMessage>;
  /** Origins that may register clients from a browser (CORS at the registration endpoint). */
  registrationOrigins: Set<string>;
}

/** An access token the provider issued, as the FHIR server needs it (the lookup of an opaque token). */
export interface IssuedAccessToken {
  scope: string;
  patient?: string;
  audience: string[];
  jti: string;
  /** Issued at, epoch seconds. */
  iat: number;
}

export interface SandboxProvider {
  provider: Provider;
  grants: GrantStore;
  /** Finds a valid (not expired, not revoked) opaque access token. */
  findAccessToken(value: string): Promise<IssuedAccessToken | undefined>;
}

/**
 * Public clients only: a browser app cannot keep a secret. oidc-provider checks a client's `scope` against its
 * OpenID scopes only, so the SMART scopes of a registration are not kept (the grant still holds only what the
 * profile supports).
 */
function checkRegistration(metadata: Record<string, unknown> | undefined, oidcScopes: readonly string[]): void {
  if (!metadata) return;
  if (metadata.token_endpoint_auth_method !== 'none') {
    throw new errors.InvalidClientMetadata('this server registers public clients only: send "token_endpoint_auth_method": "none"');
  }
  if (typeof metadata.scope === 'string') {
    const kept = metadata.scope.split(' ').filter((scope) => oidcScopes.includes(scope));
    if (kept.length) metadata.scope = kept.join(' ');
    else delete metadata.scope;
  }
}

const publicJwk = ({ kty, n, e, kid, alg }: JWK): JWK => ({ kty, n, e, kid, alg, use: 'sig' });

async function signingKey(): Promise<JWK> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}

export async function createProvider(options: ProviderOptions): Promise<SandboxProvider> {
  const { issuer, fhirBase, profile, contexts, state, revocations, contextPolicy } = options;
  const practitioners = new Map(options.practitioners.map((p) => [p.id, p]));
  const patientIds = new Set(options.patientIds);
  const key = await signingKey();
  /** EHR launches signed in without a page by the ehrPreapproved knob (see the `launch` parameter below). */
  const preapproved = new WeakSet<KoaContextWithOIDC>();
  const grantStore = (provider: Provider): GrantStore => ({ provider, fhirBase, contexts, scopes: options.scopes });

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
    const { oidc, resource } = options.scopes.partition(requested);
    const grantedOidc = new Set(splitScope(previous.getOIDCScope()));
    const grantedResource = new Set(splitScope(previous.getResourceScope(fhirBase)));
    if (!oidc.every((s) => grantedOidc.has(s)) || !resource.every((s) => grantedResource.has(s))) return undefined;
    const launch = requestLaunch(ctx);
    if (launch === null || (launch && launch.user !== accountId)) return undefined;
    const context: SmartContext = launch ? launchContext(launch, requested, contextPolicy) : previousContext;
    return saveGrant(grantStore(provider), { accountId, clientId: client.clientId, scope: ctx.oidc.params?.scope, context });
  }

  /**
   * ehrPreapproved: the EHR has signed the clinician in, so an EHR launch naming a known user and patient is
   * authorized at once. oidc-provider has no hook between loading the session and loading the account; the
   * `launch` parameter's validator runs there, so it signs the launch's user into the session. (Not while the
   * sign-in page must be shown: signInRefusesFraming.)
   */
  function preapprove(ctx: KoaContextWithOIDC, value: unknown): void {
    const { knobs } = state;
    if (!knobs.ehrPreapproved || knobs.signInRefusesFraming || ctx.oidc.route !== 'authorization' || typeof value !== 'string') return;
    const launch = requestLaunch(ctx);
    const { session } = ctx.oidc;
    if (!launch || !session) return;
    if (session.accountId !== launch.user) {
      session.loginAccount({ accountId: launch.user });
      session.authorizations = {};
    }
    preapproved.add(ctx);
  }

  async function preapprovedGrant(ctx: KoaContextWithOIDC): Promise<Grant> {
    const launch = requestLaunch(ctx)!;
    const scope = ctx.oidc.params?.scope;
    const context = launchContext(launch, splitScope(scope), contextPolicy);
    return saveGrant(grantStore(ctx.oidc.provider), { accountId: launch.user, clientId: ctx.oidc.client!.clientId, scope, context });
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
      if (ctx.oidc.result?.login || preapproved.has(ctx)) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      if (!ctx.oidc.prompts.has('none')) return interactionPolicy.Check.REQUEST_PROMPT;
      // prompt=none with a launch for someone other than the session's user (or an unknown launch).
      const launch = requestLaunch(ctx);
      if (launch === null || (launch && launch.user !== ctx.oidc.session?.accountId)) return interactionPolicy.Check.REQUEST_PROMPT;
      return interactionPolicy.Check.NO_NEED_TO_PROMPT;
    },
  ));

  const audiences = profile.exactAudience ? [fhirBase] : [fhirBase, `${fhirBase}/`];
  const { routes } = profile;

  const configuration: Configuration = {
    clients: options.clients.map((client) => ({
      ...client,
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    })),
    jwks: { keys: [key] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    routes: {
      authorization: routes.authorization,
      token: routes.token,
      jwks: routes.jwks,
      userinfo: routes.userinfo,
      ...(routes.revocation ? { revocation: routes.revocation } : {}),
      ...(routes.registration ? { registration: routes.registration } : {}),
    },
    scopes: [...options.scopes.oidc],
    // A claims entry makes its key a known scope: only the profile's OpenID scopes get one.
    claims: Object.fromEntries(
      Object.entries({ openid: ['sub'], profile: ['name'], fhirUser: ['fhirUser'] }).filter(([scope]) => scope === 'openid' || options.scopes.oidc.includes(scope)),
    ),
    async findAccount(_ctx, id) {
      const practitioner = practitioners.get(id);
      if (!practitioner) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, name: practitioner.name, fhirUser: contextPolicy.fhirUser(id) }),
      };
    },
    extraParams: {
      launch: preapprove,
      // SMART: `aud` names the FHIR server the token is for; a wrong one must not silently get a token.
      aud(_ctx, value) {
        if (!audiences.includes(value as string)) throw new errors.InvalidRequest(`aud must be ${fhirBase}`);
      },
    },
    features: {
      devInteractions: { enabled: false },
      // A client may revoke only its own tokens (others are ignored, as RFC 7009 allows).
      revocation: { enabled: !!routes.revocation, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      // Open registration (RFC 7591) without an initial access token, as the S4S reference server has it.
      registration: {
        enabled: !!routes.registration,
        initialAccessToken: false,
        // Called with the parsed metadata before the client is built: the one hook where it can still be checked.
        idFactory(ctx) {
          checkRegistration(ctx.oidc.body as Record<string, unknown> | undefined, options.scopes.oidc);
          return randomBytes(16).toString('base64url');
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => fhirBase,
        // The app never sends `resource`: tokens are always for the FHIR base it was granted for.
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, indicator) {
          if (indicator !== fhirBase) throw new errors.InvalidTarget();
          return {
            audience: fhirBase,
            accessTokenFormat: profile.accessTokenFormat,
            accessTokenTTL: state.knobs.accessTokenTtl,
            scope: options.scopes.resource.join(' '),
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
      if (preapproved.has(ctx)) return preapprovedGrant(ctx);
      return ctx.oidc.prompts.has('none') ? resumeGrant(ctx) : undefined;
    },
    // SMART clients get a refresh token with or without offline_access (online_access semantics).
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Single-use refresh tokens: each refresh gives a new one, and reusing an old one revokes the grant.
    rotateRefreshToken: true,
    expiresWithSession: () => false,
    async extraTokenClaims(_ctx, token) {
      if (token.kind === 'AccessToken' && token.jti && token.grantId) revocations.issued(token.jti, token.grantId);
      const context = 'grantId' in token ? contexts.get(token.grantId) : undefined;
      if (!context) return undefined;
      return { patient: context.patient, encounter: context.encounter, fhirUser: context.fhirUser };
    },
    // A public client's origin is where its redirect URIs are (browser apps call the token endpoint from there).
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
    pkce: { required: () => true },
    ttl: {
      AccessToken: () => state.knobs.accessTokenTtl,
      AuthorizationCode: profile.authorizationCodeTtl,
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
  provider.on('grant.revoked', (_ctx, grantId: string) => revocations.revokeGrant(grantId));
  const keys = createLocalJWKSet({ keys: [publicJwk(key)] });
  installMiddleware(provider, {
    contexts,
    state,
    revocations,
    promptAdded: options.promptAdded,
    registrationPath: routes.registration,
    registrationOrigins: options.registrationOrigins,
    async verifyAccessToken(token) {
      try {
        return (await jwtVerify(token, keys, { issuer, typ: 'at+jwt' })).payload;
      } catch {
        return undefined;
      }
    },
  });

  async function findAccessToken(value: string): Promise<IssuedAccessToken | undefined> {
    const token = await provider.AccessToken.find(value);
    // oidc-provider tolerates 15 s of clock skew; the FHIR server allows JWTs 1 s, and so opaque tokens too.
    if (!token?.jti || (token.exp ?? 0) + 1 <= Date.now() / 1000) return undefined;
    const audience = [token.aud ?? []].flat();
    const patient = (token.extra as { patient?: unknown } | undefined)?.patient;
    return { scope: token.scope ?? '', patient: typeof patient === 'string' ? patient : undefined, audience, jti: token.jti, iat: token.iat ?? 0 };
  }

  return { provider, grants: grantStore(provider), findAccessToken };
}
