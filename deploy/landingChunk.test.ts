import { describe, expect, it } from 'vitest';
import type { ChunkingContext } from 'rolldown';
import { LANDING_CHUNK, landingChunkName } from './landingChunk';

// main → config; start → react, config, ChartApp (lazy); ChartApp → summary; summary → flag; vitals → flag
const graph: Record<string, string[]> = {
  main: ['config'],
  config: [],
  start: ['react', 'config'],
  react: [],
  ChartApp: ['summary'],
  summary: ['flag'],
  flag: [],
  vitals: ['flag', 'chart'],
  chart: [],
};
const ctx = { getModuleInfo: (id: string) => (graph[id] ? { importedIds: graph[id] } : null) } as unknown as ChunkingContext;

describe('landingChunkName', () => {
  it('groups what the landing roots import statically, leaving out the entry’s own code and other views', () => {
    const name = landingChunkName('main', ['start', 'ChartApp']);
    const grouped = Object.keys(graph).filter((id) => name(id, ctx) === LANDING_CHUNK);
    expect(grouped.sort()).toEqual(['ChartApp', 'flag', 'react', 'start', 'summary']);
  });
});
