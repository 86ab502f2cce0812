// `npm run bench` (npx tsx bench/run.ts): what users feel, against budgets. Prints ONE JSON object on stdout
// (also saved to bench-results/latest.json) and a readable table on stderr; exits 1 when a budget is missed.
//
//   --runs N             runs per launch/scale figure, median reported; paired runs per condition of the
//                        side by side (default 5)
//   --quick              1 run and a 60 s session (instead of 200 s)
//   --session-seconds S  length of the compressed session
//   --only a,b           some of: bundle, ehr, standalone, session, scale, compare (side by side with the
//                        reference app, bench/reference: fhirclient 2.6 + React)
//   --analyze            also attribute the initial JS to npm packages (a second build with source maps)
//   --no-build           use dist/ and the reference build as they are (default: npx vite build when missing or stale)
//   --cpu-throttle N     slow the page's CPU N times (CDP), to see a slower clinician PC (default 1: none;
//                        Chromium throttles pages only, not the token vault's worker)
//
// Ports: the sandbox's (APP_PORT, AUTH_PORT, FHIR_PORT, EHR_PORT, REFERENCE_PORT). A sandbox already running there
// is reused.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { analyzeInitial } from './analyze';
import { launchChromium, pageSettings } from './browser';
import { measureBundle } from './bundle';
import { ensureBuild, ensureReferenceBuild } from './build';
import { measureCompare } from './compare';
import { measureEhrLaunch, measureStandaloneLaunch } from './launch';
import { DIST, REFERENCE_DIST, RESULTS_DIR, ROOT } from './paths';
import { criticalPaths, evaluateBudgets, formatTable, tableRows, type Outcome, type Results } from './report';
import { APP_ORIGIN, AUTH_ISSUER, EHR_ORIGIN, ensureSandbox, FHIR_BASE, REFERENCE_ORIGIN, sandboxControl, snapshotDist } from './sandbox';
import { measureScale } from './scale';
import { measureSession } from './session';

const SCENARIOS = ['bundle', 'ehr', 'standalone', 'session', 'scale', 'compare'] as const;
type Scenario = (typeof SCENARIOS)[number];

export interface Options {
  runs: number;
  quick: boolean;
  sessionSeconds: number;
  only: Scenario[];
  analyze: boolean;
  build: boolean;
  cpuThrottle: number;
}

const LATENCY_MS = 100;
const TOKEN_TTL_S = 20;

