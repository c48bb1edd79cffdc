/** The Mann-Whitney U test of two independent samples. */
export interface MannWhitneyResult {
  /** U of the first sample: pairs where it is larger, plus half the tied pairs (0 … n1·n2). */
  u: number;
  /** Standard normal score of U, tie- and continuity-corrected; positive when the first sample tends larger. */
  z: number;
  /** Two-sided p-value of the normal approximation; 1 when every value is the same. */
  pValue: number;
}

/**
 * Two-sided Mann-Whitney U test with tie correction and the normal approximation (continuity
 * corrected), as scipy's `mannwhitneyu(a, b, method='asymptotic')`. Throws when a sample is empty or
 * holds a value that is not a finite number.
 */
export function mannWhitney(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  return mannWhitneySorted(sortedSample(a, 'first'), sortedSample(b, 'second'));
}

/** A sorted Float64Array copy of a sample; `side` names it in errors ('first', 'baseline', …). */
export function sortedSample(values: readonly number[], side: string): Float64Array {
  if (values.length === 0) throw new RangeError(`Mann-Whitney: the ${side} sample is empty`);
  const sorted = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`Mann-Whitney: the ${side} sample's value [${i}] is ${String(v)}, not a finite number`);
    sorted[i] = v;
  }
  // Typed-array sort is numeric and native: much faster than an index sort with a comparator.
  return sorted.sort();
}

/**
 * The test on two ascending-sorted samples. Ranks of the pooled sample come from one merge of the
 * two sorted sides, so ties are met as runs of equal values.
 */
export function mannWhitneySorted(a: Float64Array, b: Float64Array): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0) throw new RangeError('Mann-Whitney: the first sample is empty');
  if (n2 === 0) throw new RangeError('Mann-Whitney: the second sample is empty');
  let i = 0;
  let j = 0;
  let rank = 0; // ranks given so far
  let rankSumA = 0;
  let tieTerm = 0; // Σ (t³ − t) over tie groups
  while (i < n1 || j < n2) {
    const va = i < n1 ? a[i]! : Infinity;
    const vb = j < n2 ? b[j]! : Infinity;
    const v = va < vb ? va : vb;
    let ca = 0;
    while (i < n1 && a[i] === v) {
      i++;
      ca++;
    }
    let cb = 0;
    while (j < n2 && b[j] === v) {
      j++;
      cb++;
    }
    const t = ca + cb;
    rankSumA += ca * (rank + (t + 1) / 2);
    if (t > 1) tieTerm += t * t * t - t;
    rank += t;
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { u, z: 0, pValue: 1 };
  const diff = u - mean;
  const z = (Math.sign(diff) * Math.max(0, Math.abs(diff) - 0.5)) / Math.sqrt(variance);
  return { u, z, pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) };
}

/** The median of an ascending-sorted, non-empty sample. */
export function sortedMedian(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Complementary error function, relative error < 1.2e-7 everywhere (Numerical Recipes' Chebyshev
 * fit): small p-values keep their precision instead of being 1 − (something close to 1).
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
