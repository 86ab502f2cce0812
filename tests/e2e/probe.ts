// An attacker's view of the app: a script injected before any app script (it wraps fetch, Headers, Request and
// XMLHttpRequest to record every Authorization value), and a walk of everything reachable from the page's
// JavaScript (window, React's fibers on every DOM node, the query cache they lead to) looking for tokens.
import type { BrowserContext, Frame, Page } from '@playwright/test';

/** Installs the recorder in every frame of `context`, before the app's own scripts run. */
export async function installAuthorizationProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    const record = (name: unknown, value: unknown) => {
      if (String(name).toLowerCase() === 'authorization' && value) seen.push(String(value));
    };
    const recordAll = (headers: HeadersInit | undefined) => {
      if (!headers) return;
      try {
        for (const [name, value] of new OriginalHeaders(headers)) record(name, value);
      } catch {
        // not a headers init
      }
    };
    const OriginalHeaders = window.Headers;
    const set = OriginalHeaders.prototype.set;
    const append = OriginalHeaders.prototype.append;
    OriginalHeaders.prototype.set = function (name: string, value: string) {
      record(name, value);
      return set.call(this, name, value);
    };
    OriginalHeaders.prototype.append = function (name: string, value: string) {
      record(name, value);
      return append.call(this, name, value);
    };
    window.Headers = class extends OriginalHeaders {
      constructor(init?: HeadersInit) {
        super(init);
        recordAll(init);
      }
    };
    const OriginalRequest = window.Request;
    window.Request = class extends OriginalRequest {
      constructor(input: RequestInfo | URL, init?: RequestInit) {
        super(input, init);
        recordAll(this.headers);
      }
    };
    const originalFetch = window.fetch;
    window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
      if (input instanceof OriginalRequest) recordAll(input.headers);
      recordAll(init?.headers);
      return originalFetch.call(this, input, init);
    };
    const setRequestHeader = XMLHttpRequest.prototype.setRequestHeader;
    XMLHttpRequest.prototype.setRequestHeader = function (name: string, value: string) {
      record(name, value);
      return setRequestHeader.call(this, name, value);
    };
    Object.defineProperty(window, '__probeRecorded', { value: () => [...seen], enumerable: false });
  });
}

/** Every Authorization value the injected recorder saw in `target` (a page or a frame). */
export function recordedAuthorization(target: Page | Frame): Promise<string[]> {
  return target.evaluate(() => (window as unknown as { __probeRecorded: () => string[] }).__probeRecorded());
}

export interface WalkResult {
  /** Where a token value was found (a path from a root). */
  found: string[];
  /** The canaries (known non-secret values, e.g. cached patient data) the walk reached: proof it went deep. */
  canaries: string[];
  /** Token-looking methods that were called on the way. */
  called: string[];
  visited: number;
}

/**
 * Walks every object reachable from `window`, the React fibers (and props) on every DOM element and what they
 * hold (stores, the QueryClient and its cache), including non-enumerable properties, Map and Set contents,
 * getters, and methods on class prototypes. Calls every method whose name looks token-related and walks what it
 * returns (awaiting promises). Reports where any of `tokens` appears.
 */
