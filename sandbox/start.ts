// One command for the whole sandbox: `npx tsx sandbox/start.ts [--profile smart|epic|canvas|s4s|all ...] [--no-app]`.
// Starts each profile's authorization server, FHIR server and EHR simulator (on the profile's ports), and, when
// dist/ is built, the app with a smart-config.json that lists the running profiles.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateDataset } from './data';
import { defaultState, SandboxState } from './knobs';
import { APP_PORT, HOST, PROFILE_PORTS, profileUrls, REFERENCE_PORT, type ProfilePorts } from './ports';
import { startAll, startProfile, type RunningProfile } from './profile';
import { sandboxSmartConfig } from './profiles/appConfig';
import { isProfileName, PROFILE_NAMES, type ProfileName } from './profiles/profiles';
import { readBuiltConfig, startAppServer } from './static/server';

export interface SandboxOptions {
  /** The profiles to run (default: smart). */
  profiles?: ProfileName[];
  /** Serve dist/ on the app port (default true; skipped when dist/index.html does not exist). */
  app?: boolean;
  distDir?: string;
  /** Serve this directory on the reference port (the benchmark's fhirclient reference app), with no CSP. */
  referenceDir?: string;
  seed?: number;
  /** Ports per profile (default PROFILE_PORTS), and of the app and the reference app (default APP_PORT, REFERENCE_PORT). */
  ports?: Partial<Record<ProfileName, ProfilePorts>>;
  appPort?: number;
  referencePort?: number;
}

export interface Sandbox {
  /** Each running profile: issuer, fhirBase, ehrUrl, controlUrl, state. */
  profiles: Partial<Record<ProfileName, RunningProfile>>;
  /** The first profile's EHR simulator, FHIR base and issuer. */
  ehrUrl: string;
  fhirBase: string;
  issuer: string;
  appUrl?: string;
  referenceUrl?: string;
  startupMs: number;
  close(): Promise<void>;
}

const DEV_ORIGIN = 'http://127.0.0.1:5173';
const DEFAULT_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const started = performance.now();
  const names = [...new Set(options.profiles?.length ? options.profiles : (['smart'] as ProfileName[]))];
  const dataset = generateDataset(options.seed);
  const distDir = resolve(options.distDir ?? DEFAULT_DIST);
  const serveApp = options.app !== false && existsSync(join(distDir, 'index.html'));
  const appOrigin = `http://${HOST}:${options.appPort ?? APP_PORT}`;
  const referencePort = options.referencePort ?? REFERENCE_PORT;
  const referenceOrigin = `http://${HOST}:${referencePort}`;
  const portsOf = (name: ProfileName) => options.ports?.[name] ?? PROFILE_PORTS[name];

  const profiles = names.map((name) =>
    startProfile({
      profile: name,
      host: HOST,
      ports: portsOf(name),
      dataset,
      appOrigin,
      referenceOrigin,
      extraOrigins: [DEV_ORIGIN],
      // The smart profile's knobs are the module's default state (what in-process code reads).
      state: name === 'smart' ? defaultState : new SandboxState(),
    }),
  );
  const starting: Promise<{ close(): Promise<void> }>[] = [...profiles];
  if (serveApp) {
    const running = names.map((name) => ({ name, ...profileUrls(name, portsOf(name)) }));
    const known = PROFILE_NAMES.map((name) => ({ name, ...profileUrls(name, portsOf(name)) }));
    const smartConfig = sandboxSmartConfig(readBuiltConfig(distDir), running, known);
    starting.push(startAppServer({ host: HOST, port: options.appPort ?? APP_PORT, distDir, smartConfig }));
  }
  if (options.referenceDir) {
    starting.push(startAppServer({ host: HOST, port: referencePort, distDir: resolve(options.referenceDir), securityHeaders: false }));
  }
  const close = await startAll(starting);
  const runningProfiles = await Promise.all(profiles);
  const [first] = runningProfiles;
  return {
    profiles: Object.fromEntries(runningProfiles.map((p) => [p.name, p])),
    ehrUrl: first.ehrUrl,
    fhirBase: first.fhirBase,
    issuer: first.issuer,
    appUrl: serveApp ? `${appOrigin}/` : undefined,
    referenceUrl: options.referenceDir ? `${referenceOrigin}/` : undefined,
    startupMs: Math.round(performance.now() - started),
    close,
  };
}

/** `--profile epic --profile canvas`, `--profile epic,canvas` or `--profile all`; default smart. */
export function parseProfiles(argv: string[]): ProfileName[] {
  const values: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === '--profile') values.push(argv[i + 1] ?? '');
    else if (arg.startsWith('--profile=')) values.push(arg.slice('--profile='.length));
  });
  const names = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  if (!names.length) return ['smart'];
  if (names.includes('all')) return [...PROFILE_NAMES];
  const unknown = names.filter((n) => !isProfileName(n));
  if (unknown.length) throw new Error(`unknown profile ${unknown.map((n) => `"${n}"`).join(', ')}: use ${PROFILE_NAMES.join(', ')} or all`);
  return [...new Set(names)] as ProfileName[];
}

async function main(): Promise<void> {
  let profiles: ProfileName[];
  try {
    profiles = parseProfiles(process.argv.slice(2));
  } catch (error) {
    console.error(`sandbox/start: ${(error as Error).message}`);
    process.exit(2);
  }
  const noApp = process.argv.includes('--no-app');
  // SANDBOX_DIST serves another build (e.g. one whose smart-config.json points at other ports); SANDBOX_REFERENCE_DIR
  // serves the benchmark's reference app.
  const sandbox = await startSandbox({ profiles, app: !noApp, distDir: process.env.SANDBOX_DIST, referenceDir: process.env.SANDBOX_REFERENCE_DIR });
  const appLine = sandbox.appUrl
    ?? (noApp ? 'not served (--no-app)' : `not served: build it first (npm run build), or use npm run dev on ${DEV_ORIGIN}`);
  const lines = Object.values(sandbox.profiles).map((p) => `
Profile ${p.name}
  EHR simulator  ${p.ehrUrl}${p === Object.values(sandbox.profiles)[0] ? '      ← open this' : ''}
  FHIR base      ${p.fhirBase}
  Auth issuer    ${p.issuer}
  Test control   POST ${p.controlUrl}/knobs | /reset | /revoke-all, GET ${p.controlUrl}/stats`);
  console.log(`
SMART sandbox ready in ${sandbox.startupMs} ms (process up ${Math.round(process.uptime() * 1000)} ms)
  App            ${appLine}${sandbox.referenceUrl ? `\n  Reference app  ${sandbox.referenceUrl}` : ''}
${lines.join('\n')}
Press Ctrl+C to stop.`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox`);
    // Do not hang on a stuck connection.
    setTimeout(() => process.exit(0), 3000).unref();
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error('The sandbox failed to start:', error);
    process.exit(1);
  });
}
