// Side by side (issue 11): this app and the reference app (fhirclient 2.6 + React, bench/reference) on the same
// sandbox, the EHR launch of the same patient, at 100 ms and 0 ms added latency, with the pre-approved
// (single-redirect) authorize that the budgets use and the sandbox's full sign-in flow beside it. Each run is a
// fresh browser profile: a cold launch, then a warm one (a second launch in a new tab of that profile). Runs
// are paired and alternate which app goes first (A B, B A, …); each figure is reported as the paired ratio
// this app / reference.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from '@playwright/test';
import { benchContext, instrumentedPage } from './browser';
import { FIGURES, GAPS, launchMeasure, type AppId, type CompareFigures, type Condition, type FileSize, type LaunchMeasure, type Phase, type PhaseFigures } from './compareFigures';

export type { CompareFigures } from './compareFigures';
import { saveFailure } from './launch';
import { firstObservation, patientName } from './markers';
import { pairedRatios, pairOrder } from './ratios';
import { APP_ORIGIN, assertUndisturbed, ehrLaunchFor, explainFailure, REFERENCE_ORIGIN, sandboxControl } from './sandbox';
import { medianRunIndex, sample } from './stats';
import { measureWithoutDevtools } from './withoutDevtools';

export const COMPARE_PATIENT = 'p-001';
export const COMPARE_LATENCIES = [100, 0] as const;
const VISIBLE_TIMEOUT_MS = 20_000;

type RunPair = Record<AppId, Record<Phase, LaunchMeasure>>;

/** Sizes of the served files by URL (the sandbox serves them uncompressed), with their gzip -9 size. */
function servedFiles(dirs: Record<string, string>): (url: string) => FileSize | undefined {
  const cache = new Map<string, FileSize | undefined>();
  return (url) => {
    const { origin, pathname } = new URL(url);
    const dir = dirs[origin];
    if (!dir) return undefined;
    const path = join(dir, decodeURIComponent(pathname));
    if (!cache.has(path)) {
      try {
        if (!statSync(path).isFile()) throw new Error('not a file');
        const body = readFileSync(path);
        cache.set(path, { bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length });
      } catch {
        cache.set(path, undefined);
      }
    }
    return cache.get(path);
  };
}

interface Target {
  id: AppId;
  origin: string;
  launchUrl: string;
}

/** One launch in a new tab of `context`: from page.goto(launch URL) to both moments visible and the network quiet. */
async function launchOnce(browser: Browser, context: BrowserContext, target: Target, sizeOf: (url: string) => FileSize | undefined, label: string): Promise<LaunchMeasure> {
  const page = await instrumentedPage(browser, [], { context });
  try {
    const t0 = Date.now();
    await page.page.goto(target.launchUrl, { waitUntil: 'commit' });
    const name = await page.waitForMark('name', VISIBLE_TIMEOUT_MS);
    const observation = await page.waitForMark('observations', VISIBLE_TIMEOUT_MS);
    await page.network.idle(500);
    return launchMeasure(page.network.requests, t0, { name, observation }, COMPARE_PATIENT, target.origin, sizeOf);
  } catch (error) {
    await saveFailure(page, `compare-${label}`);
    throw error;
  } finally {
    await page.close();
  }
}

/** A fresh profile: the cold launch, then the warm one. */
async function profileRun(browser: Browser, target: Target, name: string, knobs: { latencyMs: number; ehrPreapproved: boolean }, sizeOf: (url: string) => FileSize | undefined): Promise<Record<Phase, LaunchMeasure>> {
  await sandboxControl.reset();
  await sandboxControl.knobs(knobs);
  const context = await benchContext(browser, [patientName(name), firstObservation]);
  try {
    const cold = await launchOnce(browser, context, target, sizeOf, `${target.id}-cold`);
    const warm = await launchOnce(browser, context, target, sizeOf, `${target.id}-warm`);
    await assertUndisturbed(knobs);
    return { cold, warm };
  } catch (error) {
    throw await explainFailure(error, knobs);
  } finally {
    await context.close();
  }
}

const KEYS = [...FIGURES.map((f) => f.key), ...GAPS];

function phaseFigures(pairs: RunPair[], phase: Phase): PhaseFigures {
  const of = (app: AppId, key: keyof LaunchMeasure) => pairs.map((p) => p[app][phase][key] as number | null);
  const samples = (app: AppId) => Object.fromEntries(KEYS.map((key) => [key, sample(of(app, key))])) as PhaseFigures['app'];
  const medianRun = (app: AppId) => {
    const index = medianRunIndex(of(app, 'nameVisibleMs'));
    const { nameVisibleMs, firstObservationMs, criticalPathToName, criticalPathToObservation, timeline } = pairs[index]![app][phase];
    // The whole timeline of the cold launch only: the warm one is the same requests, most from the cache.
    return { run: index + 1, nameVisibleMs, firstObservationMs, criticalPathToName, criticalPathToObservation, ...(phase === 'cold' ? { timeline } : {}) };
  };
  return {
    app: samples('app'),
    reference: samples('reference'),
    ratio: Object.fromEntries(FIGURES.map(({ key }) => [key, pairedRatios(of('app', key), of('reference', key))])) as PhaseFigures['ratio'],
    medianRun: { app: medianRun('app'), reference: medianRun('reference') },
  };
}

