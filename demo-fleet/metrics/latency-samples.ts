/**
 * Latency at quantile q of a distribution known by its p50/p95/p99: piecewise linear between
 * those anchors, with a floor under the median and a tail beyond p99.
 */
export function latencyAtQuantile(q: number, p50: number, p95: number, p99: number): number {
  const anchors: Array<[number, number]> = [
    [0, p50 * 0.35],
    [0.5, p50],
    [0.95, p95],
    [0.99, p99],
    [1, p99 * 1.6],
  ];
  for (let i = 1; i < anchors.length; i++) {
    const [q1, v1] = anchors[i] as [number, number];
    const [q0, v0] = anchors[i - 1] as [number, number];
    if (q <= q1) return v0 + ((q - q0) / (q1 - q0)) * (v1 - v0);
  }
  return p99 * 1.6;
}

/** `n` representative latencies at evenly spaced quantiles. */
export function stratifiedLatencies(n: number, p50: number, p95: number, p99: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < n; j++) out.push(latencyAtQuantile((j + 0.5) / n, p50, p95, p99));
  return out;
}
