// A fake SMART EHR for integration tests, served by MSW: discovery, authorize (driven by the test), token
// endpoint with real PKCE checking and refresh-token rotation, a JWKS and signed id_tokens, and a few FHIR
// endpoints that check the bearer token. Unit/integration tests only: e2e uses the real sandbox.
import { http, HttpResponse } from 'msw';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { Bundle, Encounter, Observation, Patient } from 'fhir/r4';

export interface FakeSmartOptions {
  fhirBase?: string;
  issuer?: string;
  clientId?: string;
  patientId?: string;
  capabilities?: string[];
  /** Scope granted; default: what was asked. */
  grantScope?: (asked: string) => string;
  expiresIn?: number;
  rotateRefreshTokens?: boolean;
  /** Advertise and serve an RFC 7009 revocation endpoint. */
  revocation?: boolean;
  /** Issue a bad id_token: signed by another key, for another nonce, or for another client. */
  tamperIdToken?: 'signature' | 'nonce' | 'audience';
}

interface CodeRecord { challenge: string; scope: string; nonce?: string; launch?: string; clientId: string; redirectUri: string; used: boolean }

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = () => b64url(crypto.getRandomValues(new Uint8Array(18)));
const s256 = async (verifier: string) => b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

export async function createFakeSmart(options: FakeSmartOptions = {}) {
  const fhirBase = options.fhirBase ?? 'https://ehr.example.org/fhir/r4';
  const issuer = options.issuer ?? 'https://auth.example.org';
  const clientId = options.clientId ?? 'test-client';
  const patientId = options.patientId ?? 'p1';
  const expiresIn = options.expiresIn ?? 3600;
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };

  const codes = new Map<string, CodeRecord>();
  const accessTokens = new Map<string, { expiresAt: number; revoked: boolean }>();
  const refreshTokens = new Map<string, { used: boolean; scope: string }>();
  const flags = { rejectAllBearer: false };
  const log = {
    tokenRequests: [] as URLSearchParams[],
    fhirRequests: [] as { url: string; authorization: string | null }[],
    revocations: [] as { token: string; hint: string | null }[],
  };

  const discovery = {
    issuer,
    jwks_uri: `${issuer}/jwks`,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    ...(options.revocation ? { revocation_endpoint: `${issuer}/revoke` } : {}),
    capabilities: options.capabilities ?? ['launch-ehr', 'launch-standalone', 'client-public', 'context-ehr-patient', 'permission-v2', 'permission-patient', 'sso-openid-connect'],
  };

  function issue(scope: string) {
    const access = `at-${random()}`;
    const refresh = `rt-${random()}`;
    accessTokens.set(access, { expiresAt: Date.now() + expiresIn * 1000, revoked: false });
    refreshTokens.set(refresh, { used: false, scope });
    return { access_token: access, refresh_token: refresh, token_type: 'Bearer', expires_in: expiresIn, scope };
  }

  const otherKey = (await generateKeyPair('RS256')).privateKey;
  const tamper = options.tamperIdToken;
  const idToken = (nonce?: string) =>
    new SignJWT({ fhirUser: 'Practitioner/dr1', ...(nonce ? { nonce: tamper === 'nonce' ? 'another-nonce' : nonce } : {}) })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer).setAudience(tamper === 'audience' ? 'another-client' : clientId).setSubject('dr1').setIssuedAt().setExpirationTime('5m')
      .sign(tamper === 'signature' ? otherKey : privateKey);

  const oauthError = (error: string, status = 400) => HttpResponse.json({ error }, { status });

  const bearerOk = (request: Request) => {
    const header = request.headers.get('authorization');
    log.fhirRequests.push({ url: request.url, authorization: header });
    const token = header?.replace(/^Bearer /, '') ?? '';
    const record = accessTokens.get(token);
    return !flags.rejectAllBearer && record !== undefined && !record.revoked && record.expiresAt > Date.now();
  };
  const unauthorized = () => HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', diagnostics: 'Token invalid' }] }, { status: 401 });

  const data = {
    patient: { resourceType: 'Patient', id: patientId, name: [{ use: 'official', given: ['Ada'], family: 'Lovelace' }], gender: 'female', birthDate: '1980-12-10', identifier: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, system: 'urn:mrn', value: 'MRN-1001' }] } as Patient,
    encounters: [
      { resourceType: 'Encounter', id: 'e2', status: 'finished', class: { code: 'EMER' }, type: [{ text: 'Emergency visit' }], subject: { reference: `Patient/${patientId}` }, period: { start: '2026-10-02T10:00:00Z' } },
      { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'AMB' }, type: [{ text: 'Annual check-up' }], subject: { reference: `Patient/${patientId}` }, period: { start: '2025-03-05T09:00:00Z' } },
    ] as Encounter[],
    observations: [
      { resourceType: 'Observation', id: 'o1', status: 'final', category: [{ coding: [{ code: 'vital-signs', display: 'Vital Signs' }] }], code: { text: 'Heart rate', coding: [{ system: 'http://loinc.org', code: '8867-4' }] }, subject: { reference: `Patient/${patientId}` }, effectiveDateTime: '2026-10-02T10:05:00Z', valueQuantity: { value: 72, unit: '/min' } },
    ] as Observation[],
    observationsPage2: [
      { resourceType: 'Observation', id: 'o2', status: 'final', code: { text: 'Body weight' }, subject: { reference: `Patient/${patientId}` }, effectiveDateTime: '2025-03-05T09:10:00Z', valueQuantity: { value: 61.5, unit: 'kg' } },
    ] as Observation[],
    /** When set, the Observation search's first page links here (e.g. another origin). */
    observationNextLink: undefined as string | undefined,
  };

  const bundle = <T extends Patient | Encounter | Observation>(items: T[], next?: string): Bundle<T> => ({
    resourceType: 'Bundle', type: 'searchset', total: items.length,
    entry: items.map((resource) => ({ resource, search: { mode: 'match' } })),
    link: next ? [{ relation: 'next', url: next }] : [],
  });

  const handlers = [
    http.get(`${fhirBase}/.well-known/smart-configuration`, () => HttpResponse.json(discovery)),
    http.get(`${issuer}/jwks`, () => HttpResponse.json({ keys: [jwk] })),
    // The smart_style_url the EHR launch hands out (the app fetches it without credentials).
    http.get(`${issuer}/style.json`, () => HttpResponse.json({ color_background: '#edeae3', color_text: '#303030', dim_border_radius: '6px' })),
    http.post(`${issuer}/token`, async ({ request }) => {
      const body = new URLSearchParams(await request.text());
      log.tokenRequests.push(body);
      if (body.get('client_id') !== clientId) return oauthError('invalid_client', 401);
      if (body.get('grant_type') === 'authorization_code') {
        const record = codes.get(body.get('code') ?? '');
        if (!record || record.used) return oauthError('invalid_grant');
        record.used = true;
        const verifier = body.get('code_verifier') ?? '';
        if ((await s256(verifier)) !== record.challenge) return oauthError('invalid_grant');
        if (body.get('redirect_uri') !== record.redirectUri) return oauthError('invalid_grant');
        const scope = options.grantScope?.(record.scope) ?? record.scope;
        const context = record.launch ? { patient: patientId, encounter: 'e2', need_patient_banner: false, smart_style_url: `${issuer}/style.json` } : { patient: patientId };
        return HttpResponse.json({ ...issue(scope), ...context, id_token: scope.includes('openid') ? await idToken(record.nonce) : undefined });
      }
      if (body.get('grant_type') === 'refresh_token') {
        const record = refreshTokens.get(body.get('refresh_token') ?? '');
        if (!record || record.used) return oauthError('invalid_grant');
        if (options.rotateRefreshTokens !== false) record.used = true;
        const next = issue(record.scope);
        return HttpResponse.json(options.rotateRefreshTokens === false ? { ...next, refresh_token: undefined } : next);
      }
      return oauthError('unsupported_grant_type');
    }),
    http.post(`${issuer}/revoke`, async ({ request }) => {
      const body = new URLSearchParams(await request.text());
      const token = body.get('token') ?? '';
      log.revocations.push({ token, hint: body.get('token_type_hint') });
      const access = accessTokens.get(token);
      if (access) access.revoked = true;
      const refresh = refreshTokens.get(token);
      if (refresh) refresh.used = true;
      return new HttpResponse(null, { status: 200 });
    }),
    http.get(`${fhirBase}/Patient/:id`, ({ request, params }) => {
      if (!bearerOk(request)) return unauthorized();
      return params.id === patientId ? HttpResponse.json(data.patient) : HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found', diagnostics: 'No such patient' }] }, { status: 404 });
    }),
    http.get(`${fhirBase}/Encounter`, ({ request }) => (bearerOk(request) ? HttpResponse.json(bundle(data.encounters)) : unauthorized())),
    http.get(`${fhirBase}/Observation`, ({ request }) => {
      if (!bearerOk(request)) return unauthorized();
      const page2 = new URL(request.url).searchParams.get('page') === '2';
      return HttpResponse.json(page2 ? bundle(data.observationsPage2) : bundle(data.observations, data.observationNextLink));
    }),
  ];

  return {
    fhirBase, issuer, clientId, discovery, handlers, log, data, flags,
    observationPage2Url: `${fhirBase}/Observation?patient=${patientId}&page=2`,
    /** Plays the authorization server: checks the request and returns the redirect back to the app. */
    authorize(authorizeUrl: string, opts: { deny?: boolean; iss?: string | null } = {}) {
      const url = new URL(authorizeUrl);
      const q = url.searchParams;
      if (`${url.origin}${url.pathname}` !== discovery.authorization_endpoint) throw new Error(`authorize went to ${url.href}`);
      if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) throw new Error('PKCE S256 missing');
      if (q.get('aud') !== fhirBase) throw new Error(`aud was ${q.get('aud')}`);
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('state', q.get('state')!);
      const iss = opts.iss === undefined ? issuer : opts.iss;
      if (iss !== null) back.searchParams.set('iss', iss);
      if (opts.deny) {
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('error_description', 'The user denied access');
        return back.href;
      }
      const code = `code-${random()}`;
      codes.set(code, { challenge: q.get('code_challenge')!, scope: q.get('scope')!, nonce: q.get('nonce') ?? undefined, launch: q.get('launch') ?? undefined, clientId: q.get('client_id')!, redirectUri: q.get('redirect_uri')!, used: false });
      back.searchParams.set('code', code);
      return back.href;
    },
    revokeAllAccessTokens() {
      for (const record of accessTokens.values()) record.revoked = true;
    },
    issuedAccessTokens: () => [...accessTokens.keys()],
    issuedRefreshTokens: () => [...refreshTokens.keys()],
    tokenRequestCount: (grant: string) => log.tokenRequests.filter((b) => b.get('grant_type') === grant).length,
  };
}

export type FakeSmart = Awaited<ReturnType<typeof createFakeSmart>>;
