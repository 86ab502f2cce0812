// Chromium for the benchmark, and what each page records: visibility marks (MutationObserver + the next frame),
// long tasks (PerformanceObserver 'longtask'), every network request of the page and its workers with its timing
// (network.ts: Playwright's events and CDP, preflights included), and the JS heap (CDP Performance.getMetrics).
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page, type Request } from '@playwright/test';
import { CdpRecorder, mergeRequests, type NetRequest, type PlaywrightRecord } from './network';

export type { NetRequest } from './network';
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
export function recorderScript(markers: Marker[]): string {
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
  // inFrame: called from an animation frame, the one that paints what it found.
  const check = (inFrame) => {
    for (const marker of state.markers) {
      if (state.marks[marker.name]) continue;
      let hit = false;
      try { hit = matches(marker); } catch { hit = false; }
      if (!hit) continue;
      const mark = { dom: now() };
      state.marks[marker.name] = mark;
      if (inFrame) mark.frame = mark.dom;
      else requestAnimationFrame(() => { mark.frame = now(); });
    }
  };
  // Once per frame, at its start: the visibility test reads layout, and reading it at every mutation would force
  // layouts the page itself never asked for (more of them for a page that changes more). A hidden page gets no
  // frames: it is checked at once.
  let pending = false;
  const schedule = () => {
    if (document.hidden) return check(false);
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; check(true); });
  };
  state.watch = (marker) => { state.markers = state.markers.filter((m) => m.name !== marker.name).concat([marker]); delete state.marks[marker.name]; check(false); };
  new MutationObserver(schedule).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  // Layout changes without mutations (a canvas sized by CSS, a font): also look every 50 ms.
  setInterval(schedule, 50);
})();`;
}

/** Network requests of one page and its workers (see network.ts), preflights included. */
export class NetworkLog {
  private readonly cdp = new CdpRecorder();
  private readonly playwright = new Map<Request, PlaywrightRecord>();
  private nextMessageId = 1_000_000;

  /** Every request so far, merged (a new array each time). */
  get requests(): NetRequest[] {
    return mergeRequests(this.cdp.records, [...this.playwright.values()]);
  }

  /** Records `page` (and, through Target.setAutoAttach, its workers) on `cdp`, a CDP session of the page. */
  async attach(page: Page, cdp: CDPSession): Promise<void> {
    page.on('request', (request) => {
      this.playwright.set(request, { url: request.url(), method: request.method(), resourceType: request.resourceType(), seenAt: Date.now(), finished: false });
    });
    const settle = async (request: Request, failed?: string) => {
      const record = this.playwright.get(request);
      if (!record) return;
      const timing = request.timing();
      const response = failed ? null : await request.response().catch(() => null);
      const sizes = failed ? null : await request.sizes().catch(() => null);
      Object.assign(record, {
        startTime: timing.startTime,
        responseStart: timing.responseStart,
        responseEnd: timing.responseEnd,
        status: response?.status(),
        failed,
        transferBytes: sizes ? Math.max(0, sizes.responseBodySize) + Math.max(0, sizes.responseHeadersSize) : undefined,
        finished: true,
      });
    };
    page.on('requestfinished', (request) => void settle(request));
    page.on('requestfailed', (request) => void settle(request, request.failure()?.errorText ?? 'failed'));

    cdp.on('event', ({ method, params }) => {
      if (method.startsWith('Network.')) this.cdp.handle(method, (params ?? {}) as Record<string, unknown>, 'page', 'page');
    });
    // Workers (and any other auto-attached target) in the deprecated non-flat mode: Playwright's CDPSession
    // routes no child sessions, but forwards these messages.
    const sendTo = (sessionId: string, method: string) =>
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: this.nextMessageId++, method, params: {} }) }).catch(() => undefined);
    cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
      void (async () => {
        if (targetInfo.type === 'worker') await sendTo(sessionId, 'Network.enable');
        await sendTo(sessionId, 'Runtime.runIfWaitingForDebugger');
      })();
    });
    cdp.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
      const parsed = JSON.parse(message) as { method?: string; params?: Record<string, unknown> };
      if (parsed.method?.startsWith('Network.')) this.cdp.handle(parsed.method, parsed.params ?? {}, sessionId, 'worker');
    });
    await cdp.send('Network.enable');
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  }

  /** Resolves once no request (Playwright's view, plus preflights) has been in flight for `quietMs` (or after `timeoutMs`). */
  async idle(quietMs = 500, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quietSince = Date.now();
    while (Date.now() < deadline) {
      const now = Date.now();
      const busy = [...this.playwright.values()].some((r) => !r.finished && now - r.seenAt < 30_000) || this.cdp.openPreflights(now) > 0;
      if (busy) quietSince = now;
      else if (now - quietSince >= quietMs) return;
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

/** A fresh browser context (cold cache, no cookies: a new browser profile) whose documents get the recorder. */
export async function benchContext(browser: Browser, markers: Marker[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: recorderScript(markers) });
  return context;
}

/**
 * A page with the recorders installed before any navigation: in a fresh context (closed with the page), or as a
 * new tab of `options.context` (a warm launch: same cache and cookies; only the page is closed; its markers are
 * the context's).
 */
export async function instrumentedPage(browser: Browser, markers: Marker[], options: { context?: BrowserContext } = {}): Promise<InstrumentedPage> {
  const context = options.context ?? (await benchContext(browser, markers));
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const network = new NetworkLog();
  await network.attach(page, cdp);
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
    close: () => (options.context ? page.close() : context.close()),
  };
}
