// The side by side's visible times once more, in a browser that no DevTools client is attached to during the
// launch, as in a clinician's browser. Playwright attaches to every page and worker (it pauses each new worker
// until it has enabled its domains, and every request of the page and its workers becomes a protocol message),
// and that costs more to an app with a worker and more requests. Here Chromium is started per run with a fresh
// profile; the same in-page recorder comes in as a content script of an unpacked extension (the page's own
// realm, before any page script), the launch URL is opened through the DevTools HTTP endpoint (no session),
// and a client connects only after the launch, to read the recorder's marks.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from '../scripts/chromium.mjs';
import { CHROMIUM_ARGS, recorderScript, type Marker } from './browser';
import type { AppId } from './compareFigures';
import { pairedRatios, pairOrder, type Ratio } from './ratios';
import { sandboxControl } from './sandbox';
import { sample, type Sample } from './stats';

export interface WithoutDevtoolsCondition {
  latencyMs: number;
  /** ms from the launch document's navigation start (Performance timeOrigin) to the moment, cold. */
  app: { nameVisibleMs: Sample; firstObservationMs: Sample };
  reference: { nameVisibleMs: Sample; firstObservationMs: Sample };
  ratio: { nameVisibleMs: Ratio; firstObservationMs: Ratio };
}

export interface WithoutDevtoolsFigures {
  method: string;
  conditions: WithoutDevtoolsCondition[];
}

export const LAUNCH_START_KEY = '__benchLaunchStart';

/**
 * The tab's first document of the app's origin (the launch page) notes its navigation start; the documents after
 * it (the callback, the chart) keep that one. Frames do not count.
 */
export const launchStartScript = `if (window.top === window && !sessionStorage.getItem('${LAUNCH_START_KEY}')) sessionStorage.setItem('${LAUNCH_START_KEY}', String(performance.timeOrigin));`;

/** The launch start, then the recorder. */
const contentScript = (markers: Marker[]) => `${launchStartScript}\n${recorderScript(markers)}`;

function writeExtension(markers: Marker[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-recorder-'));
  const manifest = {
    manifest_version: 3,
    name: 'bench recorder',
    version: '1',
    content_scripts: [{ matches: ['http://127.0.0.1/*'], js: ['recorder.js'], run_at: 'document_start', world: 'MAIN' }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'recorder.js'), contentScript(markers));
  return dir;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function devtoolsPort(profile: string, child: ChildProcess): Promise<number> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`Chromium exited with ${child.exitCode}`);
    try {
      const port = Number(readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0]);
      if (port > 0) return port;
    } catch {
      // not written yet
    }
    await sleep(50);
  }
  throw new Error('Chromium did not open its DevTools port');
}

interface Moments {
  nameVisibleMs: number;
  firstObservationMs: number;
}

async function launchOnce(executable: string, extension: string, url: string, latencyMs: number): Promise<Moments> {
  const profile = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const child = spawn(
    executable,
    [...CHROMIUM_ARGS, '--headless=new', `--user-data-dir=${profile}`, '--remote-debugging-port=0', `--disable-extensions-except=${extension}`, `--load-extension=${extension}`, '--window-size=1280,900', 'about:blank'],
    { stdio: 'ignore' },
  );
  try {
    const port = await devtoolsPort(profile, child);
    await sleep(1000); // the browser and its extension settle, as in a browser opened before the EHR launches the app
    const opened = await fetch(`http://127.0.0.1:${port}/json/new?${encodeURIComponent(url)}`, { method: 'PUT' });
    if (!opened.ok) throw new Error(`DevTools /json/new: HTTP ${opened.status}`);
    await sleep(2000 + 15 * latencyMs); // the launch takes well under a second here; nothing is attached meanwhile
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    try {
      const page = browser.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith('http://127.0.0.1'));
      if (!page) throw new Error('the launched tab is gone');
      const read = () =>
        page.evaluate((key) => {
          const marks = (window as unknown as { __bench?: { marks: Record<string, { frame?: number }> } }).__bench?.marks ?? {};
          return { start: Number(sessionStorage.getItem(key)), name: marks.name?.frame, observation: marks.observations?.frame, url: location.href };
        }, LAUNCH_START_KEY);
      const state = await read();
      if (!state.start || !state.name || !state.observation) throw new Error(`the launch was not done after ${2000 + 15 * latencyMs} ms (at ${state.url})`);
      return { nameVisibleMs: Math.round(state.name - state.start), firstObservationMs: Math.round(state.observation - state.start) };
    } finally {
      // Chromium quits itself (and its child processes) before its profile goes.
      await browser.newBrowserCDPSession().then((session) => session.send('Browser.close')).catch(() => undefined);
    }
  } finally {
    const exited = new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}

/** Cold launches only (a fresh profile each), paired and in alternating order, pre-approved authorize. */
export async function measureWithoutDevtools(
  urls: Record<AppId, string>,
  markers: Marker[],
  options: { runs: number; latencies: readonly number[] },
  log: (line: string) => void,
): Promise<WithoutDevtoolsFigures> {
  const found = findChromium();
  const executable = found ?? chromium.executablePath();
  const extension = writeExtension(markers);
  const once = async (id: AppId, latencyMs: number) => {
    await sandboxControl.reset();
    await sandboxControl.knobs({ latencyMs, ehrPreapproved: true });
    return launchOnce(executable, extension, urls[id], latencyMs);
  };
  try {
    for (const id of ['app', 'reference'] as const) await once(id, 0); // warm-up, not counted
    const conditions: WithoutDevtoolsCondition[] = [];
    for (const latencyMs of options.latencies) {
      const pairs: Record<AppId, Moments>[] = [];
      for (let i = 0; i < options.runs; i++) {
        const pair: Partial<Record<AppId, Moments>> = {};
        for (const id of pairOrder<AppId>(i, 'app', 'reference')) pair[id] = await once(id, latencyMs);
        pairs.push(pair as Record<AppId, Moments>);
        log(`  without DevTools, +${latencyMs} ms, pair ${i + 1}/${options.runs}: name ${pair.app!.nameVisibleMs} / ${pair.reference!.nameVisibleMs} ms (app / reference)`);
      }
      const of = (id: AppId, key: keyof Moments) => pairs.map((p) => p[id][key]);
      const side = (id: AppId) => ({ nameVisibleMs: sample(of(id, 'nameVisibleMs')), firstObservationMs: sample(of(id, 'firstObservationMs')) });
      conditions.push({
        latencyMs,
        app: side('app'),
        reference: side('reference'),
        ratio: {
          nameVisibleMs: pairedRatios(of('app', 'nameVisibleMs'), of('reference', 'nameVisibleMs')),
          firstObservationMs: pairedRatios(of('app', 'firstObservationMs'), of('reference', 'firstObservationMs')),
        },
      });
    }
    return {
      method:
        'The same EHR launches, cold, pre-approved authorize, in a Chromium that no DevTools client is attached to until the launch is over: a fresh profile and browser per run, ' +
        'the in-page recorder as a content script of an unpacked extension, the launch URL opened through the DevTools HTTP endpoint, the marks read afterwards. ' +
        'Times from the launch document’s navigation start. Paired, alternating order, after one uncounted launch of each app.',
      conditions,
    };
  } finally {
    rmSync(extension, { recursive: true, force: true });
  }
}
