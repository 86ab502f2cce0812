// Paired ratios: run i of this app over run i of the reference app, measured back to back (in alternating
// order), so a slow moment of a busy machine weighs on both sides of the same ratio.
import { median } from './stats';

export interface Ratio {
  median: number | null;
  min: number | null;
  max: number | null;
  /** Each pair's ratio, in run order (null: a side was not measured, or the reference's value was 0). */
  runs: (number | null)[];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function pairedRatios(numerators: readonly (number | null)[], denominators: readonly (number | null)[], digits = 2): Ratio {
  if (numerators.length !== denominators.length) throw new Error(`paired ratios need pairs: ${numerators.length} vs ${denominators.length} values`);
  const runs = numerators.map((a, i) => {
    const b = denominators[i];
    return a === null || b === null || b === undefined || b === 0 || !Number.isFinite(a) || !Number.isFinite(b) ? null : round(a / b, digits);
  });
  const present = runs.filter((r): r is number => r !== null);
  const m = median(present);
  return {
    median: m === null ? null : round(m, digits),
    min: present.length ? Math.min(...present) : null,
    max: present.length ? Math.max(...present) : null,
    runs,
  };
}

/** Which app goes first in pair `index`: A B, B A, A B, … */
export function pairOrder<T>(index: number, a: T, b: T): [T, T] {
  return index % 2 === 0 ? [a, b] : [b, a];
}
