// A tiny cookie-keeping HTTP client for tests: follows redirects by hand like a browser would, and stops
// when it reaches the app (the redirect_uri) or a page.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

export interface Landing {
  /** The app URL the authorization server redirected to (code/state/iss or error). */
  app?: URL;
  /** The HTML page reached instead (sign-in). */
  page?: { url: URL; status: number; html: string; headers: Headers };
  /** How many redirects were followed. */
  redirects: number;
}

export class TestBrowser {
  readonly #cookies = new Map<string, string>();

  constructor(private readonly appOrigin: string) {}

  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.#cookies.size) headers.set('cookie', [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
    return response;
  }

  /** GET (or POST a form), then follow redirects until the app or a page. */
  async navigate(url: string | URL, form?: Record<string, string>): Promise<Landing> {
    let response = await this.request(url, form ? { method: 'POST', body: new URLSearchParams(form) } : {});
    let current = new URL(url);
    for (let redirects = 0; redirects < 10; redirects += 1) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return { page: { url: current, status: response.status, html: await response.text(), headers: response.headers }, redirects };
      }
      current = new URL(location, current);
      if (current.origin === this.appOrigin) return { app: current, redirects: redirects + 1 };
      response = await this.request(current);
    }
    throw new Error('too many redirects');
  }
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

/**
 * Starts servers on ports from freePort(), trying again with new ones when another process took one in between
 * (test files run in parallel). `start` picks its ports itself each time.
 */
export async function onFreePorts<T>(start: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= attempts) throw error;
    }
  }
}
