import type { ChartBand } from './types';

/**
 * The y range: the data, padded, and each band edge that lies near the data (within the data's span). A far
 * edge (systolic 219 over readings of 120–150) is left out so the readings keep the height of the chart; its
 * band then runs off the plot.
 */
export function yRange(min: number | null, max: number | null, bands: readonly ChartBand[]): [number, number] {
  let lo = min ?? Infinity;
  let hi = max ?? -Infinity;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = Math.min(...bands.map((b) => b.low));
    hi = Math.max(...bands.map((b) => b.high));
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  } else {
    const reach = Math.max(hi - lo, Math.abs(hi) * 0.1, 1);
    for (const edge of bands.flatMap((b) => [b.low, b.high])) {
      if (edge < lo && edge >= lo - reach) lo = edge;
      if (edge > hi && edge <= hi + reach) hi = edge;
    }
  }
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.08;
  return [lo - pad, hi + pad];
}
