// Min/max decimation for line charts: keeps the first, last, lowest and highest point of each bucket, so peaks
// survive and a chart never draws more than about 4 points per bucket. Input must be sorted by x.

export interface XY {
  xs: Float64Array;
  ys: Float64Array;
}

export function minMaxDownsample(xs: ArrayLike<number>, ys: ArrayLike<number>, buckets: number): XY {
  const n = Math.min(xs.length, ys.length);
  if (buckets < 1 || n <= buckets * 4) return { xs: Float64Array.from({ length: n }, (_, i) => xs[i]!), ys: Float64Array.from({ length: n }, (_, i) => ys[i]!) };
  const outX: number[] = [];
  const outY: number[] = [];
  const x0 = xs[0]!;
  const span = xs[n - 1]! - x0 || 1;
  let i = 0;
  for (let b = 0; b < buckets && i < n; b++) {
    const end = b === buckets - 1 ? Infinity : x0 + (span * (b + 1)) / buckets;
    const first = i;
    let min = i;
    let max = i;
    while (i < n && xs[i]! <= end) {
      if (ys[i]! < ys[min]!) min = i;
      if (ys[i]! > ys[max]!) max = i;
      i++;
    }
    if (i === first) continue;
    const last = i - 1;
    for (const index of [...new Set([first, min, max, last])].sort((a, b) => a - b)) {
      outX.push(xs[index]!);
      outY.push(ys[index]!);
    }
  }
  return { xs: Float64Array.from(outX), ys: Float64Array.from(outY) };
}