export function walkForTokens(target: Page | Frame, tokens: string[], canaries: string[] = []): Promise<WalkResult> {
  return target.evaluate(async ([tokenList, canaryList]) => {
    const reached = new Set<string>();
    const TOKENISH = /token|refresh|access|secret|credential|bearer|authoriz|grant/i;
    const found: string[] = [];
    const called: string[] = [];
    const seen = new WeakSet<object>();
    const queue: [unknown, string][] = [];
    const deadline = Date.now() + 25_000;
    const MAX = 400_000;
    let visited = 0;
    const isNode = (v: object) => typeof Node !== 'undefined' && v instanceof Node;
    const check = (value: string, path: string) => {
      for (const token of tokenList) if (value.includes(token)) found.push(`${path} (${token.slice(0, 8)}…)`);
      for (const canary of canaryList) if (value === canary) reached.add(canary);
    };
    const settle = (value: unknown) =>
      value instanceof Promise
        ? Promise.race([value.catch((e: unknown) => e), new Promise((resolve) => setTimeout(() => resolve(undefined), 1000))])
        : Promise.resolve(value);

    async function callTokenish(owner: object, name: string, fn: (...args: unknown[]) => unknown, path: string) {
      if (!TOKENISH.test(name) || /^(set|remove|delete|clear|revoke|sign|end|reset|cancel)/i.test(name)) return;
      called.push(path);
      try {
        queue.push([await settle(fn.call(owner)), `${path}()`]);
      } catch (error) {
        queue.push([error, `${path}() threw`]);
      }
    }

    async function visitObject(value: object, path: string) {
      if (value === window || !isNode(value)) {
        const names: (string | symbol)[] = [];
        try {
          names.push(...Reflect.ownKeys(value));
        } catch {
          return;
        }
        for (const name of names) {
          const key = String(name);
          if (value === window && (key === '__probeRecorded' || key === 'window' || key === 'self' || key === 'frames' || key === 'top' || key === 'parent')) continue;
          let child: unknown;
          try {
            const descriptor = Object.getOwnPropertyDescriptor(value, name);
            child = descriptor && 'value' in descriptor ? descriptor.value : (value as Record<string | symbol, unknown>)[name];
          } catch {
            continue;
          }
          if (typeof child === 'function') await callTokenish(value, key, child as () => unknown, `${path}.${key}`);
          queue.push([child, `${path}.${key}`]);
        }
        // Class methods live on the prototype chain (SmartSession.getAccessToken, say).
        for (let proto = Object.getPrototypeOf(value); proto && proto !== Object.prototype && proto !== Function.prototype; proto = Object.getPrototypeOf(proto)) {
          if (proto.constructor && /\[native code\]/.test(Function.prototype.toString.call(proto.constructor))) break;
          for (const name of Object.getOwnPropertyNames(proto)) {
            if (name === 'constructor') continue;
            const descriptor = Object.getOwnPropertyDescriptor(proto, name);
            if (typeof descriptor?.value === 'function') await callTokenish(value, name, descriptor.value as () => unknown, `${path}.${name}`);
            else if (descriptor?.get) {
              try {
                queue.push([descriptor.get.call(value), `${path}.${name}`]);
              } catch {
                // a getter that needs its own state
              }
            }
          }
        }
      }
      // Built-ins whose contents are not properties: headers (fhir-kit-client's hidden __request), requests.
      if (value instanceof Headers) for (const [k, v] of value) queue.push([`${k}: ${v}`, `${path}<${k}>`]);
      if (value instanceof Request) queue.push([value.headers, `${path}.headers`], [value.url, `${path}.url`]);
      if (value instanceof Map) for (const [k, v] of value) queue.push([k, `${path}<key>`], [v, `${path}<${String(k).slice(0, 40)}>`]);
      if (value instanceof Set) for (const v of value) queue.push([v, `${path}<item>`]);
    }

    queue.push([window, 'window']);
    for (const element of Array.from(document.querySelectorAll('*'))) {
      for (const key of Object.keys(element)) if (key.startsWith('__react')) queue.push([(element as unknown as Record<string, unknown>)[key], `<${element.tagName.toLowerCase()}>.${key}`]);
    }
    for (let next = 0; next < queue.length && visited < MAX && Date.now() < deadline; next++) {
      const [value, path] = queue[next]!;
      if (typeof value === 'string') {
        check(value, path);
        continue;
      }
      if ((typeof value !== 'object' && typeof value !== 'function') || value === null) continue;
      if (seen.has(value)) continue;
      seen.add(value);
      visited += 1;
      if (ArrayBuffer.isView(value)) continue;
      await visitObject(value, path);
    }
    return { found: [...new Set(found)].slice(0, 20), canaries: [...reached], called: [...new Set(called)].slice(0, 50), visited };
  }, [tokens, canaries] as const);
}
