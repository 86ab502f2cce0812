// The e2e set through a real nginx (`npm run test:e2e:nginx`): the built app served by /usr/sbin/nginx with the
// config `npm run nginx-config` writes, in front of the sandbox. A run of its own because nginx takes the app's
// origin (127.0.0.1:4173, the only one the sandbox registers redirect URIs for), so the sandbox runs without
// its own static server.
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';
import { EHR_ORIGIN } from '../../sandbox/ports';
import { REPO } from './nginx';

export default defineConfig({
  ...base,
  testDir: '.',
  outputDir: `${REPO}/test-results/e2e-nginx`,
  projects: [{ name: 'nginx' }],
  webServer: {
    command: 'npx tsx sandbox/start.ts --no-app',
    cwd: REPO,
    url: `${EHR_ORIGIN}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'pipe',
  },
});
