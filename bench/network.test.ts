import { describe, expect, it } from 'vitest';
import { CdpRecorder, mergeRequests, type CdpRecord, type PlaywrightRecord } from './network';

const T = 1_800_000_000_000;
const FHIR = 'http://127.0.0.1:4500/fhir';

const cdp = (over: Partial<CdpRecord> & Pick<CdpRecord, 'url' | 'start'>): CdpRecord => ({
  requestId: over.url,
  method: 'GET',
  type: 'Fetch',
  fromCache: false,
  source: 'page',
  status: 200,
  ...over,
});
const pw = (over: Partial<PlaywrightRecord> & Pick<PlaywrightRecord, 'url' | 'startTime'>): PlaywrightRecord => ({
  method: 'GET',
  resourceType: 'fetch',
  seenAt: over.startTime! + 40,
  finished: true,
  status: 200,
  ...over,
});

describe('mergeRequests', () => {
  it('keeps the CDP record of a request both saw, once', () => {
    const merged = mergeRequests(
      [cdp({ url: 'http://127.0.0.1:4173/launch', type: 'Document', start: T, end: T + 20 })],
      [pw({ url: 'http://127.0.0.1:4173/launch', resourceType: 'document', startTime: T + 1, responseStart: 10, responseEnd: 20 })],
    );
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ source: 'page', start: T, end: T + 20, type: 'Document' });
  });

  it('adds what only Playwright saw (a worker’s first request), its end counted from when it was issued', () => {
    const merged = mergeRequests([], [pw({ url: 'http://127.0.0.1:4400/token', method: 'POST', startTime: T + 500, responseStart: 90, responseEnd: 95 })]);
    expect(merged).toEqual([
      expect.objectContaining({ source: 'playwright', method: 'POST', type: 'Fetch', start: T + 500, responseAt: T + 590, end: T + 595, status: 200 }),
    ]);
  });

  it('dates a preflighted request Playwright alone saw from its preflight, which left first', () => {
    const preflight = cdp({ url: `${FHIR}/Patient/p-001`, method: 'OPTIONS', type: 'Other', start: T + 1000, end: T + 1105, status: 204 });
    // timing().startTime is when the GET left, after the preflight; responseEnd counts from when it was issued.
    const get = pw({ url: `${FHIR}/Patient/p-001`, startTime: T + 1106, responseStart: 100, responseEnd: 210 });
    const merged = mergeRequests([preflight], [get]);
    expect(merged.map((r) => [r.method, r.start, r.end])).toEqual([
      ['OPTIONS', T + 1000, T + 1105],
      ['GET', T + 1000, T + 1210],
    ]);
    expect(merged[1]!.responseAt).toBe(T + 1206);
  });

  it('pairs repeated URLs in order (smart-config.json at /launch and at /callback)', () => {
    const url = 'http://127.0.0.1:4173/smart-config.json';
    const merged = mergeRequests(
      [cdp({ url, start: T, requestId: 'a' }), cdp({ url, start: T + 800, requestId: 'b' })],
      [pw({ url, startTime: T + 2 }), pw({ url, startTime: T + 801 }), pw({ url, startTime: T + 1500 })],
    );
    expect(merged.map((r) => [r.start, r.source])).toEqual([
      [T, 'page'],
      [T + 800, 'page'],
      [T + 1500, 'playwright'],
    ]);
  });

  it('takes the answer of a worker’s main script from Playwright: the page’s CDP record has none', () => {
    const url = 'http://127.0.0.1:4173/assets/vault.worker-x.js';
    const fetched = { url, type: 'Script', start: T, end: T, status: undefined };
    const answer = [pw({ url, resourceType: 'script', startTime: T + 1, responseStart: 110, responseEnd: 115 })];
    // Response headers came over the network: fetched. None: from the cache (a warm launch).
    expect(mergeRequests([cdp({ ...fetched, sawNetwork: true })], answer)).toEqual([
      expect.objectContaining({ source: 'page', status: 200, start: T, responseAt: T + 111, end: T + 115, fromCache: false }),
    ]);
    expect(mergeRequests([cdp(fetched)], answer)).toEqual([expect.objectContaining({ status: 200, fromCache: true })]);
    expect(mergeRequests([cdp(fetched)], answer)[0]).not.toHaveProperty('sawNetwork');
  });

  it('ignores fragments and never matches a CDP record issued after Playwright’s request left', () => {
    const merged = mergeRequests([cdp({ url: 'http://x/a', start: T + 500 })], [pw({ url: 'http://x/a#top', startTime: T })]);
    expect(merged.map((r) => r.source).sort()).toEqual(['page', 'playwright']);
  });
});

