import { describe, expect, it } from 'vitest';
import { AUTH_ISSUER, FHIR_BASE, REFERENCE_ORIGIN } from '../sandbox/ports';
import { launchMeasure } from './compareFigures';
import type { NetRequest } from './network';
import { formatChain } from './requests';

const T = 1_800_000_000_000;
const at = (ms: number) => T + ms;

function request(url: string, start: number, end: number, over: Partial<NetRequest> = {}): NetRequest {
  return { url, method: 'GET', type: 'Fetch', start: at(start), end: at(end), status: 200, fromCache: false, source: 'page', ...over };
}

/** An EHR launch of the reference app as the browser reports it (ms after the start). */
const launch: NetRequest[] = [
  request(`${REFERENCE_ORIGIN}/launch.html?iss=x&launch=y`, 10, 20, { type: 'Document', responseAt: at(15) }),
  request(`${REFERENCE_ORIGIN}/assets/launch.js`, 30, 60, { type: 'Script' }),
  // The favicons end just before the next step starts: still nothing waits for them.
  request(`${REFERENCE_ORIGIN}/favicon.ico`, 35, 65, { type: 'Other' }),
  request(`${FHIR_BASE}/.well-known/smart-configuration`, 70, 170),
  request(`${AUTH_ISSUER}/auth?client_id=fhirclient-reference`, 180, 290, { type: 'Document', status: 303, responseAt: at(290) }),
  request(`${REFERENCE_ORIGIN}/index.html?code=c&state=s`, 290, 300, { type: 'Document', responseAt: at(295) }),
  request(`${REFERENCE_ORIGIN}/favicon.ico`, 305, 370, { type: 'Other' }),
  request(`${REFERENCE_ORIGIN}/assets/index.js`, 310, 360, { type: 'Script' }),
  request(`${REFERENCE_ORIGIN}/assets/browser.js`, 310, 312, { type: 'Script', fromCache: true }),
  request(`${AUTH_ISSUER}/token`, 380, 480, { method: 'POST' }),
  request(`${FHIR_BASE}/Patient/p-001`, 489, 700, { source: 'worker' }),
  request(`${FHIR_BASE}/Patient/p-001`, 490, 590, { method: 'OPTIONS', type: 'Other', status: 204 }),
  request(`${FHIR_BASE}/Observation?patient=p-001&_sort=-date&_count=100`, 489, 750, { source: 'playwright' }),
  request(`${FHIR_BASE}/Observation?patient=p-001&_sort=-date&_count=100`, 491, 600, { method: 'OPTIONS', type: 'Other', status: 204 }),
];

const sizes: Record<string, { bytes: number; gzipBytes: number }> = {
  '/assets/launch.js': { bytes: 1000, gzipBytes: 400 },
  '/assets/index.js': { bytes: 2000, gzipBytes: 800 },
};
const sizeOf = (url: string) => sizes[new URL(url).pathname];

describe('launchMeasure', () => {
  const measure = launchMeasure(launch, T, { name: at(720), observation: at(780) }, 'p-001', REFERENCE_ORIGIN, sizeOf);

  it('follows the chain of requests back from the Patient read: the favicon and cache hits are waited for by nothing', () => {
    expect(measure.criticalPathToName.map((s) => `${s.kind} ${s.method} ${new URL(s.url).pathname}`)).toEqual([
      'document GET /launch.html',
      'static GET /assets/launch.js',
      'discovery GET /fhir/.well-known/smart-configuration',
      'authorize GET /auth',
      'document GET /index.html',
      'static GET /assets/index.js',
      'token POST /token',
      'preflight OPTIONS /fhir/Patient/p-001',
      'fhir GET /fhir/Patient/p-001',
    ]);
    expect(measure.hopsToName).toBe(9);
    expect(measure.criticalPathToObservation.at(-1)).toMatchObject({ kind: 'fhir', url: `${FHIR_BASE}/Observation`, source: 'playwright' });
  });

  it('counts network requests, cache hits, preflights and FHIR requests (discovery is not one)', () => {
    expect(measure).toMatchObject({ requests: 13, fromCache: 1, preflights: 2, fhirRequests: 2, nameVisibleMs: 720, firstObservationMs: 780 });
  });

  it('sums the JS that came over the network, as served and gzipped', () => {
    expect([measure.jsBytes, measure.jsGzipBytes]).toEqual([3000, 1200]);
  });

  it('measures the gaps where the page works between two requests', () => {
    expect(measure).toMatchObject({ launchPageToDiscoveryMs: 10, returnToTokenMs: 85, tokenToFirstFhirMs: 9 });
  });

  it('prints each step with the wait before it', () => {
    const lines = formatChain(measure.criticalPathToName).split('\n');
    expect(lines[3]).toMatch(/^\s+70–170\s+10\s+discovery GET\s+200\s+:4500\/fhir\/\.well-known\/smart-configuration$/);
    expect(lines.at(-1)).toMatch(/489–700\s+9\s+fhir\s+GET\s+200\s+:4500\/fhir\/Patient\/p-001 \[worker\]$/);
  });

  it('leaves out what happened before the start', () => {
    const earlier = request(`${REFERENCE_ORIGIN}/other`, -500, -400);
    expect(launchMeasure([earlier, ...launch], T, { name: at(720), observation: at(780) }, 'p-001', REFERENCE_ORIGIN, sizeOf).requests).toBe(13);
  });
});
