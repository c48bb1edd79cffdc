/**
 * Benchmark harness. Each `test/bench/*.bench.ts` exports `benchmarks: Benchmark[]`.
 * A benchmark measures the candidate and a baseline in the same run and reports their ratio
 * against the budget from its issue. `npm run bench` prints one line per benchmark.
 */
export interface BenchResult {
  /** e.g. "1.42x JSON.parse (budget <= 2x); 180 ms vs 127 ms" */
  summary: string;
  pass: boolean;
}
export interface Benchmark {
  name: string;
  run(): Promise<BenchResult> | BenchResult;
}

/** Median wall time in ms of `fn` over `runs` runs after `warmup` runs. */
export function medianMs(fn: () => unknown, runs = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

export async function medianMsAsync(fn: () => Promise<unknown>, runs = 7, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}
