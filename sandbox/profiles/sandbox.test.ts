// Every profile in one sandbox: own ports, own knobs and counters, and the app's smart-config.json listing them.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/smart/config';
import { freePort, onFreePorts } from '../auth/testBrowser';
import type { ProfilePorts } from '../ports';
import { parseProfiles, startSandbox, type Sandbox } from '../start';
import { PROFILE_NAMES, type ProfileName } from './profiles';

let dist: string;
let sandbox: Sandbox;
let appPort: number;

async function freeProfilePorts(names: readonly ProfileName[]) {
  const ports: Partial<Record<ProfileName, ProfilePorts>> = {};
  for (const name of names) {
    const auth = await freePort();
    ports[name] = { auth, fhir: await freePort(), ehr: name === 'canvas' ? auth : await freePort() };
  }
  return ports;
}

beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'dist-'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>SMART Chart</title>');
  await cp('public/smart-config.json', join(dist, 'smart-config.json'));
  sandbox = await onFreePorts(async () => {
    appPort = await freePort();
    return startSandbox({ profiles: [...PROFILE_NAMES], ports: await freeProfilePorts(PROFILE_NAMES), distDir: dist, appPort, referencePort: await freePort() });
  });
});
afterAll(async () => {
  await sandbox?.close();
  await rm(dist, { recursive: true });
});

const control = (name: ProfileName, path: string, body?: unknown) =>
  fetch(`${sandbox.profiles[name]!.controlUrl}/${path}`, { method: body ? 'POST' : 'GET', body: body ? JSON.stringify(body) : undefined }).then(
    (r) => r.json() as Promise<Record<string, unknown>>,
  );

describe('all profiles in one sandbox', () => {
  it('runs each profile on its own ports, its EHR simulator naming it', async () => {
    expect(Object.keys(sandbox.profiles).sort()).toEqual([...PROFILE_NAMES].sort());
    const origins = new Set<string>();
    for (const p of Object.values(sandbox.profiles)) {
      const html = await (await fetch(p!.ehrUrl)).text();
      expect(html).toContain(`<h1>EHR simulator: ${p!.name} profile</h1>`);
      expect((await fetch(`${p!.fhirBase}/metadata`)).status).toBe(200);
      origins.add(new URL(p!.fhirBase).origin);
    }
    expect(origins.size).toBe(4);
  });

  it('serves the app a smart-config.json that lists every running profile and that the app accepts', async () => {
    const response = await fetch(`http://127.0.0.1:${appPort}/smart-config.json`);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('etag')).toBeTruthy();
    const raw = (await response.json()) as { servers: { id: string; issuer: string; register?: boolean }[]; ehrOrigins: string[] };
    const config = parseConfig(raw);
    const byId = Object.fromEntries(config.servers.map((s) => [s.id, s]));
    expect(Object.keys(byId).sort()).toEqual(['canvas', 'epic', 's4s', 'sandbox']);
    for (const p of Object.values(sandbox.profiles)) {
      const server = config.servers.find((s) => s.issuer === p!.fhirBase)!;
      expect(server, p!.name).toBeTruthy();
      expect(server.authOrigins).toEqual([p!.issuer]);
      expect(config.ehrOrigins).toContain(new URL(p!.ehrUrl).origin);
    }
    expect(raw.servers.find((s) => s.id === 's4s')).not.toHaveProperty('clientId'); // the app registers itself
    expect(byId.canvas.scopes.standalone).not.toContain('launch/patient');
    // The served CSP lets the app reach every authorization server and be framed by every EHR.
    const csp = (await fetch(`http://127.0.0.1:${appPort}/`)).headers.get('content-security-policy')!;
    for (const p of Object.values(sandbox.profiles)) {
      expect(csp).toContain(p!.issuer);
      expect(csp).toContain(new URL(p!.fhirBase).origin);
    }
  });

  it('keeps knobs and counters per profile', async () => {
    await control('epic', 'knobs', { latencyMs: 7 });
    expect((await control('epic', 'knobs')).latencyMs).toBe(7);
    expect((await control('smart', 'knobs')).latencyMs).toBe(0);
    const before = { canvas: (await control('canvas', 'stats')).fhirRequests, s4s: (await control('s4s', 'stats')).fhirRequests };
    await fetch(`${sandbox.profiles.canvas!.fhirBase}/metadata`);
    expect((await control('canvas', 'stats')).fhirRequests).toBe(Number(before.canvas) + 1);
    expect((await control('s4s', 'stats')).fhirRequests).toBe(before.s4s);
    await control('epic', 'reset', {});
    expect((await control('epic', 'knobs')).latencyMs).toBe(0);
  });
});

describe('one profile', () => {
  it('lists only that profile in smart-config.json', async () => {
    let port = 0;
    const epicOnly = await onFreePorts(async () => {
      port = await freePort();
      return startSandbox({ profiles: ['epic'], ports: await freeProfilePorts(['epic']), distDir: dist, appPort: port, referencePort: await freePort() });
    });
    try {
      const raw = (await (await fetch(`http://127.0.0.1:${port}/smart-config.json`)).json()) as { servers: { id: string }[]; ehrOrigins: string[] };
      expect(raw.servers.map((s) => s.id)).toEqual(['epic']);
      expect(raw.ehrOrigins).toEqual([new URL(epicOnly.ehrUrl).origin]);
      expect(epicOnly.fhirBase).toBe(epicOnly.profiles.epic!.fhirBase);
    } finally {
      await epicOnly.close();
    }
  });
});

describe('--profile', () => {
  it('accepts one, several, a comma list or all; smart by default; refuses unknown names', () => {
    expect(parseProfiles([])).toEqual(['smart']);
    expect(parseProfiles(['--profile', 'epic'])).toEqual(['epic']);
    expect(parseProfiles(['--profile', 'epic', '--no-app', '--profile=canvas'])).toEqual(['epic', 'canvas']);
    expect(parseProfiles(['--profile', 'canvas,s4s,canvas'])).toEqual(['canvas', 's4s']);
    expect(parseProfiles(['--profile', 'all'])).toEqual([...PROFILE_NAMES]);
    expect(() => parseProfiles(['--profile', 'cerner'])).toThrow('unknown profile "cerner": use smart, epic, canvas, s4s or all');
    expect(() => parseProfiles(['--profile'])).toThrow(/unknown profile/);
  });
});
