// Every request of a page AND its dedicated workers (the token vault makes the code exchange, the refreshes and
// every FHIR request), with its timing, plus the CORS preflights.
//
// Two sources, because neither alone sees everything with the right timing:
// - Playwright's BrowserContext events see every request of the page and its workers (Playwright enables the
//   Network domain in each worker before the worker runs), but no CORS preflight, no cache flag, and for a
//   preflighted request `timing().startTime` is when the real request left, after its preflight.
// - CDP: the page's session (its requests with cache flags, and the preflights, which Chromium reports there
//   even for a worker's fetch) and each worker's session, attached with Target.setAutoAttach. A worker's first
//   requests can be missed: Playwright resumes the worker before our Network.enable reaches it.
// mergeRequests() takes the CDP record of each request when there is one, Playwright's otherwise.

/** A request as the figures use it. Times are epoch ms. */
export interface NetRequest {
  url: string;
  method: string;
  /** CDP resource type: Document, Script, Stylesheet, Fetch, XHR, Preflight, Image, Other… */
  type: string;
  /** When the page or worker issued it. */
  start: number;
  /** When the response headers arrived. */
  responseAt?: number;
  end?: number;
  status?: number;
  fromCache: boolean;
  failed?: string;
  /** Bytes received (headers and body) as the browser counts them; 0 for cache hits. */
  transferBytes?: number;
  /** Who reported it: the page's CDP session, a worker's, or only Playwright's events. */
  source: 'page' | 'worker' | 'playwright';
}

/** One request (one hop of a redirect chain) as a CDP session reported it. */
export interface CdpRecord extends Omit<NetRequest, 'source'> {
  requestId: string;
  source: 'page' | 'worker';
  /** Response headers came over the network (responseReceivedExtraInfo): not a cache hit. */
  sawNetwork?: boolean;
}

/** One request as Playwright's events reported it (request.timing() semantics). */
export interface PlaywrightRecord {
  url: string;
  method: string;
  /** Playwright's resourceType(): document, script, fetch, … */
  resourceType: string;
  /** Date.now() when the 'request' event arrived (events arrive some ms late). */
  seenAt: number;
  /** timing().startTime: epoch ms when the request left (after its preflight, for a preflighted one). */
  startTime?: number;
  /** timing().responseStart: ms after startTime. */
  responseStart?: number;
  /** timing().responseEnd: ms after the request was ISSUED (Chromium's requestWillBeSent), not after startTime. */
  responseEnd?: number;
  status?: number;
  failed?: string;
  finished: boolean;
  transferBytes?: number;
}

const PLAYWRIGHT_TYPES: Record<string, string> = {
  document: 'Document',
  script: 'Script',
  stylesheet: 'Stylesheet',
  fetch: 'Fetch',
  xhr: 'XHR',
  image: 'Image',
  font: 'Font',
  media: 'Media',
  manifest: 'Manifest',
  websocket: 'WebSocket',
  eventsource: 'EventSource',
  texttrack: 'TextTrack',
  ping: 'Ping',
  cspviolationreport: 'CSPViolationReport',
  other: 'Other',
};