export async function measureCompare(
  browser: Browser,
  options: { runs: number; appDir: string; referenceDir: string },
  log: (line: string) => void,
): Promise<CompareFigures> {
  const launch = await ehrLaunchFor(COMPARE_PATIENT);
  const appLaunch = new URL(launch.launchUrl);
  const referenceLaunch = new URL(`/launch.html${appLaunch.search}`, REFERENCE_ORIGIN);
  const targets: Record<AppId, Target> = {
    app: { id: 'app', origin: APP_ORIGIN, launchUrl: appLaunch.href },
    reference: { id: 'reference', origin: REFERENCE_ORIGIN, launchUrl: referenceLaunch.href },
  };
  const sizeOf = servedFiles({ [APP_ORIGIN]: options.appDir, [REFERENCE_ORIGIN]: options.referenceDir });

  // Not counted: the first launches warm up the sandbox (JIT, indexes, oidc-provider) and Chromium.
  for (const id of ['app', 'reference'] as const) {
    const run = await profileRun(browser, targets[id], launch.name, { latencyMs: 0, ehrPreapproved: true }, sizeOf);
    log(`  warm-up ${id} (not counted): name ${run.cold.nameVisibleMs} ms`);
  }

  const conditions: Condition[] = [];
  for (const ehrPreapproved of [true, false]) {
    for (const latencyMs of COMPARE_LATENCIES) {
      const pairs: RunPair[] = [];
      const order: AppId[] = [];
      for (let i = 0; i < options.runs; i++) {
        const pair: Partial<RunPair> = {};
        const sequence = pairOrder<AppId>(i, 'app', 'reference');
        order.push(sequence[0]);
        for (const id of sequence) pair[id] = await profileRun(browser, targets[id], launch.name, { latencyMs, ehrPreapproved }, sizeOf);
        pairs.push(pair as RunPair);
        const { app, reference } = pair as RunPair;
        log(
          `  ${ehrPreapproved ? 'pre-approved' : 'full sign-in'}, +${latencyMs} ms, pair ${i + 1}/${options.runs} (${sequence.join(' then ')}): ` +
            `name ${app.cold.nameVisibleMs} / ${reference.cold.nameVisibleMs} ms cold, ${app.warm.nameVisibleMs} / ${reference.warm.nameVisibleMs} ms warm (app / reference)`,
        );
      }
      conditions.push({ latencyMs, ehrPreapproved, budgeted: ehrPreapproved, order, cold: phaseFigures(pairs, 'cold'), warm: phaseFigures(pairs, 'warm') });
    }
  }

  const withoutDevtools = await measureWithoutDevtools(
    { app: appLaunch.href, reference: referenceLaunch.href },
    [patientName(launch.name), firstObservation],
    { runs: options.runs, latencies: COMPARE_LATENCIES },
    log,
  );

  return {
    method:
      `EHR launch of ${COMPARE_PATIENT} (${launch.name}) with need_patient_banner=true, the same launch parameter for both apps: this app at ${appLaunch.origin}${appLaunch.pathname}, ` +
      `the reference app (fhirclient 2.6 + React, bench/reference) at ${referenceLaunch.origin}${referenceLaunch.pathname}, on the same sandbox. ` +
      'Each run: a fresh browser context (a new profile: empty cache, no cookies), the cold launch in a tab, then the warm launch in a new tab of the same context. ' +
      `${options.runs} paired run(s) per condition, alternating which app goes first (A B, B A, …), after one uncounted warm-up launch of each. ` +
      'Start: just before page.goto(launch URL). Name visible: the first animation frame after a heading or the patient banner shows the name; first observation: ' +
      'after a row with a number appears in a list labelled observations/vitals/labs. Requests: every request of the page and its workers until both are visible and ' +
      'the network has been quiet for 500 ms (Playwright’s events, CDP for the preflights and cache hits). Ratios: this app / reference for each pair; median and min–max of those ratios. ' +
      'Budgets (cold, pre-approved authorize: one redirect): name and first observation ratio ≤ 0.85 at 100 ms, ≤ 1.0 at 0 ms. The full sign-in flow (three redirects) is reported beside, without budget.',
    patientId: COMPARE_PATIENT,
    runs: options.runs,
    launchUrls: { app: appLaunch.href, reference: referenceLaunch.href },
    conditions,
    withoutDevtools,
  };
}
