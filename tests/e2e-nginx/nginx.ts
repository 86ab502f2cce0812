// A real nginx serving a build with the config `npm run nginx-config` writes (the same code, run in-process),
// as a non-root instance: pid, logs and temp files in its own temporary directory.
import { execFile, spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { run } from '../../deploy/nginx-config';

export const NGINX = '/usr/sbin/nginx';
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = join(REPO, 'dist');

/** A temporary directory nginx's workers can read (they run as `nobody` when the tests run as root). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** A copy of a build the test may change (e.g. remove or add chunks). */
export function copyOfBuild(from = DIST): string {
  const dir = join(tempDir('smart-chart-build-'), 'dist');
  cpSync(from, dir, { recursive: true });
  return dir;
}

let servedDist: string | undefined;
/**
 * The build nginx serves when a test names none: a copy of dist in a directory its workers can read (a fresh
 * clone in a 0700 temporary directory, as CI makes, is out of reach of `nobody`), made once per test process.
 */
function defaultRoot(): string {
  if (!servedDist) {
    const copy = copyOfBuild();
    servedDist = copy;
    process.once('exit', () => rmSync(dirname(copy), { recursive: true, force: true }));
  }
  return servedDist;
}

export interface NginxOptions {
  root?: string;
  listen: string;
  base?: string;
  tls?: { cert: string; key: string; redirectListen: string };
}

export interface Nginx {
  /** e.g. http://127.0.0.1:4173 */
  origin: string;
  conf: string;
  accessLog(): string;
  stop(): Promise<void>;
}

export async function startNginx(options: NginxOptions): Promise<Nginx> {
  const dir = tempDir('smart-chart-nginx-');
  const conf = join(dir, 'nginx.conf');
  const state = join(dir, 'state');
  const tls = options.tls ? ['--tls-cert', options.tls.cert, '--tls-key', options.tls.key, '--redirect-listen', options.tls.redirectListen] : [];
  run(['--root', options.root ?? defaultRoot(), '--listen', options.listen, '--base', options.base ?? '/', '--out', conf, '--state-dir', state, ...tls], REPO);

  const nginx = spawn(NGINX, ['-c', conf, '-e', join(state, 'error.log'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  nginx.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => nginx.once('exit', () => done()));
  const origin = `${options.tls ? 'https' : 'http'}://${options.listen}`;

  const stop = async () => {
    if (nginx.exitCode === null) nginx.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  // Ready when it answers; fail at once (with nginx's words) if it exits.
  for (const started = Date.now(); ; ) {
    if (nginx.exitCode !== null) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`nginx exited (${nginx.exitCode}): ${stderr.trim() || readFileSync(join(state, 'error.log'), 'utf8')}`);
    }
    const answered = await get(`${origin}/`, { ca: options.tls ? readFileSync(options.tls.cert) : undefined }).then(() => true, () => false);
    if (answered) break;
    if (Date.now() - started > 10_000) {
      await stop();
      throw new Error(`nginx did not answer on ${origin} within 10 s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { origin, conf, accessLog: () => readFileSync(join(state, 'smart-chart.access.log'), 'utf8'), stop };
}

/** A self-signed certificate for 127.0.0.1, made for this run. */
export async function selfSignedCert(dir: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  await promisify(execFile)('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
  ]);
  return { cert, key };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent (not decompressed). */
  body: Buffer;
}

/** A GET that shows the response as nginx sent it (fetch would decompress and follow redirects). */
export function get(url: string, options: { headers?: Record<string, string>; ca?: Buffer } = {}): Promise<RawResponse> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: options.headers, ca: options.ca, timeout: 5_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

/** The entry script and stylesheet index.html names, e.g. /assets/index-abc.js. */
export function entryAssets(root = DIST): { script: string; style: string } {
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
  const style = /<link rel="stylesheet" crossorigin href="([^"]+)"/.exec(html)?.[1];
  if (!script || !style) throw new Error(`no entry script or stylesheet in ${root}/index.html`);
  return { script, style };
}
