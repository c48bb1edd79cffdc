/**
 * Splits `total` into integer parts proportional to `weights` (largest remainder), giving every
 * part at least `min`. The parts sum to exactly `total` whenever `total >= min * weights.length`.
 */
export function allocate(total: number, weights: readonly number[], min = 1): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const floorTotal = Math.max(total, min * n);
  const spare = floorTotal - min * n;
  const weightSum = weights.reduce((a, b) => a + b, 0) || 1;
  const exact = weights.map((w) => (spare * w) / weightSum);
  const parts = exact.map((x) => min + Math.floor(x));
  let left = floorTotal - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}
