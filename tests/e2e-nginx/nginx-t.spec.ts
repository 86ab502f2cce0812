// `nginx -t` accepts every variant `npm run nginx-config` writes, as written (run the way a deployer runs it).
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { DIST, NGINX, REPO, selfSignedCert, tempDir } from './nginx';

const exec = promisify(execFile);

test('nginx -t accepts the plain, TLS, sub-path and system-layout variants', async () => {
  const dir = tempDir('smart-chart-nginx-t-');
  try {
    const { cert, key } = await selfSignedCert(dir);
    const state = ['--state-dir', join(dir, 'state')];
    const variants: Record<string, string[]> = {
      plain: ['--listen', '127.0.0.1:8080', ...state],
      tls: ['--listen', '0.0.0.0:443', '--server-name', 'chart.hospital.example', '--tls-cert', cert, '--tls-key', key, ...state],
      'sub-path': ['--listen', '127.0.0.1:8080', '--base', '/apps/chart/', ...state],
      'tls sub-path': ['--listen', '[::]:8443', '--tls-cert', cert, '--tls-key', key, '--redirect-listen', '[::]:8080', '--base', '/apps/chart/', ...state],
      // Debian's layout (/run/nginx.pid, /var/log/nginx, www-data): what a root-run system nginx uses.
      system: ['--listen', '0.0.0.0:80'],
    };
    for (const [name, args] of Object.entries(variants)) {
      const conf = join(dir, name.replace(' ', '-'), 'nginx.conf');
      await exec('npm', ['run', '-s', 'nginx-config', '--', '--root', DIST, '--out', conf, ...args], { cwd: REPO });
      const checked = await exec(NGINX, ['-t', '-c', conf]).then(({ stderr }) => stderr, (error: { stderr: string }) => error.stderr);
      expect(checked, name).toContain(`configuration file ${conf} test is successful`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
