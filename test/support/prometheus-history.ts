import { mulberry32 } from './random.ts';

/** One version's behaviour over the history: its requests per second, share of 5xx and median latency. */
export interface VersionHistory {
  version: string;
  train: number;
  requestsPerSecond: number;
  errorRatio: number;
  medianSeconds: number;
  health: number;
}

export interface HistoryOptions {
  region: string;
  component: string;
  versions: readonly VersionHistory[];
  /** Unix seconds, first and last sample. */
  from: number;
  to: number;
  intervalSeconds: number;
  seed?: number;
}

/** The demo fleet's histogram buckets (demo-fleet/metrics/region-metrics.ts). */
const BUCKETS = [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SIGMA = 0.45;

/** Standard normal CDF (Abramowitz–Stegun 7.1.26), for the share of requests under a bucket's bound. */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(z) / Math.SQRT2);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * History of the demo fleet's metrics (docs/protocol.md: rcc_demo_requests_total,
 * rcc_demo_request_duration_seconds, rcc_demo_health, with region, component, version and train
 * labels) as an OpenMetrics document for `promtool tsdb create-blocks-from openmetrics`: what a
 * region's Prometheus would hold for versions that ran before the console started. Counters
 * accumulate seeded, noisy traffic; each series' points are contiguous and in time order.
 */
export function openMetricsHistory(o: HistoryOptions): string {
  const random = mulberry32(o.seed ?? 7);
  const times: number[] = [];
  for (let t = o.from; t <= o.to; t += o.intervalSeconds) times.push(t);
  const labels = (v: VersionHistory) => `region="${o.region}",component="${o.component}",version="${v.version}",train="${v.train}"`;
  // Per version and step: requests served, of which 5xx, and latency median (noisy, with a daily swell).
  const traffic = o.versions.map((v) =>
    times.map((t) => {
      const swell = 1 + 0.3 * Math.sin((2 * Math.PI * t) / 86_400);
      const requests = Math.max(0, Math.round(v.requestsPerSecond * o.intervalSeconds * swell * (0.9 + 0.2 * random())));
      const errors = Math.min(requests, Math.round(requests * v.errorRatio * (0.7 + 0.6 * random())));
      return { requests, errors, median: v.medianSeconds * swell * (0.9 + 0.2 * random()), health: Math.min(1, v.health + 0.01 * (random() - 0.5)) };
    }),
  );
  const out: string[] = ['# TYPE rcc_demo_requests counter'];
  o.versions.forEach((v, i) => {
    for (const status of ['2xx', '5xx'] as const) {
      let total = 0;
      traffic[i]!.forEach((step, k) => {
        total += status === '5xx' ? step.errors : step.requests - step.errors;
        out.push(`rcc_demo_requests_total{${labels(v)},status="${status}"} ${total} ${times[k]}`);
      });
    }
  });
  out.push('# TYPE rcc_demo_request_duration_seconds histogram');
  o.versions.forEach((v, i) => {
    const cumulative = new Array<number>(BUCKETS.length).fill(0);
    let count = 0;
    let sum = 0;
    traffic[i]!.forEach((step, k) => {
      BUCKETS.forEach((le, b) => (cumulative[b]! += Math.round(step.requests * normalCdf(Math.log(le / step.median) / SIGMA))));
      count += step.requests;
      sum += step.requests * step.median * Math.exp((SIGMA * SIGMA) / 2);
      // Rounding each bucket on its own could put one above the next: keep them non-decreasing.
      for (let b = 1; b < BUCKETS.length; b++) cumulative[b] = Math.max(cumulative[b]!, cumulative[b - 1]!);
      for (let b = 0; b < BUCKETS.length; b++) out.push(`rcc_demo_request_duration_seconds_bucket{${labels(v)},le="${BUCKETS[b]}"} ${Math.min(cumulative[b]!, count)} ${times[k]}`);
      out.push(`rcc_demo_request_duration_seconds_bucket{${labels(v)},le="+Inf"} ${count} ${times[k]}`);
      out.push(`rcc_demo_request_duration_seconds_count{${labels(v)}} ${count} ${times[k]}`);
      out.push(`rcc_demo_request_duration_seconds_sum{${labels(v)}} ${sum.toFixed(3)} ${times[k]}`);
    });
  });
  out.push('# TYPE rcc_demo_health gauge');
  o.versions.forEach((v, i) => traffic[i]!.forEach((step, k) => out.push(`rcc_demo_health{${labels(v)}} ${step.health.toFixed(4)} ${times[k]}`)));
  out.push('# EOF', '');
  return out.join('\n');
}