export const withoutFragment = (url: string) => url.replace(/#.*$/, '');
export const isPreflight = (r: Pick<NetRequest, 'method' | 'type'>) => r.type === 'Preflight' || r.method === 'OPTIONS';

/** Playwright's request started at most this long after CDP saw it issued (its preflight's duration included). */
const MATCH_WINDOW_MS = 15_000;
const CLOCK_SLACK_MS = 50;

/**
 * One list: every CDP record, plus each Playwright request that no CDP record describes. A Playwright request
 * matches the earliest unclaimed CDP record with the same method and URL issued at most MATCH_WINDOW_MS before
 * it started. An unmatched preflighted request was issued when its preflight started (a preflight for the same
 * URL that started before it and finished by the time it left).
 */
export function mergeRequests(cdp: readonly CdpRecord[], playwright: readonly PlaywrightRecord[]): NetRequest[] {
  const claimed = new Set<CdpRecord>();
  const fillFrom = new Map<CdpRecord, PlaywrightRecord>();
  const byKey = new Map<string, CdpRecord[]>();
  for (const record of [...cdp].sort((a, b) => a.start - b.start)) {
    if (isPreflight(record)) continue;
    const key = `${record.method} ${withoutFragment(record.url)}`;
    byKey.set(key, [...(byKey.get(key) ?? []), record]);
  }
  const preflights = cdp.filter(isPreflight);
  const extra: NetRequest[] = [];
  const leftAt = (r: PlaywrightRecord) => (r.startTime !== undefined && r.startTime > 0 ? r.startTime : r.seenAt);
  for (const record of [...playwright].sort((a, b) => leftAt(a) - leftAt(b))) {
    const left = leftAt(record);
    const url = withoutFragment(record.url);
    const match = (byKey.get(`${record.method} ${url}`) ?? []).find(
      (c) => !claimed.has(c) && c.start <= left + CLOCK_SLACK_MS && c.start >= left - MATCH_WINDOW_MS,
    );
    if (match) {
      claimed.add(match);
      // A worker's main script is requested by the page, but its response goes to the worker: CDP's page
      // record has no answer, Playwright's has. Whether it came from the cache: only network responses have
      // response headers as sent (responseReceivedExtraInfo).
      if (match.status === undefined && record.status !== undefined) fillFrom.set(match, record);
      continue;
    }
    const preflight = preflights
      .filter((p) => withoutFragment(p.url) === url && p.start <= left + CLOCK_SLACK_MS && p.start >= left - MATCH_WINDOW_MS && (p.end ?? Infinity) <= left + CLOCK_SLACK_MS)
      .sort((a, b) => b.start - a.start)[0];
    const issued = preflight ? Math.min(preflight.start, left) : left;
    extra.push({
      url: record.url,
      method: record.method,
      type: PLAYWRIGHT_TYPES[record.resourceType] ?? 'Other',
      start: issued,
      responseAt: record.responseStart !== undefined && record.responseStart >= 0 ? left + record.responseStart : undefined,
      end: record.responseEnd !== undefined && record.responseEnd >= 0 ? issued + record.responseEnd : undefined,
      status: record.status,
      fromCache: false,
      failed: record.failed,
      transferBytes: record.transferBytes,
      source: 'playwright',
    });
  }
  const fromCdp: NetRequest[] = cdp.map((record) => {
    const { requestId, sawNetwork, ...rest } = record;
    void requestId;
    const answer = fillFrom.get(record);
    if (!answer) return rest;
    const left = leftAt(answer);
    return {
      ...rest,
      status: answer.status,
      responseAt: answer.responseStart !== undefined && answer.responseStart >= 0 ? left + answer.responseStart : rest.responseAt,
      end: answer.responseEnd !== undefined && answer.responseEnd >= 0 ? rest.start + answer.responseEnd : rest.end,
      failed: answer.failed,
      fromCache: rest.fromCache || !sawNetwork,
      transferBytes: rest.transferBytes || answer.transferBytes,
    };
  });
  return [...fromCdp, ...extra].sort((a, b) => a.start - b.start);
}

/** Collects CDP Network events of any number of sessions into CdpRecords (one per redirect hop). */
export class CdpRecorder {
  readonly records: CdpRecord[] = [];
  private readonly open = new Map<string, CdpRecord>();
  /** Requests whose network response headers were reported before the request itself. */
  private readonly earlyExtraInfo = new Set<string>();
  /** wall time − monotonic timestamp, in ms: every target's timestamps share one monotonic clock. */
  private offset: number | undefined;

  private epoch(timestamp: number): number {
    return timestamp * 1000 + (this.offset ?? 0);
  }

  /** Feeds one CDP event. `session` tells the page's session and each worker's apart (their request ids may repeat). */
  handle(method: string, params: Record<string, unknown>, session: string, source: 'page' | 'worker'): void {
    const p = params as {
      requestId: string;
      timestamp: number;
      wallTime?: number;
      type?: string;
      request?: { url: string; method: string };
      redirectResponse?: { status: number };
      response?: { status: number; fromDiskCache?: boolean; fromPrefetchCache?: boolean; encodedDataLength?: number };
      encodedDataLength?: number;
      errorText?: string;
      canceled?: boolean;
    };
    const key = `${session}:${p.requestId}`;
    const current = this.open.get(key);
    switch (method) {
      case 'Network.requestWillBeSent': {
        if (p.wallTime !== undefined) this.offset ??= p.wallTime * 1000 - p.timestamp * 1000;
        if (current && p.redirectResponse) {
          current.end = this.epoch(p.timestamp);
          current.responseAt = current.end;
          current.status = p.redirectResponse.status;
        }
        const record: CdpRecord = {
          requestId: p.requestId,
          url: p.request!.url,
          method: p.request!.method,
          type: p.type ?? 'Other',
          start: this.epoch(p.timestamp),
          fromCache: false,
          source,
        };
        if (this.earlyExtraInfo.delete(key)) record.sawNetwork = true;
        this.records.push(record);
        this.open.set(key, record);
        return;
      }
      case 'Network.responseReceivedExtraInfo':
        if (current) current.sawNetwork = true;
        else this.earlyExtraInfo.add(key);
        return;
      case 'Network.requestServedFromCache':
        if (current) current.fromCache = true;
        return;
      case 'Network.responseReceived':
        if (!current) return;
        current.status = p.response!.status;
        current.responseAt = this.epoch(p.timestamp);
        if (p.response!.fromDiskCache || p.response!.fromPrefetchCache) current.fromCache = true;
        if (p.type === 'Preflight') current.type = 'Preflight';
        return;
      case 'Network.loadingFinished':
        if (!current) return;
        current.end = this.epoch(p.timestamp);
        current.transferBytes = p.encodedDataLength;
        return;
      case 'Network.loadingFailed':
        if (!current) return;
        current.end = this.epoch(p.timestamp);
        current.failed = p.errorText || (p.canceled ? 'canceled' : 'failed');
        return;
    }
  }

  /** Preflights still waiting for an answer (Playwright does not see them). */
  openPreflights(now: number): number {
    return this.records.filter((r) => isPreflight(r) && r.end === undefined && now - r.start < 30_000).length;
  }
}
