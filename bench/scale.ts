// The 5,000-observation patient: first observations after the token, the vitals chart drawn, the JS heap after
// loading, and the longest main-thread task while loading and while scrolling / switching ranges and views.
import type { Browser, Page } from '@playwright/test';
import { viewLink, viewLinks } from './actions';
import { instrumentedPage, type InstrumentedPage, type LongTask } from './browser';
import { saveFailure, warmUp } from './launch';
import { chartCanvas, firstObservation, patientName } from './markers';
import { kindOf } from './requests';
import { assertUndisturbed, ehrLaunchFor, explainFailure, sandboxControl, type EhrPatientLaunch } from './sandbox';
import { medianRunIndex, sample, type Sample } from './stats';

export const SCALE_PATIENT = 'p-large';
const MB = 1024 * 1024;

export interface ScaleRun {
  firstObservationsAfterTokenMs: number;
  /** null: no Vitals view with a chart in this UI. */
  chartDrawnAfterTokenMs: number | null;
  chartDrawnAfterClickMs: number | null;
  heapAfterLoadMB: number;
  heapAfterInteractionMB: number;
  longestTaskLoadingMs: number;
  longestTaskInteractionMs: number;
  longTasksLoading: number;
  longTasksInteraction: number;
  interactions: string[];
}

export interface ScaleFigures {
  method: string;
  patientId: string;
  latencyMs: number;
  runs: number;
  chartStatus: 'measured' | 'not measurable yet';
  firstObservationsAfterTokenMs: Sample;
  chartDrawnAfterTokenMs: Sample;
  chartDrawnAfterClickMs: Sample;
  heapAfterLoadMB: Sample;
  heapAfterInteractionMB: Sample;
  longestTaskLoadingMs: Sample;
  longestTaskInteractionMs: Sample;
  longTasksLoading: Sample;
  longTasksInteraction: Sample;
  /** What the interaction phase did (median run). */
  interactions: string[];
}

const longest = (tasks: LongTask[]) => tasks.reduce((max, task) => Math.max(max, task.duration), 0);

async function settle(page: InstrumentedPage, quietMs = 500): Promise<void> {
  await page.network.idle(quietMs, 20_000);
  await page.page.waitForTimeout(200);
}

/** Wheel-scrolls the page and every visible scrollable region (virtual tables) down and back up. */
async function scrollAround(page: Page): Promise<void> {
  const regions = page.locator('main [role="region"][tabindex], main .vtable--scroll');
  const targets = [page.locator('main').first(), ...(await regions.all())];
  for (const target of targets) {
    if (!(await target.isVisible().catch(() => false))) continue;
    await target.hover({ timeout: 2_000 }).catch(() => undefined);
    for (let i = 0; i < 8; i++) {
      await page.mouse.wheel(0, 500);
      await page.waitForTimeout(60);
    }
    for (let i = 0; i < 8; i++) {
      await page.mouse.wheel(0, -500);
      await page.waitForTimeout(60);
    }
  }
}

/** The labels of the current view's time-range options, and the one chosen now. */
async function ranges(page: Page): Promise<{ labels: string[]; current?: string }> {
  const options = page.locator('main fieldset label:has(input[type="radio"])');
  const labels: string[] = [];
  let current: string | undefined;
  for (const option of await options.all()) {
    if (!(await option.isVisible().catch(() => false))) continue;
    const label = (await option.innerText()).trim();
    labels.push(label);
    if (await option.locator('input').isChecked()) current = label;
  }
  return { labels, current };
}

