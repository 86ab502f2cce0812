// Builds dist/ with `npx vite build` when it is missing or older than its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.app.json', 'package.json', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export interface BuildInfo {
  /** 'fresh': dist/ was newer than its sources; 'built': we ran vite build; 'skipped': --no-build. */
  status: 'fresh' | 'built' | 'skipped';
  ms: number;
}

export function ensureBuild(root: string, options: { skip: boolean; log: (line: string) => void }): BuildInfo {
  const index = join(root, 'dist', 'index.html');
  if (options.skip) {
    if (!existsSync(index)) throw new Error('dist/index.html is missing: run without --no-build (or npx vite build)');
    return { status: 'skipped', ms: 0 };
  }
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((source) => newestMtime(join(root, source))));
  if (built > sources) return { status: 'fresh', ms: 0 };
  options.log(existsSync(index) ? 'dist/ is older than its sources: npx vite build' : 'dist/ is missing: npx vite build');
  const started = performance.now();
  // Vite's output goes to stderr: stdout carries only the JSON result.
  const result = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
  return { status: 'built', ms: Math.round(performance.now() - started) };
}
