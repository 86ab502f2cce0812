// `npm run doctor` (scripts/doctor.ts) against the sandbox's profiles: what it reports for each, the problems
// that block a launch (exit 1), and clear messages for bad input.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { doctor } from '../../scripts/doctor';
import { runDoctor } from '../../scripts/doctor/checks';
import { freePort, onFreePorts } from '../auth/testBrowser';
import { profileUrls, type ProfilePorts } from '../ports';
import { startSandbox, type Sandbox } from '../start';
import { sandboxSmartConfig } from './appConfig';
import { PROFILE_NAMES, type ProfileName } from './profiles';

let sandbox: Sandbox;
let dir: string;
let config: { servers: Record<string, unknown>[]; ehrOrigins: string[] };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doctor-'));
  const ports: Partial<Record<ProfileName, ProfilePorts>> = {};
  sandbox = await onFreePorts(async () => {
    for (const name of PROFILE_NAMES) {
      const auth = await freePort();
      ports[name] = { auth, fhir: await freePort(), ehr: name === 'canvas' ? auth : await freePort() };
    }
    return startSandbox({ profiles: [...PROFILE_NAMES], ports, app: false, referencePort: await freePort() });
  });
  const running = PROFILE_NAMES.map((name) => ({ name, ...profileUrls(name, ports[name]) }));
  config = sandboxSmartConfig(undefined, running, running) as typeof config;
});
afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true });
});
afterEach(async () => {
  for (const p of Object.values(sandbox.profiles)) await fetch(`${p!.controlUrl}/reset`, { method: 'POST' });
});

/** Runs the doctor on `value` written to a file; returns its exit code and output. */
async function run(value: unknown, name = 'smart-config.json') {
  const path = join(dir, name);
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value));
  let output = '';
  const code = await doctor([path], (text) => (output += `${text}\n`));
  return { code, output };
}

const server = (id: string) => config.servers.find((s) => s.id === id)!;
const profile = (name: ProfileName) => sandbox.profiles[name]!;

