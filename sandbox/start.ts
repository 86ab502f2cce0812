// One command for the whole sandbox: `npx tsx sandbox/start.ts [--no-app]`.
// Starts the authorization server, the FHIR server, the EHR simulator and (when dist/ is built) the app.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateDataset } from './data';
import { defaultState } from './knobs';
import { APP_ORIGIN, APP_PORT, AUTH_PORT, EHR_PORT, FHIR_PORT, HOST, REFERENCE_ORIGIN, REFERENCE_PORT } from './ports';
import { startAll, startProfile } from './profile';
import { startAppServer } from './static/server';

export interface SandboxOptions {
  /** Serve dist/ on APP_ORIGIN (default true; skipped when dist/index.html does not exist). */
  app?: boolean;
  distDir?: string;
  /** Serve this directory on REFERENCE_ORIGIN (the benchmark's fhirclient reference app), with no CSP. */
  referenceDir?: string;
  seed?: number;
}

export interface Sandbox {
  ehrUrl: string;
  appUrl?: string;
  referenceUrl?: string;
  fhirBase: string;
  issuer: string;
  startupMs: number;
  close(): Promise<void>;
}

const DEV_ORIGIN = 'http://127.0.0.1:5173';
const DEFAULT_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const started = performance.now();
  const dataset = generateDataset(options.seed);
  const distDir = resolve(options.distDir ?? DEFAULT_DIST);
  const serveApp = options.app !== false && existsSync(join(distDir, 'index.html'));

  const profile = startProfile({
    host: HOST,
    ports: { auth: AUTH_PORT, fhir: FHIR_PORT, ehr: EHR_PORT },
    dataset,
    appOrigin: APP_ORIGIN,
    referenceOrigin: REFERENCE_ORIGIN,
    extraOrigins: [DEV_ORIGIN],
    state: defaultState,
  });
  const starting: Promise<{ close(): Promise<void> }>[] = [profile];
  if (serveApp) starting.push(startAppServer({ host: HOST, port: APP_PORT, distDir }));
  if (options.referenceDir) {
    starting.push(startAppServer({ host: HOST, port: REFERENCE_PORT, distDir: resolve(options.referenceDir), securityHeaders: false }));
  }
  const close = await startAll(starting);
  const { ehrUrl, fhirBase, issuer } = await profile;
  return {
    ehrUrl,
    appUrl: serveApp ? `${APP_ORIGIN}/` : undefined,
    referenceUrl: options.referenceDir ? `${REFERENCE_ORIGIN}/` : undefined,
    fhirBase,
    issuer,
    startupMs: Math.round(performance.now() - started),
    close,
  };
}

async function main(): Promise<void> {
  const noApp = process.argv.includes('--no-app');
  // SANDBOX_DIST serves another build (e.g. one whose smart-config.json points at other ports); SANDBOX_REFERENCE_DIR
  // serves the benchmark's reference app.
  const sandbox = await startSandbox({ app: !noApp, distDir: process.env.SANDBOX_DIST, referenceDir: process.env.SANDBOX_REFERENCE_DIR });
  const appLine = sandbox.appUrl
    ?? (noApp ? 'not served (--no-app)' : `not served: build it first (npm run build), or use npm run dev on ${DEV_ORIGIN}`);
  console.log(`
SMART sandbox ready in ${sandbox.startupMs} ms (process up ${Math.round(process.uptime() * 1000)} ms)
  EHR simulator  ${sandbox.ehrUrl}
  App            ${appLine}${sandbox.referenceUrl ? `\n  Reference app  ${sandbox.referenceUrl}` : ''}
  FHIR base      ${sandbox.fhirBase}
  Auth issuer    ${sandbox.issuer}
  Test control   POST ${sandbox.issuer}/__sandbox/knobs | /reset | /revoke-all, GET ${sandbox.issuer}/__sandbox/stats
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
