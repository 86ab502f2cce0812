// One chunk for the UI a launch lands on (React, the router, the chart shell, the Summary and what they import),
// instead of the dozen small shared chunks the automatic split makes of it. The callback fetches that code in one
// request, and no second wave of chunks waits for the first to run (a lazy import inside the chunk is already
// there). The launch page's own code (main.ts and what it imports) stays out of it; the other views stay lazy.
import type { ChunkingContext } from 'rolldown';

export const LANDING_CHUNK = 'landing';

/** Which modules belong in the landing chunk: statically reachable from `roots`, and not from `entry`. */
export function landingChunkName(entry: string, roots: string[]) {
  // One answer per chunking pass (a watch build runs several, each with its own context).
  const landingOf = new WeakMap<ChunkingContext, Set<string>>();
  const reachable = (from: string[], ctx: ChunkingContext) => {
    const seen = new Set<string>();
    const queue = [...from];
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
      if (seen.has(id)) continue;
      const info = ctx.getModuleInfo(id);
      if (!info) continue;
      seen.add(id);
      queue.push(...info.importedIds);
    }
    return seen;
  };
  return (id: string, ctx: ChunkingContext): string | null => {
    let landing = landingOf.get(ctx);
    if (!landing) {
      const initial = reachable([entry], ctx);
      landing = new Set([...reachable(roots, ctx)].filter((module) => !initial.has(module)));
      landingOf.set(ctx, landing);
    }
    return landing.has(id) ? LANDING_CHUNK : null;
  };
}
