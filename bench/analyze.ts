// `--analyze`: which modules make up the initial JS. Builds once more with source maps into a scratch folder
// and attributes each chunk's minified bytes to the npm package (or src/ folder) its mappings point at.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { initialAssets } from './bundle';

export interface PackageShare {
  name: string;
  bytes: number;
  /** The package's share of the chunk's minified bytes, applied to the chunk's gzip size (an estimate). */
  gzipBytesEstimate: number;
}

export interface InitialAnalysis {
  outDir: string;
  initialGzipBytes: number;
  packages: PackageShare[];
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one source-map segment (base64 VLQ) into its numbers. */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** `…/node_modules/@scope/name/…` → `@scope/name`; `…/src/smart/x.ts` → `src/smart`. */
export function ownerOf(source: string): string {
  const inModules = source.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const parts = source.slice(inModules + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const src = /(?:^|\/)src\/([^/]+)\//.exec(source);
  if (src) return `src/${src[1]}`;
  return /(?:^|\/)src\//.test(source) ? 'src' : source.replace(/^(\.\.\/)+/, '');
}

/** Generated characters per owner, from the chunk's source map. */
function attribute(code: string, map: { sources: string[]; mappings: string }): Map<string, number> {
  const owners = new Map<string, number>();
  const add = (owner: string, n: number) => owners.set(owner, (owners.get(owner) ?? 0) + n);
  const lines = code.split('\n');
  const mapLines = map.mappings.split(';');
  let source = 0;
  for (let i = 0; i < lines.length; i++) {
    const length = lines[i]!.length + 1;
    const segments = (mapLines[i] ?? '').split(',').filter(Boolean);
    let column = 0;
    let mappedFrom = 0;
    let current: string | undefined;
    for (const segment of segments) {
      const values = decodeSegment(segment);
      column += values[0]!;
      add(current ?? '(unmapped)', column - mappedFrom);
      mappedFrom = column;
      if (values.length >= 4) {
        source += values[1]!;
        current = ownerOf(map.sources[source] ?? '?');
      } else {
        current = undefined;
      }
    }
    add(current ?? '(unmapped)', length - mappedFrom);
  }
  return owners;
}

export function analyzeInitial(root: string, outDir: string, log: (line: string) => void): InitialAnalysis {
  log(`--analyze: npx vite build --sourcemap --outDir ${outDir}`);
  const result = spawnSync('npx', ['vite', 'build', '--sourcemap', '--outDir', outDir, '--emptyOutDir'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error('vite build --sourcemap failed');
  const { js } = initialAssets(readFileSync(join(outDir, 'index.html'), 'utf8'));
  const totals = new Map<string, PackageShare>();
  let initialGzipBytes = 0;
  for (const file of js) {
    const code = readFileSync(join(outDir, file), 'utf8');
    const map = JSON.parse(readFileSync(join(outDir, `${file}.map`), 'utf8')) as { sources: string[]; mappings: string };
    const gzip = gzipSync(code, { level: 9 }).length;
    initialGzipBytes += gzip;
    for (const [name, chars] of attribute(code, map)) {
      const entry = totals.get(name) ?? { name, bytes: 0, gzipBytesEstimate: 0 };
      entry.bytes += chars;
      entry.gzipBytesEstimate += Math.round((gzip * chars) / code.length);
      totals.set(name, entry);
    }
  }
  const packages = [...totals.values()].sort((a, b) => b.bytes - a.bytes);
  return { outDir, initialGzipBytes, packages };
}
