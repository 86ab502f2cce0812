// Bundle figures from dist/: the JS the first screen loads (the entry script and its modulepreloads in
// index.html), all JS, and the lazily loaded rest; gzip level 9, as Vite reports it.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** Notable libraries found in the chunk (by their code). */
  contains?: string[];
}

export interface BundleFigures {
  initialJs: { files: ChunkSize[]; bytes: number; gzipBytes: number };
  initialCss: { files: ChunkSize[]; gzipBytes: number };
  totalJs: { files: number; bytes: number; gzipBytes: number };
  lazyJs: { files: ChunkSize[]; bytes: number; gzipBytes: number; chartChunk: string | null };
}

/** Code fingerprints of libraries worth naming in a chunk (minifiers keep these class names). */
const FINGERPRINTS: Record<string, RegExp> = {
  uplot: /u-legend|u-over|u-cursor-pt/,
};

function sizeOf(dist: string, file: string, fingerprint = false): ChunkSize {
  const content = readFileSync(join(dist, file));
  const size: ChunkSize = { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  if (fingerprint) {
    const text = content.toString('utf8');
    const found = Object.entries(FINGERPRINTS).filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
    if (found.length) size.contains = found;
  }
  return size;
}

const sum = (chunks: ChunkSize[], key: 'bytes' | 'gzipBytes') => chunks.reduce((total, chunk) => total + chunk[key], 0);

/** The initial set: `<script type="module" src>` and `<link rel="modulepreload" href>` (and stylesheets) in index.html. */
export function initialAssets(indexHtml: string): { js: string[]; css: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const tag of indexHtml.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const url = /\s(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (!url || /^[a-z]+:|^\/\//i.test(url)) continue;
    const path = url.replace(/^\//, '').replace(/[?#].*$/, '');
    if (tag.startsWith('<script') && /type="module"/.test(tag)) js.add(path);
    else if (/rel="modulepreload"/.test(tag)) js.add(path);
    else if (/rel="stylesheet"/.test(tag)) css.add(path);
  }
  return { js: [...js], css: [...css] };
}

export function measureBundle(dist: string): BundleFigures {
  const initial = initialAssets(readFileSync(join(dist, 'index.html'), 'utf8'));
  const initialJs = initial.js.map((file) => sizeOf(dist, file, true));
  const initialCss = initial.css.map((file) => sizeOf(dist, file));
  const allJs = readdirSync(join(dist, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `assets/${name}`);
  const lazy = allJs.filter((file) => !initial.js.includes(file)).map((file) => sizeOf(dist, file, true));
  const all = allJs.map((file) => sizeOf(dist, file));
  const chart = lazy.find((chunk) => chunk.contains?.includes('uplot')) ?? lazy.find((chunk) => /chart/i.test(basename(chunk.file)));
  return {
    initialJs: { files: initialJs, bytes: sum(initialJs, 'bytes'), gzipBytes: sum(initialJs, 'gzipBytes') },
    initialCss: { files: initialCss, gzipBytes: sum(initialCss, 'gzipBytes') },
    totalJs: { files: all.length, bytes: sum(all, 'bytes'), gzipBytes: sum(all, 'gzipBytes') },
    lazyJs: { files: lazy, bytes: sum(lazy, 'bytes'), gzipBytes: sum(lazy, 'gzipBytes'), chartChunk: chart?.file ?? null },
  };
}
