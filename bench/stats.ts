// Medians over runs.

export interface Sample {
  median: number | null;
  min: number | null;
  max: number | null;
  /** Every run's value, in run order (null: not measured in that run). */
  runs: (number | null)[];
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function sample(values: (number | null | undefined)[], digits = 0): Sample {
  const runs = values.map((v) => (v === null || v === undefined || Number.isNaN(v) ? null : round(v, digits)));
  const present = runs.filter((v): v is number => v !== null);
  const m = median(present);
  return {
    median: m === null ? null : round(m, digits),
    min: present.length ? Math.min(...present) : null,
    max: present.length ? Math.max(...present) : null,
    runs,
  };
}

/** The index of the run whose value is the median (the lower middle one for an even count). */
export function medianRunIndex(values: (number | null)[]): number {
  const indexed = values.map((value, index) => ({ value, index })).filter((entry): entry is { value: number; index: number } => entry.value !== null);
  if (!indexed.length) return 0;
  indexed.sort((a, b) => a.value - b.value);
  return indexed[Math.floor((indexed.length - 1) / 2)]!.index;
}
