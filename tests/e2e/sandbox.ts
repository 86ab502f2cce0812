// Test-side helpers: the sandbox's control API and the launch journeys, as a user performs them.
import { expect, type FrameLocator, type Page } from '@playwright/test';
import type { Knobs, Stats } from '../../sandbox/knobs';
import { APP_ORIGIN, AUTH_ISSUER, EHR_ORIGIN, FHIR_BASE } from '../../sandbox/ports';

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
  knobs: (patch: Partial<Knobs>) => control<Knobs>('POST', 'knobs', patch),
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
