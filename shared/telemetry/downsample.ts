import { createLTTB } from 'downsample';

export type Point = [number, number];

const lttb = createLTTB<Point>({ x: 0, y: 1 });

/**
 * Downsamples a time series to at most `maxPoints` (an integer ≥ 4) for a chart: Largest-Triangle-
 * Three-Buckets (the `downsample` package), then the global minimum and maximum are put back in
 * place of what LTTB chose in their bucket, so a spike is never smoothed away. Points whose time or
 * value is not finite are dropped first; the result is sorted by time and keeps the first and last
 * point. A series already within `maxPoints` (finite and sorted) is returned as it is.
 */
export function downsample(points: Point[], maxPoints: number): Point[] {
  if (!Number.isInteger(maxPoints) || maxPoints < 4) throw new RangeError(`downsample: maxPoints must be an integer ≥ 4 (first, last, minimum, maximum), got ${maxPoints}`);
  const clean = finiteSorted(points);
  if (clean.length <= maxPoints) return clean;
  const n = clean.length;
  let min = 0;
  let max = 0;
  for (let i = 1; i < n; i++) {
    const y = clean[i]![1];
    if (y < clean[min]![1]) min = i;
    if (y > clean[max]![1]) max = i;
  }
  const picked = lttb(clean, maxPoints);
  // LTTB returns the input's own points in order: one walk maps them back to indices.
  const chosen: number[] = [];
  for (let i = 0, k = 0; k < picked.length && i < n; i++) if (clean[i] === picked[k]) chosen[k++] = i;
  // The library's last index is 1 + the size of its inner buckets, which rounding can leave short of n − 1.
  chosen[chosen.length - 1] = n - 1;
  keepExtremes(chosen, n, min, max);
  return chosen.map((i) => clean[i]!);
}

/**
 * LTTB keeps index 0 and n−1 and one index per inner bucket; the inner buckets are the library's:
 * bucket k holds the inner indices 1 + ⌊k·s⌋ … ⌊(k+1)·s⌋ with s = (n − 2) / (slots − 2).
 */
function keepExtremes(chosen: number[], n: number, min: number, max: number): void {
  const inner = chosen.length - 2;
  const size = (n - 2) / inner;
  const bucketOf = (index: number): number => {
    let k = Math.min(inner - 1, Math.floor((index - 1) / size));
    while (k > 0 && 1 + Math.floor(k * size) > index) k--;
    while (k < inner - 1 && 1 + Math.floor((k + 1) * size) <= index) k++;
    return k;
  };
  const inside = [min, max].filter((i) => i > 0 && i < n - 1).sort((a, b) => a - b);
  const [first, second] = inside;
  if (first === undefined) return;
  const k1 = bucketOf(first);
  if (second === undefined || first === second) {
    chosen[1 + k1] = first;
    return;
  }
  const k2 = bucketOf(second);
  if (k1 !== k2) {
    chosen[1 + k1] = first;
    chosen[1 + k2] = second;
  } else if (k2 + 1 < inner) {
    // Both in one bucket: the later one takes the next bucket's slot; it is still before that bucket's points.
    chosen[1 + k1] = first;
    chosen[2 + k1] = second;
  } else {
    chosen[k1] = first;
    chosen[1 + k1] = second;
  }
}

/** The finite points in time order; the input itself when it is already that. */
function finiteSorted(points: Point[]): Point[] {
  let finite = true;
  let sorted = true;
  let lastX = -Infinity;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) finite = false;
    else if (x < lastX) sorted = false;
    else lastX = x;
  }
  if (finite && sorted) return points;
  const out = points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  return sorted ? out : out.sort((a, b) => a[0] - b[0]);
}
