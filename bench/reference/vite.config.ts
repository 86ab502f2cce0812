// The benchmark's reference app (fhirclient 2.6 + React, two pages), built by bench/reference/build.ts into
// bench-results/reference-dist (git-ignored) and served by the sandbox on REFERENCE_PORT.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { REFERENCE_DIST } from '../paths';

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: REFERENCE_DIST,
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: { input: { launch: resolve(here, 'launch.html'), index: resolve(here, 'index.html') } },
  },
});
