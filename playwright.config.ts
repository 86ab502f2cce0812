import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/chromium.mjs';
import { APP_ORIGIN, EHR_ORIGIN } from './sandbox/ports';

const executablePath = findChromium() ?? undefined;

export default defineConfig({
  testDir: 'tests/e2e',
  // The sandbox's test knobs are global: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: APP_ORIGIN,
    trace: 'off',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    // Every profile at once (smart, epic, canvas, s4s), each on its own ports: one sandbox for the whole run.
    command: 'npx tsx sandbox/start.ts --profile all',
    url: `${EHR_ORIGIN}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'pipe',
  },
});
