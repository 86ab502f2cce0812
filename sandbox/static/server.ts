// Serves the built app (dist/) on APP_ORIGIN: files with their content types, SPA fallback to index.html
// for /launch, /callback and any other path that does not name a file.
import { createReadStream, readFileSync } from 'node:fs';
import { securityHeaders, type HeaderConfig } from '../../deploy/securityHeaders';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { listen } from '../auth/http';

export interface AppServerOptions {
  host: string;
  port: number;
  distDir: string;
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

/** The security headers for the deployed smart-config.json (the same function writes deploy/nginx.conf). */
function headersFor(distDir: string): Record<string, string> {
  try {
    return securityHeaders(JSON.parse(readFileSync(join(distDir, 'smart-config.json'), 'utf8')) as HeaderConfig);
  } catch {
    return securityHeaders({ servers: [] });
  }
}

async function fileAt(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function startAppServer(options: AppServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(options.distDir);
  const indexHtml = join(root, 'index.html');
  const url = `http://${options.host}:${options.port}`;
  const headers = headersFor(root);

  function send(req: IncomingMessage, res: ServerResponse, status: number, file: string | undefined, cache: string): void {
    const type = file ? (CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream') : 'text/plain; charset=utf-8';
    res.writeHead(status, { ...headers, 'Content-Type': type, 'Cache-Control': cache });
    if (!file || req.method === 'HEAD') {
      res.end(file ? undefined : 'Not found');
      return;
    }
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' });
      return void res.end();
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', url).pathname);
    } catch {
      return send(req, res, 400, undefined, 'no-store');
    }
    const file = resolve(root, `.${pathname}`);
    const inside = file.startsWith(root + sep);
    const hidden = pathname.split('/').some((segment) => segment.startsWith('.'));
    if (inside && !hidden && file !== indexHtml && (await fileAt(file))) {
      // Vite puts content-hashed files under /assets/: they never change.
      const cache = pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      return send(req, res, 200, file, cache);
    }
    // A dotfile, or a path whose last segment has an extension, asked for a file (that is not there).
    if (hidden || (extname(pathname) && pathname !== '/index.html')) return send(req, res, 404, undefined, 'no-store');
    return send(req, res, 200, indexHtml, 'no-store');
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
