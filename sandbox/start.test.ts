// The whole sandbox in process (auth + FHIR + EHR simulator + app server) and the CLI's start/stop.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, pkcePair, TestBrowser } from './auth/testBrowser';
import type { TokenResponse } from './auth/testFixture';
import type { Sandbox } from './start';

const PORT_NAMES = ['APP_PORT', 'AUTH_PORT', 'FHIR_PORT', 'EHR_PORT', 'REFERENCE_PORT'] as const;
const env: Record<string, string> = {};
let sandbox: Sandbox;
let ports: typeof import('./ports');
let dist: string;
let referenceDir: string;

beforeAll(async () => {
  for (const name of PORT_NAMES) env[name] = String(await freePort());
  Object.assign(process.env, env); // ports.ts reads them when first imported (module state is per test file)
  ports = await import('./ports');
  dist = await mkdtemp(join(tmpdir(), 'dist-'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>SMART Chart</title>');
  referenceDir = await mkdtemp(join(tmpdir(), 'reference-'));
  await writeFile(join(referenceDir, 'launch.html'), '<!doctype html><title>reference launch</title>');
  const { startSandbox } = await import('./start');
  sandbox = await startSandbox({ distDir: dist, referenceDir });
});
afterAll(async () => {
  await sandbox?.close();
  await rm(dist, { recursive: true });
  await rm(referenceDir, { recursive: true });
});

describe('startSandbox', () => {
  it('serves discovery from the FHIR base, the EHR page and the app', async () => {
    expect(sandbox.appUrl).toBe(`${ports.APP_ORIGIN}/`);
    const discovery = (await (await fetch(`${ports.FHIR_BASE}/.well-known/smart-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({ issuer: ports.AUTH_ISSUER, token_endpoint: `${ports.AUTH_ISSUER}/token` });
    expect((await fetch(sandbox.ehrUrl)).status).toBe(200);
    expect(await (await fetch(`${ports.APP_ORIGIN}/launch?iss=x`)).text()).toContain('SMART Chart');
  });

  it('serves the reference app without the app\'s CSP, and the FHIR server answers CORS for its origin', async () => {
    expect(sandbox.referenceUrl).toBe(`${ports.REFERENCE_ORIGIN}/`);
    const launch = await fetch(`${ports.REFERENCE_ORIGIN}/launch.html`);
    expect(await launch.text()).toContain('reference launch');
    expect(launch.headers.get('content-security-policy')).toBeNull();
    expect((await fetch(`${ports.APP_ORIGIN}/`)).headers.get('content-security-policy')).toContain("script-src 'self'");
    const preflight = await fetch(`${ports.FHIR_BASE}/Patient/p-001`, {
      method: 'OPTIONS',
      headers: { origin: ports.REFERENCE_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ports.REFERENCE_ORIGIN);
  });

  it('EHR launch from the simulator page gives a token the FHIR server accepts, until revoke-all', async () => {
    const tokens = await ehrLaunchFromSimulator();
    expect(tokens.patient).toBeTruthy();
    expect(tokens.need_patient_banner).toBe(true);
    const read = (t: TokenResponse) =>
      fetch(`${ports.FHIR_BASE}/Patient/${t.patient}`, { headers: { authorization: `Bearer ${t.access_token}` } });
    const patient = await read(tokens);
    expect(patient.status).toBe(200);
    expect(((await patient.json()) as { id: string }).id).toBe(tokens.patient);

    await fetch(`${ports.AUTH_ISSUER}/__sandbox/revoke-all`, { method: 'POST' });
    expect((await read(tokens)).status).toBe(401);
    const refreshed = await fetch(`${ports.AUTH_ISSUER}/token`, { method: 'POST', body: new URLSearchParams({
      grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: ports.CLIENT_ID }) });
    expect(refreshed.status).toBe(400);
    // A launch right after revoke-all answered gets a token that works.
    expect((await read(await ehrLaunchFromSimulator())).status).toBe(200);
    await fetch(`${ports.AUTH_ISSUER}/__sandbox/reset`, { method: 'POST' });
  });
});

/** Follows the first "Open in new window" link of the EHR simulator through authorize and token. */
async function ehrLaunchFromSimulator(): Promise<TokenResponse> {
  const html = await (await fetch(sandbox.ehrUrl)).text();
  const launch = new URL(/href="([^"]*launch=[^"]*)"/.exec(html)![1].replaceAll('&amp;', '&'));
  expect(launch.searchParams.get('iss')).toBe(ports.FHIR_BASE);
  const { verifier, challenge } = pkcePair();
  const authorize = new URL(`${ports.AUTH_ISSUER}/auth`);
  Object.entries({
    response_type: 'code', client_id: ports.CLIENT_ID, redirect_uri: `${ports.APP_ORIGIN}/callback`, state: 's',
    scope: 'launch openid fhirUser patient/*.rs', aud: ports.FHIR_BASE, launch: launch.searchParams.get('launch')!,
    code_challenge: challenge, code_challenge_method: 'S256',
  }).forEach(([k, v]) => authorize.searchParams.set(k, v));
  const { app } = await new TestBrowser(ports.APP_ORIGIN).navigate(authorize);
  const response = await fetch(`${ports.AUTH_ISSUER}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: app!.searchParams.get('code')!, code_verifier: verifier,
      redirect_uri: `${ports.APP_ORIGIN}/callback`, client_id: ports.CLIENT_ID,
    }),
  });
  return (await response.json()) as TokenResponse;
}

/** CLI processes still running: stopped after the tests, also when an assertion failed first. */
const children = new Set<ReturnType<typeof spawn>>();
afterEach(() => {
  for (const child of children) child.kill('SIGINT');
  children.clear();
});

/** Runs the CLI until it prints `until` (or exits); returns its output and a stop function. */
async function runCli(args: string[], env: Record<string, string>, until = 'Press Ctrl+C') {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/start.ts', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exitCode: number | null | undefined;
  children.add(child);
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve((exitCode = code));
    }),
  );
  for (let i = 0; i < 600 && !output.includes(until) && exitCode === undefined; i += 1) await new Promise((r) => setTimeout(r, 50));
  return { output: () => output, exit, stop: () => child.kill('SIGINT') };
}

describe('CLI', () => {
  it('--profile epic starts that profile on its ports and names it', async () => {
    const env = { EPIC_AUTH_PORT: String(await freePort()), EPIC_FHIR_PORT: String(await freePort()), EPIC_EHR_PORT: String(await freePort()) };
    const cli = await runCli(['--profile', 'epic', '--no-app'], env);
    try {
      expect(cli.output()).toContain('Profile epic');
      expect(cli.output()).toContain(`FHIR base      http://127.0.0.1:${env.EPIC_FHIR_PORT}/api/FHIR/R4`);
      const html = await (await fetch(`http://127.0.0.1:${env.EPIC_EHR_PORT}/`)).text();
      expect(html).toContain('EHR simulator: epic profile');
    } finally {
      cli.stop();
    }
    expect(await cli.exit).toBe(0);
  });

  it('refuses an unknown profile with a clear message and exit code 2', async () => {
    const cli = await runCli(['--profile', 'cerner'], {}, 'unknown profile');
    expect(await cli.exit).toBe(2);
    expect(cli.output()).toContain('sandbox/start: unknown profile "cerner": use smart, epic, canvas, s4s or all');
    expect(cli.output()).not.toMatch(/\n\s+at /);
  });

  it('starts, prints the URLs and exits 0 on SIGINT', async () => {
    const cliEnv: Record<string, string> = {};
    for (const name of PORT_NAMES) cliEnv[name] = String(await freePort());
    const cli = await runCli(['--no-app'], cliEnv);
    expect(cli.output()).toContain(`EHR simulator  http://127.0.0.1:${cliEnv.EHR_PORT}/`);
    expect(cli.output()).toMatch(/ready in \d+ ms/);
    cli.stop();
    expect(await cli.exit).toBe(0);
    await expect(fetch(`http://127.0.0.1:${cliEnv.EHR_PORT}/`)).rejects.toThrow();
  });
});
