// Seeded PRNG helpers so the dataset is identical on every run.
export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for synthetic data. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const between = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();
export const intBetween = (rng: Rng, lo: number, hi: number): number => Math.floor(between(rng, lo, hi + 1));
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

/** Standard normal sample (Box-Muller). */
export function gauss(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

export const DAY_MS = 86_400_000;
/** Fixed "today" of the sandbox: all dates are relative to this, never to Date.now(). */
export const REFERENCE_DATE = Date.UTC(2026, 10, 1);
export const DATA_START = Date.UTC(2021, 0, 4);

export const isoDateTime = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
