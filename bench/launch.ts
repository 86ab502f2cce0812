// Launch figures: from opening the app's launch URL to the patient's name and the first observations being
// visible, with the sandbox adding latency to every request; the requests on the way, by kind.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { instrumentedPage, type InstrumentedPage, type NetRequest } from './browser';
import { firstObservation, patientName, signInPage } from './markers';
import { kindOf, requestFigures, type RequestFigures } from './requests';
import { RESULTS_DIR } from './paths';
import { APP_ORIGIN, assertUndisturbed, explainFailure, ehrLaunchFor, sandboxControl, standaloneLaunchUrl, type EhrPatientLaunch } from './sandbox';
import { medianRunIndex, sample, type Sample } from './stats';

export const LAUNCH_PATIENT = 'p-001';
const VISIBLE_TIMEOUT_MS = 20_000;

export interface Milestones {
  /** ms from the start: smart-configuration answered. */
  discoveryDone: number | null;
  /** The browser leaves for the authorization server. */
  authorizeStart: number | null;
  /** The authorization server's redirect back: the /callback document is requested. */
  callbackStart: number | null;
  /** The code exchange's response arrived. */
  tokenDone: number | null;
  jwksDone: number | null;
}

export interface LaunchRun {
  nameVisibleMs: number;
  observationsVisibleMs: number;
  milestones: Milestones;
  requests: RequestFigures;
  /** Standalone only: the parts around the sign-in page. */
  signIn?: { beforeSignInMs: number; dwellMs: number; approveToCallbackMs: number; callbackToNameMs: number; callbackToObservationsMs: number };
}

export interface LaunchFigures {
  method: string;
  patientId: string;
  latencyMs: number;
  runs: number;
  nameVisibleMs: Sample;
  observationsVisibleMs: Sample;
  /** Raw times from the start (for a standalone launch, the time on the sign-in page is included here). */
  milestonesMs: Record<keyof Milestones, Sample>;
  signIn?: Record<keyof NonNullable<LaunchRun['signIn']>, Sample>;
  /** The requests of the median run (by name visible). */
  requests: RequestFigures;
}

const first = (requests: NetRequest[], test: (r: NetRequest) => boolean) => requests.find(test);

function milestones(requests: NetRequest[], t0: number): Milestones {
  const rel = (value: number | undefined) => (value === undefined ? null : Math.round(value - t0));
  const isPost = (r: NetRequest) => r.method === 'POST';
  return {
    discoveryDone: rel(first(requests, (r) => kindOf(r) === 'discovery')?.end),
    authorizeStart: rel(first(requests, (r) => kindOf(r) === 'authorize')?.start),
    callbackStart: rel(first(requests, (r) => kindOf(r) === 'document' && r.url.startsWith(`${APP_ORIGIN}/callback`))?.start),
    tokenDone: rel(first(requests, (r) => kindOf(r) === 'token' && isPost(r))?.end),
    jwksDone: rel(first(requests, (r) => kindOf(r) === 'jwks' && r.method === 'GET')?.end),
  };
}

/** Opens the app's EHR launch URL directly (no simulator page around it) and waits for the data. */
async function ehrRun(browser: Browser, launch: EhrPatientLaunch, latencyMs: number): Promise<LaunchRun> {
  await sandboxControl.reset();
  await sandboxControl.knobs({ latencyMs });
  const page = await instrumentedPage(browser, [patientName(launch.name), firstObservation]);
  try {
    const t0 = Date.now();
    await page.page.goto(launch.launchUrl, { waitUntil: 'commit' });
    const name = await page.waitForMark('name', VISIBLE_TIMEOUT_MS);
    const observations = await page.waitForMark('observations', VISIBLE_TIMEOUT_MS);
    await page.network.idle(500);
    await assertUndisturbed({ latencyMs });
    const requests = page.network.requests;
    return {
      nameVisibleMs: name - t0,
      observationsVisibleMs: observations - t0,
      milestones: milestones(requests, t0),
      requests: requestFigures(requests, t0, { name, observations }, launch.patientId),
    };
  } catch (error) {
    await saveFailure(page, 'ehr-launch');
    throw await explainFailure(error, { latencyMs });
  } finally {
    await page.close();
  }
}

