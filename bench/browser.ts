// Chromium for the benchmark, and what each page records: visibility marks (MutationObserver + the next frame),
// long tasks (PerformanceObserver 'longtask'), every network request with its timing (CDP Network, which also
// reports CORS preflights), and the JS heap (CDP Performance.getMetrics).
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { findChromium } from '../scripts/chromium.mjs';

/** Set once by run.ts: CPU slowdown factor for every page (CDP Emulation.setCPUThrottlingRate; 1 = none). */
export const pageSettings = { cpuThrottle: 1 };

/** The launch arguments of playwright.config.ts. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function launchChromium(): Promise<{ browser: Browser; executable: string; version: string }> {
  const found = findChromium();
  if (found === null) throw new Error('no Chromium found: run `node scripts/chromium.mjs --install` or set CHROMIUM_PATH');
  const browser = await chromium.launch({ executablePath: found ?? undefined, args: CHROMIUM_ARGS, headless: true });
  return { browser, executable: found ?? 'Playwright’s bundled Chromium', version: browser.version() };
}

/** A condition that marks a moment: a visible element matching `selector` whose text passes the text tests. */
export interface Marker {
  name: string;
  selector: string;
  /** The element's text contains this. */
  text?: string;
  /** The element's text matches this regular expression (case-insensitive)… */
  pattern?: string;
  /** …and does not match this one (e.g. "Loading"). */
  exclude?: string;
}

export interface Mark {
  /** Epoch ms when the DOM first matched (MutationObserver). */
  dom: number;
  /** Epoch ms of the next animation frame after that: when it is painted. */
  frame?: number;
}

export interface LongTask {
  /** Epoch ms. */
  start: number;
  duration: number;
}

interface PageState {
  marks: Record<string, Mark>;
  longTasks: LongTask[];
  url: string;
  timeOrigin: number;
}

/** The in-page recorder, as a plain script (not a function: transpiler helpers must not leak into the page). */
function recorderScript(markers: Marker[]): string {
  return `(() => {
  if (window.__bench) return;
  const now = () => performance.timeOrigin + performance.now();
  const state = { marks: {}, longTasks: [], url: location.href, timeOrigin: performance.timeOrigin, markers: ${JSON.stringify(markers)} };
  Object.defineProperty(window, '__bench', { value: state, enumerable: false });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.longTasks.push({ start: performance.timeOrigin + entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) { state.longTaskError = String(error); }
  const visible = (el) => (el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0)
    && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
  const matches = (marker) => {
    for (const el of document.querySelectorAll(marker.selector)) {
      if (!visible(el)) continue;
      const text = el.textContent || '';
      if (marker.text && !text.includes(marker.text)) continue;
      if (marker.pattern && !new RegExp(marker.pattern, 'i').test(text)) continue;
      if (marker.exclude && new RegExp(marker.exclude, 'i').test(text)) continue;
      return true;
    }
    return false;
  };
  const check = () => {
    for (const marker of state.markers) {
      if (state.marks[marker.name]) continue;
      let hit = false;
      try { hit = matches(marker); } catch { hit = false; }
      if (!hit) continue;
      const mark = { dom: now() };
      state.marks[marker.name] = mark;
      requestAnimationFrame(() => { mark.frame = now(); });
    }
  };
  state.watch = (marker) => { state.markers = state.markers.filter((m) => m.name !== marker.name).concat([marker]); delete state.marks[marker.name]; check(); };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  // Layout changes without mutations (a canvas sized by CSS, a font): also look every 50 ms.
  setInterval(check, 50);
})();`;
}

export interface NetRequest {
  url: string;
  method: string;
  /** CDP resource type: Document, Script, Stylesheet, Fetch, XHR, Preflight, Image, Other… */
  type: string;
  /** Epoch ms. */
  start: number;
  /** When the response headers arrived. */
  responseAt?: number;
  end?: number;
  status?: number;
  fromCache: boolean;
  failed?: string;
}

