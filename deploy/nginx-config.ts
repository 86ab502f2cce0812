// `npm run nginx-config -- --root DIR --listen ADDR:PORT [options]` (see --help): writes a complete nginx.conf
// and the security-headers snippet it includes, from the deployed smart-config.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseNginxArgs, USAGE, type NginxArgs } from './nginxArgs';
import { HEADERS_SNIPPET, headersSnippet, nginxConfig } from './nginxConfig';
import { readAppConfig, UsageError } from './readConfig';
import { securityHeaders } from './securityHeaders';

export interface Generated {
  conf: string;
  snippet: string;
}

export function generate(args: NginxArgs): Generated {
  const config = readAppConfig(args.config);
  const options = { ...args, headers: securityHeaders(config, { tls: !!args.tls }), source: args.config };
  return { conf: nginxConfig(options), snippet: headersSnippet(options) };
}

/** Writes the files; returns what to tell the user. Throws UsageError for anything the user can fix. */
export function run(argv: string[], cwd: string): string {
  const args = parseNginxArgs(argv, cwd);
  if (!args) return USAGE;
  const { conf, snippet } = generate(args);
  const snippetFile = join(dirname(args.out), HEADERS_SNIPPET);
  try {
    mkdirSync(dirname(args.out), { recursive: true });
    if (args.stateDir) mkdirSync(args.stateDir, { recursive: true });
    writeFileSync(args.out, conf);
    writeFileSync(snippetFile, snippet);
  } catch (error) {
    throw new UsageError(`cannot write ${args.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const scheme = args.tls ? 'https' : 'http';
  return [
    `wrote ${args.out}`,
    `  and ${snippetFile} (the security headers; keep it beside nginx.conf)`,
    `serves ${args.root} at ${scheme}://${args.serverName ?? `${args.listen.host}:${args.listen.port}`}${args.base}`,
    `headers from ${args.config}`,
    `check it: nginx -t -c ${args.out}`,
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(run(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd()));
  } catch (error) {
    const message = error instanceof UsageError ? error.message : `unexpected error: ${(error as Error).message}`;
    console.error(`nginx-config: ${message}`);
    process.exit(1);
  }
}
