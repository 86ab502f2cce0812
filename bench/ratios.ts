// Paired ratios: run i of this app over run i of the reference app, measured back to back (in alternating
// order), so a slow moment of a busy machine weighs on both sides of the same ratio.
import { sample, type Sample } from './stats';

/** Each pair's ratio in `runs`, in run order (null: a side was not measured, or the reference's value was 0). */
export type Ratio = Sample;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function pairedRatios(numerators: readonly (number | null)[], denominators: readonly (number | null)[], digits = 2): Ratio {
  if (numerators.length !== denominators.length) throw new Error(`paired ratios need pairs: ${numerators.length} vs ${denominators.length} values`);
  const runs = numerators.map((a, i) => {
    const b = denominators[i];
    return a === null || b === null || b === undefined || b === 0 || !Number.isFinite(a) || !Number.isFinite(b) ? null : round(a / b, digits);
  });
  return sample(runs, digits);
}

/** Which app goes first in pair `index`: A B, B A, A B, … */
export function pairOrder<T>(index: number, a: T, b: T): [T, T] {
  return index % 2 === 0 ? [a, b] : [b, a];
}
