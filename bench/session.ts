// A long session, compressed: short-lived access tokens and a user who keeps working (a step every 2 s), so the
// app's FHIR calls keep happening across many token lifetimes. Counts token-endpoint calls at the sandbox and
// failed queries seen by the page.
import type { Browser } from '@playwright/test';
import { userStep, type ActionKind } from './actions';
import { instrumentedPage } from './browser';
import { saveFailure } from './launch';
import { firstObservation, patientName } from './markers';
import { kindOf } from './requests';
import { assertUndisturbed, ehrLaunchFor, explainFailure, sandboxControl } from './sandbox';
import { sample, type Sample } from './stats';

export const SESSION_PATIENT = 'p-large';
const STEP_MS = 2_000;

export interface SessionFigures {
  method: string;
  patientId: string;
  accessTokenTtlS: number;
  latencyMs: number;
  /** From the code exchange's response (the first token) to the end of the session. */
  elapsedS: number;
  lifetimesElapsed: number;
  /** Token-endpoint calls counted by the sandbox. */
  tokenRequests: { authorization_code: number; refresh_token: number; failed: number };
  /** Budget: refresh_token ≤ ceil(elapsedS / accessTokenTtlS) + 1. */
  refreshesAllowed: number;
  refreshesPerLifetime: number;
  formula: string;
  /** Seconds between successive token responses seen by the page (the app refreshes 10 % before expiry). */
  refreshIntervalS: Sample;
  fhirRequests: {
    /** FHIR requests the page made during the session (preflights not counted). */
    byPage: number;
    /** Token lifetimes (of ceil(lifetimesElapsed)) in which the page made at least one FHIR request. */
    lifetimesWithRequests: number;
    /** The longest time without a FHIR request, in seconds. */
    longestGapS: number;
  };
  failedQueries: {
    /** FHIR responses with status ≥ 400 (or network failures) + distinct role=alert messages seen. */
    total: number;
    httpErrors: { status: number | string; url: string; atS: number }[];
    alerts: string[];
    sessionEnded: boolean;
  };
  steps: Record<ActionKind | 'none', number>;
}

