// The arguments of `npm run nginx-config`, checked one by one: each problem is a one-line UsageError.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Listen } from './nginxConfig';
import { UsageError } from './readConfig';

export const USAGE = `Usage: npm run nginx-config -- --root DIR --listen ADDR:PORT [options]

Writes a complete nginx.conf for the built app in DIR, and smart-chart-headers.conf beside it.

  --root DIR               the built app (index.html, smart-config.json, assets/), e.g. /var/www/smart-chart
  --listen ADDR:PORT       e.g. 0.0.0.0:443, [::]:443 or 127.0.0.1:8080
  --server-name NAME       the host name browsers use (default: any)
  --tls-cert FILE          certificate chain (PEM); with --tls-key: HTTPS, HSTS and an HTTP → HTTPS redirect
  --tls-key FILE           private key (PEM)
  --redirect-listen A:P    where the HTTP → HTTPS redirect listens (default: ADDR:80)
  --base /PATH/            serve the app under this path (default /); build it with the same base
  --config FILE            the smart-config.json the headers are made from (default: DIR/smart-config.json)
  --out FILE               where to write nginx.conf (default: nginx-out/nginx.conf)
  --state-dir DIR          pid file, logs and temp files in DIR, for an nginx that does not run as root
                           (default: /run/nginx.pid, /var/log/nginx/ and nginx's own temp paths)
  --user NAME              worker user when nginx starts as root (default: www-data; none with --state-dir)`;

export interface NginxArgs {
  root: string;
  listen: Listen;
  serverName?: string;
  tls?: { cert: string; key: string; redirectListen: Listen };
  base: string;
  config: string;
  out: string;
  stateDir?: string;
  user?: string;
}

const OPTIONS = {
  root: { type: 'string' },
  listen: { type: 'string' },
  'server-name': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'redirect-listen': { type: 'string' },
  base: { type: 'string' },
  config: { type: 'string' },
  out: { type: 'string' },
  'state-dir': { type: 'string' },
  user: { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** Characters nginx would read as syntax or variables inside a quoted path. */
const UNSAFE_PATH = /["\\$\p{Cc}]/u;

function path(value: string, option: string, cwd: string): string {
  if (UNSAFE_PATH.test(value)) throw new UsageError(`--${option} ${JSON.stringify(value)}: a path with quotes, backslashes, "$" or control characters cannot go into nginx.conf`);
  return resolve(cwd, value);
}

function existingFile(value: string, option: string, cwd: string): string {
  const file = path(value, option, cwd);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`--${option} ${value}: no such file`);
  return file;
}

export function parseListen(value: string, option: string): Listen {
  const match = /^(\*|\[[0-9a-fA-F:.]+\]|(?:\d{1,3}\.){3}\d{1,3}|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/.exec(value);
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) throw new UsageError(`--${option} ${JSON.stringify(value)}: expected ADDR:PORT, e.g. 0.0.0.0:443, [::]:443 or 127.0.0.1:8080`);
  return { host: match[1]!, port };
}

function parseBase(value: string): string {
  const base = value.endsWith('/') ? value : `${value}/`;
  if (!/^\/(?:[A-Za-z0-9._~-]+\/)*$/.test(base) || base.split('/').some((s) => s === '.' || s === '..')) {
    throw new UsageError(`--base ${JSON.stringify(value)}: expected a path such as /apps/chart/ (letters, digits, ".", "_", "~", "-")`);
  }
  return base;
}

function parseServerName(value: string): string {
  if (!/^(?:\*\.)?[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(value)) {
    throw new UsageError(`--server-name ${JSON.stringify(value)}: expected a host name such as chart.hospital.example`);
  }
  return value;
}

function rawArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const option = /'(--?[^' ]+)/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${option ?? ''} (see --help)`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`${option ?? 'an option'} needs a value (see --help)`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`unexpected argument ${/'([^']+)'/.exec(message)?.[1] ?? ''} (options start with --; see --help)`);
    throw new UsageError(message);
  }
}

/** `undefined` for --help. `cwd` resolves relative paths (npm sets INIT_CWD to where the user ran npm). */
export function parseNginxArgs(argv: string[], cwd: string): NginxArgs | undefined {
  const values = rawArgs(argv);
  if (values.help) return undefined;
  if (!values.root) throw new UsageError('--root DIR is required: the directory of the built app (see --help)');
  if (!values.listen) throw new UsageError('--listen ADDR:PORT is required, e.g. 0.0.0.0:443 (see --help)');

  const root = path(values.root, 'root', cwd);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`--root ${values.root}: no such directory`);
  if (!existsSync(join(root, 'index.html'))) throw new UsageError(`--root ${values.root}: no index.html there (point it at the built app, e.g. dist/)`);
  const listen = parseListen(values.listen, 'listen');

  const cert = values['tls-cert'];
  const key = values['tls-key'];
  if (!cert !== !key) throw new UsageError('--tls-cert and --tls-key go together');
  if (values['redirect-listen'] && !cert) throw new UsageError('--redirect-listen is only for TLS (with --tls-cert and --tls-key)');
  const tls = cert && key
    ? {
      cert: existingFile(cert, 'tls-cert', cwd),
      key: existingFile(key, 'tls-key', cwd),
      redirectListen: parseListen(values['redirect-listen'] ?? `${listen.host}:80`, 'redirect-listen'),
    }
    : undefined;
  if (tls && tls.redirectListen.host === listen.host && tls.redirectListen.port === listen.port) {
    throw new UsageError('--redirect-listen must differ from --listen');
  }

  const user = values.user;
  if (user !== undefined && !/^[a-z_][a-z0-9_-]*$/i.test(user)) throw new UsageError(`--user ${JSON.stringify(user)}: expected a user name such as www-data`);

  return {
    root,
    listen,
    serverName: values['server-name'] === undefined ? undefined : parseServerName(values['server-name']),
    tls,
    base: values.base === undefined ? '/' : parseBase(values.base),
    config: values.config === undefined ? join(root, 'smart-config.json') : path(values.config, 'config', cwd),
    out: path(values.out ?? 'nginx-out/nginx.conf', 'out', cwd),
    stateDir: values['state-dir'] === undefined ? undefined : path(values['state-dir'], 'state-dir', cwd),
    user,
  };
}
