// `npm run nginx-config`: arguments and smart-config.json are checked with one-line messages; the written
// nginx.conf has what a deployment needs. (`nginx -t` and the served behaviour: tests/e2e-nginx.)
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './nginx-config';
import { HEADERS_SNIPPET } from './nginxConfig';

const sandboxConfig = readFileSync('public/smart-config.json', 'utf8');
let dir: string;
let root: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nginx-config-test-'));
  root = join(dir, 'dist');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'smart-config.json'), sandboxConfig);
  writeFileSync(join(dir, 'cert.pem'), 'not checked here');
  writeFileSync(join(dir, 'key.pem'), 'not checked here');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the generator in `dir`; returns the written nginx.conf and headers snippet. */
function generate(...args: string[]): { conf: string; snippet: string } {
  run(['--root', 'dist', '--listen', '127.0.0.1:8080', '--out', 'out/nginx.conf', ...args], dir);
  return { conf: readFileSync(join(dir, 'out/nginx.conf'), 'utf8'), snippet: readFileSync(join(dir, 'out', HEADERS_SNIPPET), 'utf8') };
}

const failure = (args: string[]) => {
  try {
    run(args, dir);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the generator to refuse');
};
const locations = (conf: string) => conf.split(/\n\s*location /).slice(1).map((block) => block.slice(0, block.indexOf('\n        }')));

describe('nginx-config arguments', () => {
  it.each<[string[], string]>([
    [[], '--root DIR is required'],
    [['--root', 'dist'], '--listen ADDR:PORT is required'],
    [['--root', 'nowhere', '--listen', '0.0.0.0:80'], '--root nowhere: no such directory'],
    [['--root', '.', '--listen', '0.0.0.0:80'], '--root .: no index.html there'],
    [['--root', 'dist', '--listen', '8080'], '--listen "8080": expected ADDR:PORT'],
    [['--root', 'dist', '--listen', '0.0.0.0:0'], '--listen "0.0.0.0:0": expected ADDR:PORT'],
    [['--root', 'dist', '--listen', '0.0.0.0:80', '--tls-cert', 'cert.pem'], '--tls-cert and --tls-key go together'],
    [['--root', 'dist', '--listen', '0.0.0.0:443', '--tls-cert', 'cert.pem', '--tls-key', 'missing.pem'], '--tls-key missing.pem: no such file'],
    [['--root', 'dist', '--listen', '0.0.0.0:80', '--redirect-listen', '0.0.0.0:81'], '--redirect-listen is only for TLS'],
    [['--root', 'dist', '--listen', '0.0.0.0:80', '--base', 'apps/chart/'], '--base "apps/chart/": expected a path such as /apps/chart/'],
    [['--root', 'dist', '--listen', '0.0.0.0:80', '--base', '/apps/../etc/'], 'expected a path such as /apps/chart/'],
    [['--root', 'dist', '--listen', '0.0.0.0:80', '--server-name', 'a b; c'], '--server-name "a b; c": expected a host name'],
    [['--root', 'dist', '--listen', '0.0.0.0:80', '--out', 'x$host/nginx.conf'], 'a path with quotes, backslashes, "$" or control characters'],
    [['--root', 'dist', '--listen', '0.0.0.0:80', '--bogus'], 'unknown option --bogus (see --help)'],
    [['--root'], '--root needs a value'],
    [['--root', 'dist', '--listen', '0.0.0.0:80', 'extra'], 'unexpected argument extra'],
  ])('%j: %s', (args, message) => {
    expect(failure(args)).toContain(message);
  });
});

describe('nginx-config checks smart-config.json with the app’s rules', () => {
  const withConfig = (text: string) => {
    writeFileSync(join(dir, 'config.json'), text);
    return failure(['--root', 'dist', '--listen', '0.0.0.0:80', '--config', 'config.json']);
  };
  const server = { id: 'a', name: 'A', issuer: 'https://fhir.example.org/r4', clientId: 'c', scopes: { ehr: 'launch', standalone: 'openid' } };

  it('invalid JSON: the line and column', () => {
    expect(withConfig('{\n  "servers": [\n    { "id": "a", }\n  ]\n}')).toBe(`${join(dir, 'config.json')} is not valid JSON: property name expected at line 3, column 18`);
    expect(withConfig('{ "servers": [')).toMatch(/is not valid JSON: close bracket expected at line 1, column 15$/);
    expect(withConfig('{ "servers": [] // none\n}')).toMatch(/is not valid JSON: invalid comment token at line 1, column 17$/);
  });

  it('the app’s own validation messages', () => {
    expect(withConfig(JSON.stringify({ servers: [{ ...server, clientId: '' }] }))).toBe(
      `${join(dir, 'config.json')}: servers[0].clientId must be a non-empty string (leave it out to register the app dynamically)`,
    );
    expect(withConfig(JSON.stringify({ servers: [server], ehrOrigins: ['ehr.example.org'] }))).toContain('"ehrOrigins" must be a list of http(s) origins');
    expect(withConfig(JSON.stringify({ servers: [{ ...server, jwksOrigins: ['keys.example.org'] }] }))).toContain('servers[0].jwksOrigins must be a list of http(s) origins');
  });

  it('an origin the CSP cannot name, and a pattern server whose FHIR origin is unknown', () => {
    expect(withConfig(JSON.stringify({ servers: [{ ...server, authOrigins: ['https://a$b.example.org'] }] }))).toContain(
      'servers[0].authOrigins "https://a$b.example.org" is not an origin the CSP can name',
    );
    const pattern = { ...server, issuer: undefined, issuerPattern: 'https://[a-z]+\\.ehr\\.example\\.com/fhir' };
    expect(withConfig(JSON.stringify({ servers: [pattern] }))).toContain('servers[0] ("a"): the FHIR origin cannot be read from its issuerPattern; list it in "fhirOrigins"');
  });

  it('a missing file', () => {
    expect(failure(['--root', 'dist', '--listen', '0.0.0.0:80', '--config', 'nope.json'])).toBe(`${join(dir, 'nope.json')} does not exist`);
  });
});

describe('the generated nginx.conf', () => {
  it('is a whole nginx.conf: events, http with its own types, gzip, a log format without query strings', () => {
    const { conf } = generate('--state-dir', 'state');
    expect(conf).toMatch(/^events \{/m);
    expect(conf).toMatch(/^http \{/m);
    expect(conf).toContain('text/javascript js mjs;');
    expect(conf).toMatch(/gzip_types [^;]*text\/css[^;]*text\/javascript[^;]*application\/json[^;]*image\/svg\+xml/);
    expect(conf).toContain('"$request_method $smart_chart_path $server_protocol"');
    expect(conf).not.toMatch(/log_format[^;]*\$(request|request_uri|args|query_string|http_referer)\b/);
    expect(conf).toContain(`pid "${join(dir, 'state')}/nginx.pid";`);
    expect(conf).toContain(`client_body_temp_path "${join(dir, 'state')}/client_body_temp";`);
    expect(conf).not.toMatch(/^user /m);
  });

  it('defaults to the Debian layout when no state directory is given', () => {
    const { conf } = generate();
    expect(conf).toContain('user www-data;');
    expect(conf).toContain('pid /run/nginx.pid;');
    expect(conf).toContain('access_log "/var/log/nginx/smart-chart.access.log" smart_chart;');
    expect(conf).not.toContain('_temp_path');
  });

  it('every location that sets a header includes the one headers snippet', () => {
    for (const args of [[], ['--base', '/apps/chart/']]) {
      const blocks = locations(generate(...args).conf).filter((block) => block.includes('add_header'));
      expect(blocks.length).toBeGreaterThanOrEqual(5);
      for (const block of blocks) expect(block).toContain(`include ${HEADERS_SNIPPET};`);
    }
  });

  it('caches assets for a year only when found, HTML never, the configuration revalidated', () => {
    const { conf } = generate();
    const assets = locations(conf).find((block) => block.startsWith('^~ /assets/'));
    expect(assets).toContain('add_header Cache-Control $smart_chart_asset_cache always;');
    expect(conf).toMatch(/map \$status \$smart_chart_asset_cache \{\s*200 "public, max-age=31536000, immutable";[\s\S]*default "no-store";/);
    expect(locations(conf).find((block) => block.startsWith('= /index.html'))).toContain('"no-store"');
    expect(locations(conf).find((block) => block.startsWith('= /smart-config.json'))).toContain('"no-cache"');
  });

  it('the headers snippet has the CSP from the config; HSTS and the HTTP → HTTPS redirect only with TLS', () => {
    const plain = generate();
    expect(plain.snippet).toContain("connect-src 'self' http://127.0.0.1:4400 http://127.0.0.1:4500;");
    expect(plain.snippet).not.toContain('Strict-Transport-Security');
    expect(plain.conf).not.toContain('return 301 https://');

    const tls = generate('--tls-cert', 'cert.pem', '--tls-key', 'key.pem', '--listen', '127.0.0.1:8443', '--redirect-listen', '127.0.0.1:8080');
    expect(tls.snippet).toContain('add_header Strict-Transport-Security "max-age=31536000" always;');
    expect(tls.conf).toContain('listen 127.0.0.1:8443 ssl;');
    expect(tls.conf).toContain(`ssl_certificate "${join(dir, 'cert.pem')}";`);
    expect(tls.conf).toContain('return 301 https://$host:8443$request_uri;');

    const named = generate('--tls-cert', 'cert.pem', '--tls-key', 'key.pem', '--listen', '0.0.0.0:443', '--server-name', 'chart.hospital.example');
    expect(named.conf).toContain('listen 0.0.0.0:80;');
    expect(named.conf).toContain('return 301 https://chart.hospital.example$request_uri;');
  });

  it('a sub-path: every location under the base, nothing else served', () => {
    const { conf } = generate('--base', '/apps/chart');
    const names = locations(conf).map((block) => block.slice(0, block.indexOf(' {')));
    expect(names).toEqual([
      '= /apps/chart',
      '/',
      '^~ /apps/chart/assets/',
      '= /apps/chart/smart-config.json',
      '= /apps/chart/version.json',
      '= /apps/chart/index.html',
      '~ ^/apps/chart/(?:.*/)?\\.',
      '~ ^/apps/chart/(?<smart_chart_file>(?:[^/]+/)*[^/]+\\.[^/]+)$',
      '/apps/chart/',
    ]);
    expect(conf).toContain(`alias "${root}/assets/";`);
    expect(conf).toContain('rewrite ^ /apps/chart/index.html last;');
  });
});

describe('the command', () => {
  it('prints one line and exits 1 on bad input, never a stack trace', async () => {
    writeFileSync(join(dir, 'broken.json'), '{ "servers": [ }');
    const command = promisify(execFile)('npx', ['tsx', 'deploy/nginx-config.ts', '--root', join(dir, 'dist'), '--listen', '127.0.0.1:80', '--config', join(dir, 'broken.json')]);
    const result = await command.then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(result?.code).toBe(1);
    expect(result?.stderr.trim().split('\n')).toEqual([`nginx-config: ${join(dir, 'broken.json')} is not valid JSON: value expected at line 1, column 16`]);
  });
});