export async function measureSession(
  browser: Browser,
  options: { durationS: number; ttlS: number; latencyMs: number },
  log: (line: string) => void,
): Promise<SessionFigures> {
  const { durationS, ttlS, latencyMs } = options;
  const launch = await ehrLaunchFor(SESSION_PATIENT);
  await sandboxControl.reset();
  await sandboxControl.knobs({ accessTokenTtl: ttlS, latencyMs });
  const page = await instrumentedPage(browser, [patientName(launch.name), firstObservation]);
  try {
    const t0 = Date.now();
    await page.page.goto(launch.launchUrl, { waitUntil: 'commit' });
    await page.waitForMark('name', 30_000);
    const firstToken = page.network.requests.find((r) => kindOf(r) === 'token' && r.method === 'POST' && r.end !== undefined);
    const tokenAt = firstToken?.end ?? t0;
    const endAt = tokenAt + durationS * 1000;

    const steps: SessionFigures['steps'] = { view: 0, loadMore: 0, item: 0, range: 0, none: 0 };
    const alerts = new Set<string>();
    const collectAlerts = async () => {
      for (const text of await page.page.getByRole('alert').allInnerTexts().catch(() => [])) {
        const message = text.trim().replace(/\s+/g, ' ');
        if (message) alerts.add(message);
      }
    };
    let sessionEnded = false;
    let tick = 0;
    let lastReport = Date.now();
    while (Date.now() < endAt) {
      const stepStart = Date.now();
      await collectAlerts();
      if (await page.page.getByRole('heading', { name: /session ended/i }).isVisible().catch(() => false)) {
        sessionEnded = true;
        break;
      }
      steps[await userStep(page.page, tick++)] += 1;
      if (Date.now() - lastReport > 30_000) {
        lastReport = Date.now();
        const { tokenRequests } = await sandboxControl.stats();
        log(`  session: ${Math.round((Date.now() - tokenAt) / 1000)} s of ${durationS} s, ${tokenRequests.refresh_token} refreshes so far`);
      }
      const wait = Math.min(STEP_MS - (Date.now() - stepStart), endAt - Date.now());
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await page.network.idle(300, 5_000);
    await collectAlerts();
    await assertUndisturbed({ accessTokenTtl: ttlS, latencyMs });
    const stats = await sandboxControl.stats();
    const finishedAt = Date.now();

    const elapsedS = (finishedAt - tokenAt) / 1000;
    const lifetimes = elapsedS / ttlS;
    const fhir = page.network.requests.filter((r) => kindOf(r) === 'fhir' && r.start >= tokenAt);
    const buckets = new Set(fhir.map((r) => Math.floor((r.start - tokenAt) / (ttlS * 1000))));
    const starts = [tokenAt, ...fhir.map((r) => r.start).sort((a, b) => a - b), finishedAt];
    const longestGap = starts.slice(1).reduce((gap, start, i) => Math.max(gap, start - starts[i]!), 0);
    const httpErrors = page.network.requests
      .filter((r) => ['fhir', 'token'].includes(kindOf(r)) && r.start >= t0 && ((r.status ?? 0) >= 400 || (r.failed && r.failed !== 'canceled' && !/ERR_ABORTED/.test(r.failed))))
      .map((r) => ({ status: r.status ?? r.failed ?? 'failed', url: r.url.replace(/[?#].*$/, ''), atS: Math.round((r.start - tokenAt) / 100) / 10 }));
    const allowed = Math.ceil(elapsedS / ttlS) + 1;
    const tokenTimes = page.network.requests
      .filter((r) => kindOf(r) === 'token' && r.method === 'POST' && r.end !== undefined && (r.status ?? 0) < 400)
      .map((r) => r.end!)
      .sort((a, b) => a - b);
    return {
      method:
        `EHR launch of ${SESSION_PATIENT} (the largest record, so there is always more to load) with accessTokenTtl=${ttlS} s and ${latencyMs} ms latency; ` +
        `then a user step every ${STEP_MS / 1000} s for ${durationS} s after the first token: in the Encounters view, alternately "Load more …" and opening the next encounter (each a new FHIR search); ` +
        'every tenth step visits another view (Summary/Vitals/Labs: refetched once stale) and the next comes back (without an Encounters view: whatever the view offers, else the next view). ' +
        'Token calls come from the sandbox’s stats; failed queries are FHIR/token responses ≥ 400 (or network failures) seen by the page plus visible role=alert messages. One run.',
      patientId: SESSION_PATIENT,
      accessTokenTtlS: ttlS,
      latencyMs,
      elapsedS: Math.round(elapsedS * 10) / 10,
      lifetimesElapsed: Math.round(lifetimes * 100) / 100,
      tokenRequests: stats.tokenRequests,
      refreshesAllowed: allowed,
      refreshesPerLifetime: Math.round((stats.tokenRequests.refresh_token / lifetimes) * 100) / 100,
      formula: `refresh_token calls ≤ ceil(elapsedS / accessTokenTtlS) + 1 = ceil(${elapsedS.toFixed(1)} / ${ttlS}) + 1 = ${allowed}`,
      refreshIntervalS: sample(tokenTimes.slice(1).map((t, i) => (t - tokenTimes[i]!) / 1000), 1),
      fhirRequests: {
        byPage: fhir.length,
        lifetimesWithRequests: buckets.size,
        longestGapS: Math.round(longestGap / 100) / 10,
      },
      failedQueries: {
        total: httpErrors.length + alerts.size + (sessionEnded ? 1 : 0),
        httpErrors,
        alerts: [...alerts],
        sessionEnded,
      },
      steps,
    };
  } catch (error) {
    await saveFailure(page, 'session');
    throw await explainFailure(error, { accessTokenTtl: ttlS, latencyMs });
  } finally {
    await page.close();
  }
}
