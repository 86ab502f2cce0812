// Where the benchmark reads and writes.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
/** Git-ignored. */
export const RESULTS_DIR = join(ROOT, 'bench-results');
/** The reference app's build (bench/reference/vite.config.ts writes it). */
export const REFERENCE_DIST = join(RESULTS_DIR, 'reference-dist');
