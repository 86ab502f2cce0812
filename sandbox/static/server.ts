// Serves the built app (dist/) on APP_ORIGIN: files with their content types, SPA fallback to index.html
// for /launch, /callback and any other path that does not name a file.
// Caching as a warm launch needs it: content-hashed files under /assets/ are immutable; index.html, the SPA
// fallback, smart-config.json and other files revalidate (no-cache with a strong ETag, 304 on If-None-Match).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { securityHeaders, type HeaderConfig } from '../../deploy/securityHeaders';
import { listen } from '../auth/http';

export interface AppServerOptions {
  host: string;
  port: number;
  distDir: string;
  /** Send the app's security headers (CSP derived from smart-config.json); default true. */
  securityHeaders?: boolean;
  /** Serve this as /smart-config.json instead of the built file (the sandbox's profiles); the CSP follows it. */
  smartConfig?: unknown;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** The security headers for the deployed smart-config.json (the same function writes the nginx headers snippet). */
function headersFor(distDir: string, served: unknown): Record<string, string> {
  try {
    const config = served ?? JSON.parse(readFileSync(join(distDir, 'smart-config.json'), 'utf8'));
    return securityHeaders(config as HeaderConfig);
  } catch {
    return securityHeaders({ servers: [] });
  }
}

/** The built smart-config.json, parsed; undefined when missing or not JSON. */
export function readBuiltConfig(distDir: string): unknown {
  try {
    return JSON.parse(readFileSync(join(distDir, 'smart-config.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

async function fileAt(path: string): Promise<{ size: number; mtimeMs: number } | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info : undefined;
  } catch {
    return undefined;
  }
}

/** A strong ETag from the content. */
const etagOf = (body: Buffer) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** Whether an If-None-Match header names this ETag (a list, `*`, or weak forms of it). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

export async function startAppServer(options: AppServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(options.distDir);
  const indexHtml = join(root, 'index.html');
  const url = `http://${options.host}:${options.port}`;
  const headers = options.securityHeaders === false ? {} : headersFor(root, options.smartConfig);
  const generated = options.smartConfig === undefined ? undefined : Buffer.from(JSON.stringify(options.smartConfig, null, 2));
  const generatedEtag = generated && etagOf(generated);
  /** Content and ETag per file, read again when its size or mtime changes (a rebuild). */
  const cache = new Map<string, { key: string; body: Buffer; etag: string }>();

  async function load(file: string, info: { size: number; mtimeMs: number }) {
    const key = `${info.size}:${info.mtimeMs}`;
    const cached = cache.get(file);
    if (cached?.key === key) return cached;
    const body = await readFile(file);
    const entry = { key, body, etag: etagOf(body) };
    cache.set(file, entry);
    return entry;
  }

  function sendStatus(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
    res.end(text);
  }

  function sendBody(req: IncomingMessage, res: ServerResponse, body: Buffer, etag: string, type: string, cacheControl: string) {
    const common = { ...headers, 'Cache-Control': cacheControl, ETag: etag };
    if (matches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, common);
      return void res.end();
    }
    res.writeHead(200, { ...common, 'Content-Type': type, 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, info: { size: number; mtimeMs: number }, cacheControl: string) {
    const { body, etag } = await load(file, info);
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    sendBody(req, res, body, etag, type, cacheControl);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendStatus(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', url).pathname);
    } catch {
      return sendStatus(res, 400, 'Bad request');
    }
    if (generated && pathname === '/smart-config.json') {
      return sendBody(req, res, generated, generatedEtag!, CONTENT_TYPES['.json'], REVALIDATE);
    }
    const file = resolve(root, `.${pathname}`);
    const inside = file.startsWith(root + sep);
    const hidden = pathname.split('/').some((segment) => segment.startsWith('.'));
    const info = inside && !hidden && file !== indexHtml ? await fileAt(file) : undefined;
    if (info) {
      // Vite puts content-hashed files under /assets/: they never change.
      return sendFile(req, res, file, info, pathname.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    }
    // A dotfile, or a path that asked for a file (under /assets/, or with an extension) that is not there.
    if (hidden || pathname.startsWith('/assets/') || (extname(pathname) && pathname !== '/index.html')) {
      return sendStatus(res, 404, 'Not found');
    }
    const index = await fileAt(indexHtml);
    if (!index) return sendStatus(res, 404, 'Not found: the app is not built');
    return sendFile(req, res, indexHtml, index, REVALIDATE);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[app]', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const listening = await listen(server, options.host, options.port);
  return { url, close: listening.close };
}
