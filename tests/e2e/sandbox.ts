// Test-side helpers: the sandbox's control API and the launch journeys, as a user performs them.
import { expect, type FrameLocator, type Page } from '@playwright/test';
import type { Knobs, Outage, Stats } from '../../sandbox/knobs';
import { APP_ORIGIN, AUTH_ISSUER, CLIENT_ID, EHR_ORIGIN, FHIR_BASE } from '../../sandbox/ports';

async function control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${AUTH_ISSUER}/__sandbox/${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`control ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export const sandbox = {
  reset: () => control('POST', 'reset'),
  /** A patch of knobs; an outage is given as its length (the sandbox works out until when). */
  knobs: (patch: Partial<Omit<Knobs, 'outage'>> & { outage?: Omit<Outage, 'until'> | null }) => control<Knobs>('POST', 'knobs', patch),
  stats: () => control<Stats>('GET', 'stats'),
  revokeAll: () => control('POST', 'revoke-all'),
};

export const standaloneLaunchUrl = `${APP_ORIGIN}/launch?${new URLSearchParams({ iss: FHIR_BASE })}`;

/** The EHR simulator's embedded view of a patient: the app runs in its sandboxed iframe. */
export async function openEmbedded(page: Page, patientId: string): Promise<FrameLocator> {
  await page.goto(`${EHR_ORIGIN}/ehr/${encodeURIComponent(patientId)}`);
  return page.frameLocator('iframe[title="SMART app"]');
}

/** Standalone launch through the sandbox's sign-in page, choosing the patient there. */
export async function standaloneSignIn(page: Page, patientId: string, action: 'Approve' | 'Deny' = 'Approve') {
  await page.goto(standaloneLaunchUrl);
  await expect(page.getByRole('heading', { name: 'Sign in to the SMART sandbox' })).toBeVisible();
  await page.locator('select[name=patient]').selectOption(patientId);
  await page.getByRole('button', { name: action }).click();
}

/** Collects every access and refresh token the app receives, from the token endpoint's answers. */
export function captureTokens(page: Page): Set<string> {
  const tokens = new Set<string>();
  page.on('response', async (response) => {
    if (!response.url().startsWith(`${AUTH_ISSUER}/token`) || response.request().method() !== 'POST') return;
    try {
      const body = (await response.json()) as Record<string, unknown>;
      for (const key of ['access_token', 'refresh_token', 'id_token']) if (typeof body[key] === 'string') tokens.add(body[key] as string);
    } catch {
      // preflight or non-JSON
    }
  });
  return tokens;
}

// ---- Views tests (tests/e2e/views.spec.ts): EHR launches in a normal page, user-level standalone sign-in ----

/**
 * The launch URL the EHR simulator gives its embedded frame for this patient (with the patient's latest
 * encounter in context), with `need_patient_banner` set as asked. Opening it in a normal page runs the same EHR
 * launch outside the iframe, so the app page itself can be scanned and measured.
 */
export async function ehrLaunchUrl(patientId: string, { banner = true } = {}): Promise<string> {
  const response = await fetch(`${EHR_ORIGIN}/ehr/${encodeURIComponent(patientId)}`);
  if (!response.ok) throw new Error(`EHR page of ${patientId}: HTTP ${response.status}`);
  const html = await response.text();
  const src = /<iframe title="SMART app"[^>]*\ssrc="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error(`no app frame on the EHR page of ${patientId}`);
  const url = new URL(src.replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"'));
  const launch = JSON.parse(Buffer.from(url.searchParams.get('launch') ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  url.searchParams.set('launch', Buffer.from(JSON.stringify({ ...launch, need_patient_banner: banner })).toString('base64url'));
  return url.href;
}

/** The launch's encounter id (the patient's latest), as the EHR simulator sends it; undefined when none. */
export async function ehrLaunchEncounter(patientId: string): Promise<string | undefined> {
  const launch = new URL(await ehrLaunchUrl(patientId)).searchParams.get('launch') ?? '';
  const { encounter } = JSON.parse(Buffer.from(launch, 'base64url').toString('utf8')) as { encounter?: string };
  return encounter;
}

/** An EHR launch of the app in this (top-level) page: patient and encounter in context. */
export async function ehrLaunch(page: Page, patientId: string, options: { banner?: boolean } = {}): Promise<void> {
  await page.goto(await ehrLaunchUrl(patientId, options));
}

/** Scopes for a standalone launch with no patient in context: the user searches for one. */
export const USER_LEVEL_SCOPES = 'openid fhirUser user/Patient.rs user/Encounter.rs user/Observation.rs';

/** Serves this page a smart-config.json whose standalone scopes are `scopes` (the rest as deployed). */
export async function overrideStandaloneScopes(page: Page, scopes: string): Promise<void> {
  await page.route('**/smart-config.json', async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as { servers: { scopes: { standalone: string } }[] };
    for (const server of config.servers) server.scopes.standalone = scopes;
    await route.fulfill({ response, json: config });
  });
}

/** Standalone sign-in that asks for no patient (no `launch/patient`): the sign-in page has no patient choice. */
export async function standaloneSignInWithoutPatient(page: Page): Promise<void> {
  await page.goto(standaloneLaunchUrl);
  await expect(page.getByRole('heading', { name: 'Sign in to the SMART sandbox' })).toBeVisible();
  await expect(page.locator('select[name=patient]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Approve' }).click();
}

/** Every token-endpoint answer the app receives (JSON bodies, in order), e.g. to read the refresh tokens. */
export function captureTokenResponses(page: Page): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  page.on('response', async (response) => {
    if (!response.url().startsWith(`${AUTH_ISSUER}/token`) || response.request().method() !== 'POST') return;
    try {
      bodies.push((await response.json()) as Record<string, unknown>);
    } catch {
      // not JSON (or the page went away)
    }
  });
  return bodies;
}

/**
 * The FHIR server refuses (401) every access token issued so far; the grants stay valid, so a refresh gets
 * a token it accepts. Token `iat` is in whole seconds: answers once the next second has started.
 */
export async function rejectCurrentAccessTokens(): Promise<void> {
  const before = Math.floor(Date.now() / 1000) + 1;
  await sandbox.knobs({ rejectTokensIssuedBefore: before });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, before * 1000 - Date.now() + 20)));
}

/** Replays a refresh token from outside the browser (an attacker, or a copy of the app), as a public client would. */
export async function refreshFromNode(refreshToken: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${AUTH_ISSUER}/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CLIENT_ID }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Standalone sign-in that waits for the chart's patient banner. */
export async function signIn(page: Page, patientId: string, patientName: string): Promise<void> {
  await standaloneSignIn(page, patientId);
  await expect(page.getByRole('heading', { name: patientName, level: 1 })).toBeVisible();
}

/** The EHR simulator's embedded view with the app's panel `width` px wide. */
export async function openEmbeddedAt(page: Page, patientId: string, width: number): Promise<FrameLocator> {
  await page.goto(`${EHR_ORIGIN}/ehr/${encodeURIComponent(patientId)}?width=${width}`);
  return page.frameLocator('iframe[title="SMART app"]');
}
