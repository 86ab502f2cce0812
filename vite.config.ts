import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { landingChunkName } from './deploy/landingChunk.ts';
import { versionJson } from './deploy/versionJson.ts';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  plugins: [react(), versionJson()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ debugName: 'landing', includeDependenciesRecursively: false, name: landingChunkName(src('main.ts'), [src('app/start.tsx'), src('app/ChartApp.tsx'), src('app/routes/chart/SummaryRoute.tsx')]) }],
        },
      },
    },
  },
  // The token vault is a module Worker (src/vault/vault.worker.ts), built as its own chunk.
  worker: { format: 'es' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          environment: 'jsdom',
          globals: true,
          include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/support/setup.ts'],
        },
      },
      {
        test: {
          name: 'sandbox',
          environment: 'node',
          include: ['sandbox/**/*.test.ts', 'deploy/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The benchmark's pure parts (request timelines, paired ratios); `npm run bench` itself is not a test.
        test: { name: 'bench', environment: 'node', include: ['bench/**/*.test.ts'] },
      },
    ],
  },
});