/** Network requests of one page, from the CDP Network domain (epoch ms, preflights included). */
export class NetworkLog {
  readonly requests: NetRequest[] = [];
  private readonly open = new Map<string, NetRequest>();
  /** wallTime − monotonic timestamp, in ms (CDP gives wall time only when a request starts). */
  private offset: number | undefined;

  constructor(cdp: CDPSession) {
    const epoch = (timestamp: number) => timestamp * 1000 + (this.offset ?? 0);
    cdp.on('Network.requestWillBeSent', (event) => {
      this.offset ??= event.wallTime * 1000 - event.timestamp * 1000;
      const previous = this.open.get(event.requestId);
      if (previous && event.redirectResponse) {
        previous.end = epoch(event.timestamp);
        previous.responseAt = previous.end;
        previous.status = event.redirectResponse.status;
      }
      const request: NetRequest = {
        url: event.request.url,
        method: event.request.method,
        type: event.type ?? 'Other',
        start: epoch(event.timestamp),
        fromCache: false,
      };
      this.requests.push(request);
      this.open.set(event.requestId, request);
    });
    cdp.on('Network.requestServedFromCache', (event) => {
      const request = this.open.get(event.requestId);
      if (request) request.fromCache = true;
    });
    cdp.on('Network.responseReceived', (event) => {
      const request = this.open.get(event.requestId);
      if (!request) return;
      request.status = event.response.status;
      request.responseAt = epoch(event.timestamp);
      if (event.response.fromDiskCache || event.response.fromPrefetchCache) request.fromCache = true;
      if (event.type === 'Preflight') request.type = 'Preflight';
    });
    cdp.on('Network.loadingFinished', (event) => {
      const request = this.open.get(event.requestId);
      if (request) request.end = epoch(event.timestamp);
    });
    cdp.on('Network.loadingFailed', (event) => {
      const request = this.open.get(event.requestId);
      if (!request) return;
      request.end = epoch(event.timestamp);
      request.failed = event.errorText || (event.canceled ? 'canceled' : 'failed');
    });
  }

  /** Resolves once no request has been in flight for `quietMs` (or after `timeoutMs`). */
  async idle(quietMs = 500, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      const busy = this.requests.some((r) => r.end === undefined && !r.failed && Date.now() - r.start < 30_000);
      if (busy) quietSince = Date.now();
      else if (Date.now() - quietSince >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export interface InstrumentedPage {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  network: NetworkLog;
  /** Marks and long tasks of the page's current document. */
  state(): Promise<PageState>;
  /** Waits for a mark of the current document (a frame time when painted, else the DOM time). */
  waitForMark(name: string, timeoutMs: number): Promise<number>;
  /** Watches a new marker on the current document (resets it if already marked). */
  watch(marker: Marker): Promise<void>;
  heapUsedBytes(): Promise<number>;
  close(): Promise<void>;
}

/** A fresh context (cold cache, no cookies) and page with the recorders installed before any navigation. */
export async function instrumentedPage(browser: Browser, markers: Marker[]): Promise<InstrumentedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: recorderScript(markers) });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const network = new NetworkLog(cdp);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');
  if (pageSettings.cpuThrottle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: pageSettings.cpuThrottle });
  const state = () => page.evaluate(() => (window as unknown as { __bench: PageState }).__bench);

  return {
    context,
    page,
    cdp,
    network,
    state: async () => {
      const s = await state();
      return { marks: s.marks, longTasks: s.longTasks, url: s.url, timeOrigin: s.timeOrigin };
    },
    async waitForMark(name, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        try {
          const mark = await page.evaluate((n) => (window as unknown as { __bench?: PageState }).__bench?.marks[n], name);
          if (mark?.frame) return mark.frame;
          if (mark && Date.now() - mark.dom > 500) return mark.dom; // no frame (hidden page): the DOM time
        } catch {
          // navigating: the next document has its own recorder
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`"${name}" was not visible within ${timeoutMs} ms (at ${page.url()})`);
    },
    async watch(marker) {
      await page.evaluate((m) => (window as unknown as { __bench: { watch(m: Marker): void } }).__bench.watch(m), marker);
    },
    async heapUsedBytes() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
    },
    close: () => context.close(),
  };
}