describe('CdpRecorder', () => {
  const sent = (recorder: CdpRecorder, session: string, params: Record<string, unknown>, source: 'page' | 'worker' = 'page') =>
    recorder.handle('Network.requestWillBeSent', { wallTime: T / 1000, timestamp: 100, type: 'Fetch', ...params }, session, source);

  it('turns monotonic timestamps into epoch ms, one record per redirect hop', () => {
    const recorder = new CdpRecorder();
    sent(recorder, 'page', { requestId: '1', type: 'Document', request: { url: 'http://a/auth', method: 'GET' } });
    sent(recorder, 'page', { requestId: '1', type: 'Document', timestamp: 100.2, request: { url: 'http://b/callback', method: 'GET' }, redirectResponse: { status: 303 } });
    recorder.handle('Network.responseReceived', { requestId: '1', timestamp: 100.25, response: { status: 200 } }, 'page', 'page');
    recorder.handle('Network.loadingFinished', { requestId: '1', timestamp: 100.3, encodedDataLength: 900 }, 'page', 'page');
    expect(recorder.records.map(({ url, start, end, status, responseAt, transferBytes }) => ({ url, start, end, status, responseAt, transferBytes }))).toEqual([
      { url: 'http://a/auth', start: T, end: T + 200, status: 303, responseAt: T + 200, transferBytes: undefined },
      { url: 'http://b/callback', start: T + 200, end: T + 300, status: 200, responseAt: T + 250, transferBytes: 900 },
    ]);
  });

  it('keeps sessions apart, flags cache hits, preflights and failures, and counts open preflights', () => {
    const recorder = new CdpRecorder();
    sent(recorder, 'page', { requestId: '1', request: { url: 'http://a/x.js', method: 'GET' } });
    sent(recorder, 'worker-1', { requestId: '1', request: { url: 'http://f/Patient/1', method: 'GET' } }, 'worker');
    sent(recorder, 'page', { requestId: '2', type: 'Other', request: { url: 'http://f/Patient/1', method: 'OPTIONS' } });
    recorder.handle('Network.requestServedFromCache', { requestId: '1' }, 'page', 'page');
    recorder.handle('Network.loadingFailed', { requestId: '1', timestamp: 100.1, errorText: 'net::ERR_FAILED' }, 'worker-1', 'worker');
    expect(recorder.openPreflights(T + 10)).toBe(1);
    recorder.handle('Network.responseReceived', { requestId: '2', timestamp: 100.05, type: 'Preflight', response: { status: 204 } }, 'page', 'page');
    recorder.handle('Network.loadingFinished', { requestId: '2', timestamp: 100.06, encodedDataLength: 0 }, 'page', 'page');
    expect(recorder.openPreflights(T + 70)).toBe(0);
    recorder.handle('Network.responseReceivedExtraInfo', { requestId: '3' }, 'page', 'page');
    sent(recorder, 'page', { requestId: '3', type: 'Script', request: { url: 'http://a/w.js', method: 'GET' } });
    recorder.handle('Network.responseReceivedExtraInfo', { requestId: '2' }, 'page', 'page');
    const [script, fhir, preflight, worker] = recorder.records;
    expect([script!.sawNetwork, preflight!.sawNetwork, worker!.sawNetwork]).toEqual([undefined, true, true]);
    expect(script).toMatchObject({ fromCache: true, source: 'page' });
    expect(fhir).toMatchObject({ failed: 'net::ERR_FAILED', source: 'worker', end: T + 100 });
    expect(preflight).toMatchObject({ type: 'Preflight', status: 204 });
  });
});