/** Scrolls, tries every time range of the current view (ending on the one it had), then visits every view. */
async function interact(page: InstrumentedPage): Promise<string[]> {
  const done: string[] = [];
  await scrollAround(page.page);
  done.push('scroll');
  const { labels, current } = await ranges(page.page);
  const order = [...labels.filter((label) => label !== current), ...(current ? [current] : [])];
  for (const label of order) {
    await page.page.locator('main fieldset label:has(input[type="radio"])').filter({ hasText: label }).first().click({ timeout: 3_000 });
    done.push(`range ${label}`);
    await settle(page);
    await scrollAround(page.page);
  }
  const views = (await viewLinks(page.page).allInnerTexts()).map((text) => text.trim()).filter(Boolean);
  const here = views.findIndex((name) => /vitals/i.test(name));
  const tour = [...views.slice(here + 1), ...views.slice(0, here + 1)];
  for (const name of tour) {
    await viewLink(page.page, new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
      .click({ timeout: 3_000 })
      .catch(() => undefined);
    done.push(`view ${name}`);
    await settle(page);
    await scrollAround(page.page);
  }
  return done;
}

async function scaleRun(browser: Browser, launch: EhrPatientLaunch, latencyMs: number): Promise<ScaleRun> {
  await sandboxControl.reset();
  await sandboxControl.knobs({ latencyMs });
  const page = await instrumentedPage(browser, [patientName(launch.name), firstObservation]);
  try {
    await page.page.goto(launch.launchUrl, { waitUntil: 'commit' });
    const observationsAt = await page.waitForMark('observations', 30_000);
    const token = page.network.requests.find((r) => kindOf(r) === 'token' && r.method === 'POST' && r.end !== undefined);
    if (!token?.end) throw new Error('no token response seen');

    // The user goes to the Vitals view as soon as the summary shows data.
    let chartAt: number | null = null;
    let clickAt: number | null = null;
    const vitals = viewLink(page.page, /^vitals$/i);
    await page.watch(chartCanvas);
    if (await vitals.isVisible().catch(() => false)) {
      clickAt = Date.now();
      await vitals.click();
      chartAt = await page.waitForMark('chart', 30_000);
    } else {
      chartAt = await page.waitForMark('chart', 3_000).catch(() => null);
    }
    await settle(page, 1_000);
    const loadedAt = Date.now();
    const heapAfterLoad = await page.heapUsedBytes();

    const interactions = await interact(page);
    await settle(page);
    const heapAfterInteraction = await page.heapUsedBytes();
    await assertUndisturbed({ latencyMs });
    const { longTasks } = await page.state();
    const loading = longTasks.filter((task) => task.start < loadedAt);
    const interacting = longTasks.filter((task) => task.start >= loadedAt);
    return {
      firstObservationsAfterTokenMs: observationsAt - token.end,
      chartDrawnAfterTokenMs: chartAt === null ? null : chartAt - token.end,
      chartDrawnAfterClickMs: chartAt === null || clickAt === null ? null : chartAt - clickAt,
      heapAfterLoadMB: heapAfterLoad / MB,
      heapAfterInteractionMB: heapAfterInteraction / MB,
      longestTaskLoadingMs: longest(loading),
      longestTaskInteractionMs: longest(interacting),
      longTasksLoading: loading.length,
      longTasksInteraction: interacting.length,
      interactions,
    };
  } catch (error) {
    await saveFailure(page, 'scale');
    throw await explainFailure(error, { latencyMs });
  } finally {
    await page.close();
  }
}

export async function measureScale(browser: Browser, runs: number, latencyMs: number, log: (line: string) => void): Promise<ScaleFigures> {
  const launch = await ehrLaunchFor(SCALE_PATIENT);
  await warmUp(browser, SCALE_PATIENT, log);
  const results: ScaleRun[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await scaleRun(browser, launch, latencyMs);
    results.push(run);
    log(
      `  Scale run ${i + 1}/${runs}: observations ${Math.round(run.firstObservationsAfterTokenMs)} ms after the token, ` +
        `chart ${run.chartDrawnAfterTokenMs === null ? 'n/a' : `${Math.round(run.chartDrawnAfterTokenMs)} ms`}, heap ${run.heapAfterLoadMB.toFixed(1)} MB, ` +
        `longest task ${Math.round(run.longestTaskLoadingMs)} / ${Math.round(run.longestTaskInteractionMs)} ms`,
    );
  }
  const pick = <K extends keyof ScaleRun>(key: K) => results.map((r) => r[key] as number | null);
  const measured = results.some((r) => r.chartDrawnAfterTokenMs !== null);
  return {
    method:
      `EHR launch of ${SCALE_PATIENT} (${launch.name}: the 5,000-observation record) with ${latencyMs} ms latency, fresh context per run. ` +
      'First observations: a first row with a value (Summary’s latest vitals/labs) after the code exchange’s response arrived. ' +
      'Then the Vitals view is clicked at once; chart drawn = the first frame with a visible <canvas> (uPlot). ' +
      'Heap: CDP Performance.getMetrics JSHeapUsedSize (no forced GC) once the network has been quiet for 1 s. ' +
      'Long tasks: PerformanceObserver("longtask") in the /callback document (the whole app session); loading = until that quiet moment, ' +
      'interaction = wheel-scrolling the page and scrollable tables, every time range of the Vitals view, then every view in turn. ' +
      'The longtask API reports tasks of 50 ms or more: 0 means none that long. ' +
      `Median of ${runs} run(s), after one warm-up launch that is not counted.`,
    patientId: SCALE_PATIENT,
    latencyMs,
    runs,
    chartStatus: measured ? 'measured' : 'not measurable yet',
    firstObservationsAfterTokenMs: sample(pick('firstObservationsAfterTokenMs')),
    chartDrawnAfterTokenMs: sample(pick('chartDrawnAfterTokenMs')),
    chartDrawnAfterClickMs: sample(pick('chartDrawnAfterClickMs')),
    heapAfterLoadMB: sample(pick('heapAfterLoadMB'), 1),
    heapAfterInteractionMB: sample(pick('heapAfterInteractionMB'), 1),
    longestTaskLoadingMs: sample(pick('longestTaskLoadingMs')),
    longestTaskInteractionMs: sample(pick('longestTaskInteractionMs')),
    longTasksLoading: sample(pick('longTasksLoading')),
    longTasksInteraction: sample(pick('longTasksInteraction')),
    interactions: results[medianRunIndex(pick('firstObservationsAfterTokenMs'))]!.interactions,
  };
}
