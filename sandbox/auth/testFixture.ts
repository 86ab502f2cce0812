// A running auth server plus helpers for the auth tests (a real flow over HTTP, no FHIR server needed).
import { CLIENT_ID } from '../ports';
import { encodeLaunch, type LaunchParam } from './launch';
import { startAuthServer, type AuthServer } from './server';
import { TestBrowser, freePort, onFreePorts, pkcePair } from './testBrowser';

export const PATIENTS = [
  { id: 'p1', name: 'Ada <img src=x onerror=alert(1)> Lovelace', mrn: 'MRN-1', birthDate: '1970-01-01', latestEncounterId: 'e1' },
  { id: 'p2', name: 'Bob Builder', mrn: 'MRN-2', birthDate: '1980-02-02' },
];
export const PRACTITIONERS = [
  { id: 'dr1', name: 'Dr. Jane Smith' },
  { id: 'dr2', name: 'Dr. "Quotes" & <b>Co</b>' },
];
export const STANDALONE_SCOPE = 'openid fhirUser launch/patient launch/encounter offline_access patient/*.rs';
export const EHR_SCOPE = 'openid fhirUser launch online_access patient/Patient.rs patient/Observation.rs';
export const REFERENCE_ORIGIN = 'http://127.0.0.1:4174';

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  refresh_token?: string;
  id_token?: string;
  patient?: string;
  encounter?: string;
  need_patient_banner?: boolean;
  smart_style_url?: string;
  error?: string;
}

export interface FlowTarget {
  issuer: string;
  fhirBase: string;
  appOrigin: string;
  /** Default: the app's client (CLIENT_ID, <appOrigin>/callback). */
  clientId?: string;
  redirectUri?: string;
  /** Paths of the authorization and token endpoints (default /auth and /token). */
  routes?: { authorization: string; token: string };
}

/** The OAuth journeys against one authorization server, as a browser (TestBrowser) and the app perform them. */
export function authFlows(target: FlowTarget) {
  const { issuer, fhirBase, appOrigin } = target;
  const clientId = target.clientId ?? CLIENT_ID;
  const redirectUri = target.redirectUri ?? `${appOrigin}/callback`;
  const routes = target.routes ?? { authorization: '/auth', token: '/token' };

  function authorizeUrl(params: Record<string, string | undefined>): URL {
    const url = new URL(issuer + routes.authorization);
    for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
    return url;
  }

  /** Standard authorize parameters; override or remove (undefined) any of them. */
  function authorizeParams(overrides: Record<string, string | undefined> = {}) {
    const { verifier, challenge } = pkcePair();
    const params = {
      response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: STANDALONE_SCOPE,
      state: 'state-123', aud: fhirBase, code_challenge: challenge, code_challenge_method: 'S256', ...overrides,
    };
    return { params, verifier };
  }

  async function token(form: Record<string, string>, headers: Record<string, string> = {}) {
    const response = await fetch(issuer + routes.token, { method: 'POST', body: new URLSearchParams(form), headers });
    return { response, body: (await response.json()) as TokenResponse };
  }

  const exchange = (code: string, verifier: string, headers: Record<string, string> = {}) =>
    token({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri, client_id: clientId }, headers);
  const refresh = (refreshToken: string) => token({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId });

  /** Standalone launch through the sign-in form; returns the app redirect and the PKCE verifier. */
  async function standalone(form: Record<string, string> = { user: 'dr1', patient: 'p1', action: 'approve' }, scope = STANDALONE_SCOPE) {
    const browser = new TestBrowser(appOrigin);
    const { params, verifier } = authorizeParams({ scope });
    const page = await browser.navigate(authorizeUrl(params));
    if (!page.page) throw new Error(`expected the sign-in page, got ${page.app}`);
    const landing = await browser.navigate(page.page.url, form);
    return { page: page.page, landing, verifier };
  }

  async function ehrLaunch(launch: LaunchParam, scope = EHR_SCOPE, browser = new TestBrowser(appOrigin)) {
    const { params, verifier } = authorizeParams({ scope, launch: encodeLaunch(launch) });
    return { landing: await browser.navigate(authorizeUrl(params)), verifier };
  }

  async function control(path: string, body?: unknown, init: RequestInit = {}) {
    const response = await fetch(`${issuer}/__sandbox/${path}`, {
      method: body === undefined && path === 'stats' ? 'GET' : 'POST',
      body: body === undefined ? undefined : JSON.stringify(body),
      ...init,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  return {
    issuer, fhirBase, appOrigin, redirectUri, clientId,
    authorizeUrl, authorizeParams, exchange, refresh, token, standalone, ehrLaunch, control,
    browser: () => new TestBrowser(appOrigin),
  };
}

export async function startTestAuth() {
  const fhirBase = 'http://127.0.0.1:4599/fhir';
  const appOrigin = 'http://127.0.0.1:4173';
  const { server, issuer } = await onFreePorts(async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const server: AuthServer = await startAuthServer({
      host: '127.0.0.1', port, issuer, fhirBase, appOrigin, referenceOrigin: REFERENCE_ORIGIN, patients: PATIENTS, practitioners: PRACTITIONERS,
    });
    return { server, issuer };
  });
  return { server, ...authFlows({ issuer, fhirBase, appOrigin }) };
}

export type TestAuth = Awaited<ReturnType<typeof startTestAuth>>;
