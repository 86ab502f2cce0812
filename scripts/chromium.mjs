// Finds a Chromium for the end-to-end tests: $CHROMIUM_PATH, else Playwright's own browser, else the system's.
// With `--install`, installs one when none is found: Debian's `chromium` package when running as root on
// Debian (Playwright's browser download is unreachable on some networks), else `playwright install chromium`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return undefined; // Playwright's own: no executablePath needed
  } catch {
    // no bundled browser
  }
  return SYSTEM.find((path) => existsSync(path)) ?? null;
}

function install() {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync('/etc/debian_version')) {
    console.log('[chromium] installing Debian package chromium…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return;
  }
  console.log('[chromium] installing Playwright’s Chromium…');
  execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
}

if (process.argv.includes('--install')) {
  let found = findChromium();
  if (found === null) {
    install();
    found = findChromium();
  }
  if (found === null) {
    console.error('[chromium] no Chromium found or installable: set CHROMIUM_PATH');
    process.exit(1);
  }
  console.log(`[chromium] using ${found ?? 'Playwright’s bundled Chromium'}`);
}
