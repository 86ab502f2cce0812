// The sandbox for the benchmark: reuse one already listening on the ports, or start it in-process (and stop
// it at the end). Also the sandbox's control API (knobs, stats, reset) and the EHR simulator's launch URLs.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Knobs, Stats } from '../sandbox/knobs';
import { APP_ORIGIN, APP_PORT, AUTH_ISSUER, AUTH_PORT, EHR_ORIGIN, EHR_PORT, FHIR_BASE, FHIR_PORT, HOST, REFERENCE_ORIGIN, REFERENCE_PORT } from '../sandbox/ports';
import { startSandbox } from '../sandbox/start';
import { startAppServer } from '../sandbox/static/server';

export { APP_ORIGIN, AUTH_ISSUER, EHR_ORIGIN, FHIR_BASE, REFERENCE_ORIGIN };

export interface BenchSandbox {
  /** 'started' (in-process, stopped by close), 'reused' (already running), 'reused+app' (we added the app server); '+reference' when we added the reference app's server. */
  mode: string;
  close(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1500) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** The ports the sandbox uses unless APP_PORT, AUTH_PORT, FHIR_PORT or EHR_PORT say otherwise. */
const DEFAULT_PORTS: [number, number][] = [
  [4173, APP_PORT],
  [4400, AUTH_PORT],
  [4500, FHIR_PORT],
  [4300, EHR_PORT],
];

/**
 * A copy of dist/ for this run, so that a concurrent `vite build` cannot pull files from under the pages. The
 * built smart-config.json names the sandbox's default ports (issuer, auth origins, EHR origins; the static
 * server derives the CSP from it): on other ports, the copy's config names those instead.
 */
export async function snapshotDist(distDir: string, scratchDir: string): Promise<string> {
  const copy = join(scratchDir, 'dist-served');
  await rm(copy, { recursive: true, force: true });
  await mkdir(scratchDir, { recursive: true });
  await cp(distDir, copy, { recursive: true });
  const moved = DEFAULT_PORTS.filter(([from, to]) => from !== to);
  if (moved.length) {
    const config = await readFile(join(copy, 'smart-config.json'), 'utf8');
    await writeFile(join(copy, 'smart-config.json'), moved.reduce((text, [from, to]) => text.replaceAll(`${HOST}:${from}`, `${HOST}:${to}`), config));
  }
  return copy;
}

/** Whether the reference app served on REFERENCE_ORIGIN is this build (a reused sandbox may serve another). */
async function servesReference(referenceDir: string): Promise<'ours' | 'other' | 'none'> {
  try {
    const response = await fetch(`${REFERENCE_ORIGIN}/launch.html`, { signal: AbortSignal.timeout(1500) });
    const served = await response.text();
    return served === (await readFile(join(referenceDir, 'launch.html'), 'utf8')) ? 'ours' : 'other';
  } catch {
    return 'none';
  }
}

/** `served`: the dist/ copy from snapshotDist(); `referenceDir`: the reference app's build, served on REFERENCE_PORT. */
export async function ensureSandbox(served: string, referenceDir?: string): Promise<BenchSandbox> {
  const [ehr, auth, fhir, app] = await Promise.all([
    answers(`${EHR_ORIGIN}/`),
    answers(`${AUTH_ISSUER}/__sandbox/stats`),
    answers(`${FHIR_BASE}/metadata`),
    answers(`${APP_ORIGIN}/smart-config.json`),
  ]);
  if (!ehr && !auth && !fhir && !app) {
    const sandbox = await startSandbox({ distDir: served, referenceDir });
    if (!sandbox.appUrl) throw new Error(`the sandbox did not serve the app from ${served}`);
    return { mode: 'started', close: () => sandbox.close() };
  }
  const closers: (() => Promise<void>)[] = [];
  let mode: string;
  if (ehr && auth && fhir && app) mode = 'reused';
  else if (ehr && auth && fhir && !app) {
    // e.g. `npm run sandbox` (--no-app) is running: serve dist/ beside it.
    const server = await startAppServer({ host: HOST, port: APP_PORT, distDir: served });
    closers.push(server.close);
    mode = 'reused+app';
  } else {
    const up = Object.entries({ ehr, auth, fhir, app }).filter(([, ok]) => ok).map(([name]) => name);
    throw new Error(
      `Some sandbox ports are taken (${up.join(', ')} answer) but not by a whole sandbox. Stop that process, or run the ` +
        'benchmark on other ports: APP_PORT=37173 AUTH_PORT=37400 FHIR_PORT=37500 EHR_PORT=37300 REFERENCE_PORT=37174 npm run bench',
    );
  }
  const close = async () => {
    for (const closer of closers) await closer();
  };
  if (referenceDir) {
    const reference = await servesReference(referenceDir);
    if (reference === 'other') {
      await close();
      throw new Error(`${REFERENCE_ORIGIN} serves another build of the reference app: stop that sandbox, or run the benchmark on other ports (REFERENCE_PORT=…)`);
    }
    if (reference === 'none') {
      const server = await startAppServer({ host: HOST, port: REFERENCE_PORT, distDir: referenceDir, securityHeaders: false });
      closers.push(server.close);
      mode += '+reference';
    }
  }
  return { mode, close };
}

async function control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${AUTH_ISSUER}/__sandbox/${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`sandbox control ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export const sandboxControl = {
  reset: () => control<unknown>('POST', 'reset'),
  knobs: (patch: Partial<Knobs>) => control<Knobs>('POST', 'knobs', patch),
  currentKnobs: () => control<Knobs>('GET', 'knobs'),
  stats: () => control<Stats>('GET', 'stats'),
};

/**
 * The knobs and counters are global to the sandbox: another client (a test run reusing this sandbox) can reset
 * them or revoke every grant mid-run. After each run, check that the knobs are still ours and the counters
 * still count our code exchange; if not, the run's figures mean nothing.
 */
export async function assertUndisturbed(expected: Partial<Knobs>): Promise<void> {
  const [knobs, stats] = await Promise.all([sandboxControl.currentKnobs(), sandboxControl.stats()]);
  const problems = Object.entries(expected)
    .filter(([key, value]) => knobs[key as keyof Knobs] !== value)
    .map(([key, value]) => `${key} is ${String(knobs[key as keyof Knobs])}, not ${String(value)}`);
  if (knobs.rejectTokensIssuedBefore) problems.push('every grant was revoked (revoke-all)');
  if (knobs.refuseNextTokenRequests) problems.push('token requests are being refused');
  if (stats.tokenRequests.authorization_code === 0) problems.push('the counters were reset');
  if (problems.length) {
    throw new Error(
      `another client changed the sandbox during this run (${problems.join('; ')}). Run the benchmark alone, or on ports of its own: ` +
        'APP_PORT=37173 AUTH_PORT=37400 FHIR_PORT=37500 EHR_PORT=37300 npm run bench',
    );
  }
}

export interface EhrPatientLaunch {
  patientId: string;
  name: string;
  /** The app's EHR launch URL (/launch?iss=…&launch=…), as the EHR simulator builds it. */
  launchUrl: string;
  /** Where the launch URL came from. */
  source: string;
}

const unescapeHtml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[entity] ?? '');

/**
 * The EHR launch URL for a patient, read from the EHR simulator: the patient list's "Open in new window" link
 * (need_patient_banner=true, so the app must show the patient's name), else the embedded chart page's iframe src.
 * The benchmark opens it directly, so it times the app and not the simulator's page.
 */
export async function ehrLaunchFor(patientId: string): Promise<EhrPatientLaunch> {
  const list = await (await fetch(`${EHR_ORIGIN}/`)).text();
  const link = /<a href="([^"]+)"[^>]*aria-label="Open in new window: ([^"]*)"/g;
  for (const match of list.matchAll(link)) {
    const url = unescapeHtml(match[1]!);
    const launch = new URL(url).searchParams.get('launch');
    if (!launch) continue;
    // The launch value is opaque to the app; the simulator's is base64url JSON naming the patient.
    let patient: unknown;
    try {
      patient = (JSON.parse(Buffer.from(launch, 'base64url').toString('utf8')) as { patient?: unknown }).patient;
    } catch {
      patient = undefined;
    }
    if (patient === patientId) return { patientId, name: unescapeHtml(match[2]!), launchUrl: url, source: `${EHR_ORIGIN}/ "Open in new window" link` };
  }
  const page = await (await fetch(`${EHR_ORIGIN}/ehr/${encodeURIComponent(patientId)}`)).text();
  const src = /<iframe[^>]*\ssrc="([^"]+)"/.exec(page)?.[1];
  const name = /<span class="name">([^<]*)<\/span>/.exec(page)?.[1];
  if (!src || !name) throw new Error(`the EHR simulator has no launch for patient ${patientId}`);
  return { patientId, name: unescapeHtml(name), launchUrl: unescapeHtml(src), source: `${EHR_ORIGIN}/ehr/${patientId} iframe src` };
}

export const standaloneLaunchUrl = `${APP_ORIGIN}/launch?${new URLSearchParams({ iss: FHIR_BASE })}`;

/** After a failed run: the disturbance, when there was one, explains it better than the symptom. */
export async function explainFailure(error: unknown, expected: Partial<Knobs>): Promise<unknown> {
  try {
    await assertUndisturbed(expected);
    return error;
  } catch (disturbed) {
    return disturbed;
  }
}