/**
 * Standalone: the sandbox's sign-in page waits for the user (choose the patient, Approve). The time spent on it
 * is not the app's and is left out: figure = (sign-in page painted − start) + (name visible − the redirect back
 * to /callback). The Approve form POST and the server's redirects (approveToCallbackMs) are reported beside it.
 */
async function standaloneRun(browser: Browser, patientId: string, name: string, latencyMs: number): Promise<LaunchRun> {
  await sandboxControl.reset();
  await sandboxControl.knobs({ latencyMs });
  const page = await instrumentedPage(browser, [signInPage, patientName(name), firstObservation]);
  try {
    const t0 = Date.now();
    await page.page.goto(standaloneLaunchUrl, { waitUntil: 'commit' });
    const signInAt = await page.waitForMark('signIn', VISIBLE_TIMEOUT_MS);
    await page.page.locator('select[name=patient]').selectOption(patientId);
    const approve = page.page.getByRole('button', { name: 'Approve' });
    await approve.waitFor();
    const clickAt = Date.now();
    await approve.click({ noWaitAfter: true });
    const nameAt = await page.waitForMark('name', VISIBLE_TIMEOUT_MS);
    const observationsAt = await page.waitForMark('observations', VISIBLE_TIMEOUT_MS);
    await page.network.idle(500);
    await assertUndisturbed({ latencyMs });
    const requests = page.network.requests;
    const callback = first(requests, (r) => kindOf(r) === 'document' && r.url.startsWith(`${APP_ORIGIN}/callback`));
    if (!callback) throw new Error('the authorization server never redirected back to /callback');
    const callbackAt = callback.start;
    const beforeSignInMs = signInAt - t0;
    return {
      nameVisibleMs: beforeSignInMs + (nameAt - callbackAt),
      observationsVisibleMs: beforeSignInMs + (observationsAt - callbackAt),
      milestones: milestones(requests, t0),
      requests: requestFigures(requests, t0, { name: nameAt, observations: observationsAt }, patientId),
      signIn: {
        beforeSignInMs,
        dwellMs: clickAt - signInAt,
        approveToCallbackMs: callbackAt - clickAt,
        callbackToNameMs: nameAt - callbackAt,
        callbackToObservationsMs: observationsAt - callbackAt,
      },
    };
  } catch (error) {
    await saveFailure(page, 'standalone-launch');
    throw await explainFailure(error, { latencyMs });
  } finally {
    await page.close();
  }
}

/** After a failure: a screenshot and the page's requests, in bench-results/, to see what went wrong. */
export async function saveFailure(page: InstrumentedPage, name: string): Promise<void> {
  try {
    await mkdir(RESULTS_DIR, { recursive: true });
    await writeFile(join(RESULTS_DIR, `${name}-error-requests.json`), JSON.stringify(page.network.requests, null, 1));
    await page.page.screenshot({ path: join(RESULTS_DIR, `${name}-error.png`), fullPage: true });
  } catch {
    // the page may be gone
  }
}

function summarize(method: string, patientId: string, latencyMs: number, runs: LaunchRun[]): LaunchFigures {
  const names = runs.map((r) => r.nameVisibleMs);
  const keys = Object.keys(runs[0]!.milestones) as (keyof Milestones)[];
  const figures: LaunchFigures = {
    method,
    patientId,
    latencyMs,
    runs: runs.length,
    nameVisibleMs: sample(names),
    observationsVisibleMs: sample(runs.map((r) => r.observationsVisibleMs)),
    milestonesMs: Object.fromEntries(keys.map((key) => [key, sample(runs.map((r) => r.milestones[key]))])) as Record<keyof Milestones, Sample>,
    requests: runs[medianRunIndex(names)]!.requests,
  };
  if (runs[0]!.signIn) {
    const signInKeys = Object.keys(runs[0]!.signIn) as (keyof NonNullable<LaunchRun['signIn']>)[];
    figures.signIn = Object.fromEntries(signInKeys.map((key) => [key, sample(runs.map((r) => r.signIn?.[key]))])) as LaunchFigures['signIn'];
  }
  return figures;
}

