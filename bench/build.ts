// Builds what the benchmark serves when it is missing or older than its sources: the app's dist/ (npx vite
// build) and the reference app (bench/reference, its own Vite config, into bench-results/reference-dist).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const APP_SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.app.json', 'package.json', 'package-lock.json'];
const REFERENCE_SOURCES = ['bench/reference', 'package-lock.json'];
export const REFERENCE_CONFIG = 'bench/reference/vite.config.ts';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export interface BuildInfo {
  /** 'fresh': the output was newer than its sources; 'built': we ran vite build; 'skipped': --no-build. */
  status: 'fresh' | 'built' | 'skipped';
  ms: number;
}

interface Target {
  label: string;
  /** A file of the output whose mtime dates the build. */
  output: string;
  sources: string[];
  viteArgs: string[];
}

function ensureBuilt(root: string, target: Target, options: { skip: boolean; log: (line: string) => void }): BuildInfo {
  const output = join(root, target.output);
  if (options.skip) {
    if (!existsSync(output)) throw new Error(`${target.output} is missing: run without --no-build (or npx vite build ${target.viteArgs.join(' ')})`);
    return { status: 'skipped', ms: 0 };
  }
  const built = existsSync(output) ? statSync(output).mtimeMs : 0;
  const sources = Math.max(...target.sources.map((source) => newestMtime(join(root, source))));
  if (built > sources) return { status: 'fresh', ms: 0 };
  options.log(`${target.label} is ${existsSync(output) ? 'older than its sources' : 'missing'}: npx vite build ${target.viteArgs.join(' ')}`);
  const started = performance.now();
  // Vite's output goes to stderr: stdout carries only the JSON result.
  const result = spawnSync('npx', ['vite', 'build', ...target.viteArgs], { cwd: root, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`vite build ${target.viteArgs.join(' ')} failed (exit ${result.status ?? result.signal})`);
  return { status: 'built', ms: Math.round(performance.now() - started) };
}

export function ensureBuild(root: string, options: { skip: boolean; log: (line: string) => void }): BuildInfo {
  return ensureBuilt(root, { label: 'dist/', output: 'dist/index.html', sources: APP_SOURCES, viteArgs: [] }, options);
}

/** The reference app (fhirclient 2.6 + React) into bench-results/reference-dist. */
export function ensureReferenceBuild(root: string, options: { skip: boolean; log: (line: string) => void }): BuildInfo {
  return ensureBuilt(
    root,
    {
      label: 'The reference app (bench-results/reference-dist)',
      output: 'bench-results/reference-dist/index.html',
      sources: REFERENCE_SOURCES,
      viteArgs: ['--config', REFERENCE_CONFIG, '--logLevel', 'error'],
    },
    options,
  );
}
