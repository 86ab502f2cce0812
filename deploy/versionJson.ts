// A Vite plugin that writes version.json into the build: which build is live (for health checks, support and
// upgrades). `hash` is a digest of every emitted file, so two builds of the same code have the same hash.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

export interface BuildVersion {
  /** SHA-256 of the emitted files' names and contents (first 16 hex digits). */
  hash: string;
  /** When the build ran (ISO 8601, UTC); $SOURCE_DATE_EPOCH when set, for reproducible builds. */
  builtAt: string;
  /** The git commit built, when built from a git checkout. */
  commit: string | null;
}

export function buildVersion(files: { name: string; content: string | Uint8Array }[], builtAt: Date, commit: string | null): BuildVersion {
  const digest = createHash('sha256');
  for (const { name, content } of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    digest.update(`${name}\0`).update(content).update('\0');
  }
  return { hash: digest.digest('hex').slice(0, 16), builtAt: builtAt.toISOString(), commit };
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

export function versionJson(): Plugin {
  return {
    name: 'smart-chart:version-json',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.values(bundle).map((item) => ({ name: item.fileName, content: item.type === 'chunk' ? item.code : item.source }));
      const epoch = Number(process.env.SOURCE_DATE_EPOCH);
      const builtAt = Number.isFinite(epoch) && process.env.SOURCE_DATE_EPOCH ? new Date(epoch * 1000) : new Date();
      const version = buildVersion(files, builtAt, gitCommit());
      this.emitFile({ type: 'asset', fileName: 'version.json', source: `${JSON.stringify(version, null, 2)}\n` });
    },
  };
}
