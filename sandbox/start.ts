// One command for the whole sandbox: `npx tsx sandbox/start.ts [--no-app]`.
// Starts the authorization server, the FHIR server, the EHR simulator and (when dist/ is built) the app.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startAuthServer } from './auth/server';
import { smartConfiguration } from './auth/smartConfiguration';
import { generateDataset } from './data';
import { startEhrSimulator } from './ehr/server';
import { startFhirServer } from './fhir/server';
import { APP_ORIGIN, APP_PORT, AUTH_ISSUER, AUTH_PORT, EHR_ORIGIN, EHR_PORT, FHIR_BASE, FHIR_PORT, HOST } from './ports';
import { startAppServer } from './static/server';

export interface SandboxOptions {
  /** Serve dist/ on APP_ORIGIN (default true; skipped when dist/index.html does not exist). */
  app?: boolean;
  distDir?: string;
  seed?: number;
}

export interface Sandbox {
  ehrUrl: string;
  appUrl?: string;
  fhirBase: string;
  issuer: string;
  startupMs: number;
  close(): Promise<void>;
}

const DEV_ORIGIN = 'http://127.0.0.1:5173';
const DEFAULT_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

type Closable = { close(): Promise<void> };

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const started = performance.now();
  const dataset = generateDataset(options.seed);
  const distDir = resolve(options.distDir ?? DEFAULT_DIST);
  const serveApp = options.app !== false && existsSync(join(distDir, 'index.html'));
  const discovery = smartConfiguration(AUTH_ISSUER);
  const { patients, practitioners } = dataset;

  const starting: Promise<Closable>[] = [
    startAuthServer({ host: HOST, port: AUTH_PORT, issuer: AUTH_ISSUER, fhirBase: FHIR_BASE, appOrigin: APP_ORIGIN, patients, practitioners }),
    startFhirServer({
      host: HOST,
      port: FHIR_PORT,
      baseUrl: FHIR_BASE,
      dataset,
      issuer: AUTH_ISSUER,
      jwksUri: String(discovery.jwks_uri),
      allowedOrigins: [APP_ORIGIN, DEV_ORIGIN],
      smartConfiguration: () => smartConfiguration(AUTH_ISSUER),
    }),
    startEhrSimulator({ host: HOST, port: EHR_PORT, appOrigin: APP_ORIGIN, fhirBase: FHIR_BASE, patients, practitioners }),
  ];
  if (serveApp) starting.push(startAppServer({ host: HOST, port: APP_PORT, distDir }));

  // Start in parallel; if one fails, close the others before reporting the failure.
  const results = await Promise.allSettled(starting);
  const servers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const close = async () => {
    await Promise.allSettled(servers.map((server) => server.close()));
  };
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  return {
    ehrUrl: `${EHR_ORIGIN}/`,
    appUrl: serveApp ? `${APP_ORIGIN}/` : undefined,
    fhirBase: FHIR_BASE,
    issuer: AUTH_ISSUER,
    startupMs: Math.round(performance.now() - started),
    close,
  };
}

async function main(): Promise<void> {
  const noApp = process.argv.includes('--no-app');
  // SANDBOX_DIST serves another build (e.g. one whose smart-config.json points at other ports).
  const sandbox = await startSandbox({ app: !noApp, distDir: process.env.SANDBOX_DIST });
  const appLine = sandbox.appUrl
    ?? (noApp ? 'not served (--no-app)' : `not served: build it first (npm run build), or use npm run dev on ${DEV_ORIGIN}`);
  console.log(`
SMART sandbox ready in ${sandbox.startupMs} ms (process up ${Math.round(process.uptime() * 1000)} ms)
  EHR simulator  ${sandbox.ehrUrl}
  App            ${appLine}
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