/**
 * One launch whose figures are thrown away: the first request of each kind warms up the sandbox (JIT, its
 * indexes, oidc-provider) and Chromium's processes, which is not what the app costs. Every measured run still
 * starts with a cold browser context (no cache, no cookies).
 */
export async function warmUp(browser: Browser, patientId: string, log: (line: string) => void): Promise<void> {
  const launch = await ehrLaunchFor(patientId);
  const run = await ehrRun(browser, launch, 0);
  log(`  warm-up launch of ${patientId} (not counted): name ${Math.round(run.nameVisibleMs)} ms`);
}

export async function measureEhrLaunch(browser: Browser, runs: number, latencyMs: number, log: (line: string) => void): Promise<LaunchFigures> {
  const launch = await ehrLaunchFor(LAUNCH_PATIENT);
  await warmUp(browser, LAUNCH_PATIENT, log);
  const results: LaunchRun[] = [];
  for (let i = 0; i < runs; i++) {
    results.push(await ehrRun(browser, launch, latencyMs));
    log(`  EHR launch run ${i + 1}/${runs}: name ${Math.round(results[i]!.nameVisibleMs)} ms, observations ${Math.round(results[i]!.observationsVisibleMs)} ms`);
  }
  const method =
    `A fresh browser context (cold cache) per run opens the app's EHR launch URL directly (${launch.source}), ` +
    `with ${latencyMs} ms added by the sandbox to every authorization and FHIR request (preflights included; the app's own static files have none). ` +
    'Start: just before page.goto(launch URL). Visible: the first animation frame after the DOM shows the patient name in a heading/banner, or a first row showing a value (not “Loading…”) in a list labelled Observations/Vitals/Labs/Results. ' +
    `Median of ${runs} run(s), after one warm-up launch that is not counted.`;
  return summarize(method, LAUNCH_PATIENT, latencyMs, results);
}

export async function measureStandaloneLaunch(browser: Browser, runs: number, latencyMs: number, log: (line: string) => void): Promise<LaunchFigures> {
  const { name } = await ehrLaunchFor(LAUNCH_PATIENT);
  await warmUp(browser, LAUNCH_PATIENT, log);
  const results: LaunchRun[] = [];
  for (let i = 0; i < runs; i++) {
    results.push(await standaloneRun(browser, LAUNCH_PATIENT, name, latencyMs));
    const { signIn } = results[i]!;
    log(
      `  Standalone launch run ${i + 1}/${runs}: name ${Math.round(results[i]!.nameVisibleMs)} ms ` +
        `(= ${Math.round(signIn!.beforeSignInMs)} before the sign-in page + ${Math.round(signIn!.callbackToNameMs)} from /callback)`,
    );
  }
  const method =
    `Opens ${standaloneLaunchUrl} in a fresh context; on the sandbox's sign-in page the benchmark chooses patient ${LAUNCH_PATIENT} and clicks Approve. ` +
    'The time spent on the sign-in page is left out: figure = time before the sign-in page appeared (its patient picker painted) + time from the redirect back to /callback (the /callback document requested) to the name visible. ' +
    'Left out with it: the user’s dwell (signIn.dwellMs, automated here) and the Approve form POST with the server’s redirects (signIn.approveToCallbackMs, the authorization server’s cost). '+
    `${latencyMs} ms added to every sandbox request. Median of ${runs} run(s), after one warm-up launch that is not counted.`;
  return summarize(method, LAUNCH_PATIENT, latencyMs, results);
}