export function parseArgs(argv: string[]): Options {
  const options: Options = { runs: 5, quick: false, sessionSeconds: 10 * TOKEN_TTL_S, only: [...SCENARIOS], analyze: false, build: true, cpuThrottle: 1 };
  let sessionSet = false;
  let runsSet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const positive = (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number, got ${v}`);
      return n;
    };
    if (flag === '--runs') [options.runs, runsSet] = [positive(value()), true];
    else if (flag === '--quick') options.quick = true;
    else if (flag === '--session-seconds') [options.sessionSeconds, sessionSet] = [positive(value()), true];
    else if (flag === '--only') {
      const names = value().split(',').map((s) => s.trim()) as Scenario[];
      const unknown = names.filter((n) => !SCENARIOS.includes(n));
      if (unknown.length) throw new Error(`--only: unknown ${unknown.join(', ')} (use ${SCENARIOS.join(', ')})`);
      options.only = names;
    } else if (flag === '--analyze') options.analyze = true;
    else if (flag === '--no-build') options.build = false;
    else if (flag === '--cpu-throttle') options.cpuThrottle = positive(value());
    else if (flag === '--help' || flag === '-h') {
      process.stderr.write(`npx tsx bench/run.ts [--runs N] [--quick] [--session-seconds S] [--only ${SCENARIOS.join(',')}] [--analyze] [--no-build] [--cpu-throttle N]\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  if (options.quick) {
    if (!runsSet) options.runs = 1;
    if (!sessionSet) options.sessionSeconds = 3 * TOKEN_TTL_S;
  }
  return options;
}

const load1 = () => Math.round(loadavg()[0]! * 100) / 100;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function attempt<T>(name: string, work: () => Promise<T>): Promise<Outcome<T>> {
  const started = Date.now();
  log(`${name}…`);
  try {
    const result = await work();
    log(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${name}: FAILED: ${message}`);
    return { error: message };
  }
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  pageSettings.cpuThrottle = options.cpuThrottle;
  const startedAt = new Date();
  const loadStart = load1();
  const wants = (s: Scenario) => options.only.includes(s);
  await mkdir(RESULTS_DIR, { recursive: true });

  const build = ensureBuild(ROOT, { skip: !options.build, log });
  const referenceBuild = wants('compare') ? ensureReferenceBuild(ROOT, { skip: !options.build, log }) : undefined;
  const served = await snapshotDist(DIST, RESULTS_DIR);
  const results: Results = {};
  if (wants('bundle')) {
    results.bundle = await attempt('Bundle', async () => ({
      ...measureBundle(served),
      ...(options.analyze ? { analysis: analyzeInitial(ROOT, join(RESULTS_DIR, 'analyze'), log) } : {}),
    }));
  }

  let environment: Record<string, unknown> = {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    build,
    ...(referenceBuild ? { referenceBuild } : {}),
    origins: { app: APP_ORIGIN, auth: AUTH_ISSUER, fhir: FHIR_BASE, ehr: EHR_ORIGIN, ...(referenceBuild ? { reference: REFERENCE_ORIGIN } : {}) },
  };
  const browserScenarios = options.only.filter((s) => s !== 'bundle');
  if (browserScenarios.length) {
    const sandbox = await ensureSandbox(served, referenceBuild ? REFERENCE_DIST : undefined);
    log(`Sandbox: ${sandbox.mode}`);
    const chromium = await launchChromium().catch(async (error: unknown) => {
      await sandbox.close();
      throw error;
    });
    environment = { ...environment, sandbox: sandbox.mode, chromium: { executable: chromium.executable, version: chromium.version } };
    const stop = async () => {
      await chromium.browser.close().catch(() => undefined);
      await sandboxControl.reset().catch(() => undefined); // leave a reused sandbox with default knobs
      await sandbox.close();
    };
    process.once('SIGINT', () => void stop().then(() => process.exit(130)));
    try {
      const { browser } = chromium;
      if (wants('ehr')) results.ehrLaunch = await attempt('EHR launch', () => measureEhrLaunch(browser, options.runs, LATENCY_MS, log));
      if (wants('standalone')) results.standaloneLaunch = await attempt('Standalone launch', () => measureStandaloneLaunch(browser, options.runs, LATENCY_MS, log));
      if (wants('session'))
        results.session = await attempt(`Session (${options.sessionSeconds} s)`, () =>
          measureSession(browser, { durationS: options.sessionSeconds, ttlS: TOKEN_TTL_S, latencyMs: LATENCY_MS }, log),
        );
      if (wants('scale')) results.scale = await attempt('Scale (p-large)', () => measureScale(browser, options.runs, LATENCY_MS, log));
      if (wants('compare'))
        results.compare = await attempt('Side by side with the reference app', () => measureCompare(browser, { runs: options.runs, appDir: served, referenceDir: REFERENCE_DIST }, log));
    } finally {
      await stop();
    }
  }

  // 1-minute load average at the start and the end: figures from a busy machine are slower.
  const load = { start: loadStart, end: load1() };
  environment = { ...environment, loadAverage: load };
  const budgets = evaluateBudgets(results);
  const missed = budgets.filter((b) => b.status === 'fail' || b.status === 'error');
  const output = {
    schemaVersion: 1,
    ok: missed.length === 0,
    missed: missed.map((b) => b.id),
    startedAt: startedAt.toISOString(),
    durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
    options: {
      runs: options.runs,
      quick: options.quick,
      sessionSeconds: options.sessionSeconds,
      only: options.only,
      cpuThrottle: options.cpuThrottle,
      latencyMs: LATENCY_MS,
      accessTokenTtlS: TOKEN_TTL_S,
    },
    environment,
    budgets,
    ...results,
  };
  const json = JSON.stringify(output, null, 2);
  await writeFile(join(RESULTS_DIR, 'latest.json'), `${json}\n`);
  process.stdout.write(`${json}\n`);
  log(`\n${formatTable(tableRows(results, budgets))}\n`);
  log(`${criticalPaths(results)}\n`);
  if (Math.max(load.start, load.end) > cpus().length) log(`Note: the machine was busy (load average ${load.start} → ${load.end} on ${cpus().length} CPUs): timings are pessimistic.`);
  log(missed.length ? `Budgets missed: ${missed.map((b) => b.id).join(', ')}` : 'All budgets met.');
  log(`Saved: ${join(RESULTS_DIR, 'latest.json')}`);
  return missed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);
