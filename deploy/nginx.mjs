// The nginx the end-to-end tests serve the app with (tests/e2e-nginx), and openssl for their TLS certificate.
// With `--install`, installs whichever is missing: Debian's packages when running as root on Debian (as
// scripts/chromium.mjs does for Chromium); elsewhere it says what to install and fails.
/* global process, console */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const NGINX = '/usr/sbin/nginx';
const OPENSSL = ['/usr/bin/openssl', '/bin/openssl'];

const missing = () => [...(existsSync(NGINX) ? [] : ['nginx']), ...(OPENSSL.some((p) => existsSync(p)) ? [] : ['openssl'])];

if (process.argv.includes('--install')) {
  let packages = missing();
  if (packages.length > 0 && process.getuid?.() === 0 && existsSync('/etc/debian_version')) {
    console.log(`[nginx] installing Debian packages ${packages.join(', ')}…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
    packages = missing();
  }
  if (packages.length > 0) {
    console.error(`[nginx] missing: ${packages.join(', ')} (the e2e tests through nginx need ${NGINX}): install Debian's nginx and openssl packages`);
    process.exit(1);
  }
  const version = spawnSync(NGINX, ['-v'], { encoding: 'utf8' }).stderr.trim(); // nginx -v answers on stderr
  console.log(`[nginx] using ${NGINX} (${version})`);
}