describe('doctor against the sandbox profiles', () => {
  it('reports each profile with what the app will send, the CSP it needs, and no blocking problem', async () => {
    const { code, output } = await run(config);
    expect(code).toBe(0);
    expect(output).toContain('No problem that would block a launch.');
    const epic = profile('epic');
    expect(output).toContain(`authorize          ${epic.issuer}/oauth2/authorize`);
    // canvas: v1 user-level scopes, OAuth on the EHR host.
    expect(output).toMatch(/scope syntax +v1 \(the server advertises permission-v1 only/);
    expect(output).toContain('standalone scopes  openid fhirUser user/Patient.read user/Encounter.read user/Observation.read offline_access');
    expect(output).toContain(`token              ${profile('canvas').issuer}/auth/token/`);
    // s4s: CapabilityStatement only, registration as information.
    expect(output).toContain('CapabilityStatement oauth-uris (SMART v1; no .well-known/smart-configuration)');
    expect(output).toContain(`note     needs dynamic registration: the app will register at ${profile('s4s').issuer}/register`);
    expect(output).toMatch(/openid +not asked/);
    expect(output).toMatch(/openid +yes: the id_token is verified against/);
    const connect = output.split('\n').find((l) => l.includes('connect-src'))!;
    for (const p of Object.values(sandbox.profiles)) {
      expect(connect).toContain(p!.issuer);
      expect(connect).toContain(new URL(p!.fhirBase).origin);
    }
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('calls a missing authorization-server origin in the CSP a blocking problem', async () => {
    const withoutAuthOrigins = { ...config, servers: config.servers.map((s) => (s.id === 'canvas' ? { ...s, authOrigins: undefined } : s)) };
    const { code, output } = await run(withoutAuthOrigins);
    expect(code).toBe(1);
    expect(output).toContain(`PROBLEM  the served CSP's connect-src lacks ${profile('canvas').issuer} (canvas: token endpoint, canvas: revocation, canvas: jwks_uri): the browser would block those requests. Add it to that server's authOrigins`);
    expect(output).toContain('1 problem would block a launch.');
  });

  it('blocks a server that needs registration but has no registration endpoint, or whose discovery is broken', async () => {
    await fetch(`${profile('s4s').controlUrl}/knobs`, { method: 'POST', body: JSON.stringify({ discoveryOmit: ['registration_endpoint'] }) });
    await fetch(`${profile('smart').controlUrl}/knobs`, { method: 'POST', body: JSON.stringify({ discoveryOmit: ['token_endpoint'] }) });
    const { code, output } = await run(config);
    expect(code).toBe(1);
    expect(output).toContain('PROBLEM  configured to register dynamically (register: true, or no clientId), but the server has no registration_endpoint');
    expect(output).toContain('PROBLEM  The FHIR server’s sign-in settings are incomplete or unsafe. smart-configuration has no "token_endpoint".');
    expect(output).toContain('2 problems would block a launch.');
  });

  it('says openid is left out for a server that cannot support it, and warns about scopes the server does not list', async () => {
    const s4s = server('s4s');
    const scopes = { ehr: 'launch/patient openid fhirUser patient/*.read', standalone: 'launch/patient openid fhirUser patient/*.read' };
    const epicScopes = { ehr: 'launch openid patient/Patient.rs patient/AllergyIntolerance.rs', standalone: 'launch/patient patient/*.rs' };
    const report = await runDoctor({ ...config, servers: [{ ...s4s, scopes }, { ...server('epic'), scopes: epicScopes }] });
    const texts = report.servers.flatMap((s) => s.findings.map((f) => `${f.level}: ${f.text}`));
    expect(texts).toContain('info: the scopes ask for openid, but the server advertises no sso-openid-connect with issuer and jwks_uri: the app leaves openid and fhirUser out for it (an id_token could not be verified)');
    expect(texts).toContain('warning: the server does not list these scopes in scopes_supported, and may drop or refuse them: patient/AllergyIntolerance.rs');
    expect(texts.filter((t) => t.startsWith('problem'))).toEqual([]);
  });

  it('names an unreachable server and an http issuer on another host', async () => {
    const port = await freePort();
    const entry = { id: 'gone', name: 'Gone', issuer: `http://127.0.0.1:${port}/fhir`, clientId: 'x', scopes: { ehr: 'launch', standalone: 'openid' } };
    const remote = { ...entry, id: 'remote', issuer: 'http://fhir.hospital.example/R4' };
    const refused: typeof fetch = async () => Promise.reject(new TypeError('fetch failed'));
    const report = await runDoctor({ servers: [entry] }, refused);
    expect(report.servers[0].findings).toEqual([{ level: 'problem', text: `The FHIR server’s sign-in settings could not be loaded. Could not reach http://127.0.0.1:${port}/fhir/.well-known/smart-configuration.` }]);
    // The app's own config rules refuse plain http off this machine, so the doctor reports it as a config problem.
    const insecure = await runDoctor({ servers: [entry, remote] }, refused);
    expect(insecure.findings.map((f) => f.text).join(' ')).toContain('servers[1].issuer must use https');
  });
});

describe('doctor input', () => {
  it('says what is wrong with a missing file, bad JSON or an invalid configuration, exit 1', async () => {
    let output = '';
    expect(await doctor([join(dir, 'nope.json')], (t) => (output += t))).toBe(1);
    expect(output).toBe(`Cannot read ${join(dir, 'nope.json')}: no such file.`);
    const bad = await run('{"servers": [', 'bad.json');
    expect(bad.code).toBe(1);
    expect(bad.output).toMatch(/bad\.json is not valid JSON: /);
    const invalid = await run({ servers: [{ id: 'a', name: 'A', issuer: 'http://127.0.0.1:1/fhir', clientId: 'x' }] });
    expect(invalid.code).toBe(1);
    expect(invalid.output).toContain('PROBLEM  smart-config.json: servers[0].scopes needs "ehr" and "standalone" scope strings');
    let usage = '';
    expect(await doctor(['a.json', 'b.json'], (t) => (usage += t))).toBe(2);
    expect(usage).toContain('Usage: npm run doctor -- [path/to/smart-config.json]');
  });

  it('runs as a command: exit code 1 and a clear message, never a stack trace', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/doctor.ts', join(dir, 'missing.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output.trim()).toBe(`Cannot read ${join(dir, 'missing.json')}: no such file.`);
  });
});
