import { startDemoFleet, waitFor } from '../support/demo-fleet.ts';
import { coreOnDemo } from '../support/console-core.ts';
import { startPrometheusConsole } from '../support/prometheus-console.ts';
import { medianMsAsync, type Benchmark } from './harness.ts';

const SCRAPE_S = 1;
const TRIALS = 3;

/**
 * Time to alert through a real Prometheus: the demo fleet runs steady, us-east switches to
 * bad-canary, and the clock stops when `alerts.changed` brings the canary's alert. Baseline, in the
 * same trial: when Prometheus itself first shows the canary's error ratio at 3× its baseline's
 * (what any rule on that data could see at the earliest).
 */
const timeToAlert: Benchmark = {
  name: `time to alert via Prometheus (scrape every ${SCRAPE_S} s, ${TRIALS} trials)`,
  async run() {
    const pc = await startPrometheusConsole({ scenario: 'steady', regions: ['us-east', 'eu-west'], scrapeIntervalSeconds: SCRAPE_S });
    const budgetMs = 2 * SCRAPE_S * 1_000 + 5_000;
    const results: Array<{ alertMs: number; visibleMs: number }> = [];
    try {
      for (let trial = 0; trial < TRIALS; trial++) {
        const isCanary = (a: { region: string; component: string | null; rule: string }) => a.region === 'us-east' && a.component === 'document-store' && (a.rule === 'error-vs-baseline' || a.rule === 'error-threshold');
        const alerted = pc.nextAlert(isCanary);
        const t0 = performance.now();
        pc.demo.fleet.setScenario('bad-canary');
        const visible = waitFor(async () => {
          const q = 'sum by (version) (rate(rcc_demo_requests_total{region="us-east",component="document-store",status="5xx"}[4s])) / sum by (version) (rate(rcc_demo_requests_total{region="us-east",component="document-store"}[4s]))';
          const res = await fetch(`${pc.prometheus.url}/api/v1/query?query=${encodeURIComponent(q)}`);
          const values = ((await res.json()) as { data: { result: Array<{ value: [number, string] }> } }).data.result.map((r) => Number(r.value[1]));
          return values.length >= 2 && Math.max(...values) >= 3 * Math.min(...values) ? performance.now() : null;
        }, 'Prometheus showing the canary', 30_000, 100);
        const [alertAt, visibleAt] = await Promise.all([alerted, visible]);
        results.push({ alertMs: alertAt - t0, visibleMs: visibleAt - t0 });
        pc.demo.fleet.setScenario('steady');
        await waitFor(async () => (await pc.fixture.core.handlers['alerts.list']({ state: 'open', limit: 100 })).alerts.every((a) => !isCanary(a)), 'the canary alert resolved', 60_000, 200);
      }
    } finally {
      await pc.stop();
    }
    const worst = results.reduce((a, b) => (b.alertMs > a.alertMs ? b : a));
    const intervals = worst.alertMs / (SCRAPE_S * 1_000);
    return {
      pass: worst.alertMs <= budgetMs,
      summary: `worst of ${TRIALS}: alert after ${(worst.alertMs / 1_000).toFixed(1)} s = ${intervals.toFixed(1)} scrape intervals (budget <= 2 intervals + 5 s = ${budgetMs / 1_000} s); ${(worst.alertMs / Math.max(1, worst.visibleMs)).toFixed(2)}x the moment Prometheus itself showed it (${(worst.visibleMs / 1_000).toFixed(1)} s); all trials ${results.map((r) => (r.alertMs / 1_000).toFixed(1)).join(', ')} s`,
    };
  },
};

/**
 * The Signals table (6 regions × every component × live versions) answered from a warm cache.
 * Baseline: for each of its cells, sorting the version's and its baseline's samples and taking their
 * means — the least a rank test per cell costs, with nothing else around it.
 */
const signalsTable: Benchmark = {
  name: 'Signals table from a warm cache (6 regions, every component and live version)',
  async run() {
    const demo = await startDemoFleet({ seed: 42, scale: 12_000, scenario: 'bad-canary', regions: 6, changesPerSecond: 2 });
    const fixture = await coreOnDemo(demo, demo.started.regions.map((r) => r.id), { core: { alerts: { evaluateEveryMs: 3_600_000 } } });
    try {
      const h = fixture.core.handlers;
      const first = await h['telemetry.signals']({ range: '1h' });
      const rows = first.rows.length;
      const ms = await medianMsAsync(() => h['telemetry.signals']({ range: '1h' }), 9, 2);
      const sources = demo.started.regions.map((r) => r.id);
      const series = await Promise.all(sources.map((id) => h['telemetry.chart']({ region: id, component: 'document-store', range: '1h', widthPx: 60, signals: ['error_rate'] })));
      const points = series.flatMap((c) => c.series.map((s) => s.points));
      const perSeries = points.reduce((n, p) => n + p.length, 0) / Math.max(1, points.length);
      const n = Math.round(perSeries);
      const all: number[][] = Array.from({ length: rows * 3 * 2 }, (_, k) => Array.from({ length: n }, (_, i) => Math.sin(k * 31 + i * 7) * 0.01 + 0.02));
      const baseline = await medianMsAsync(async () => {
        let sink = 0;
        for (const xs of all) {
          const sorted = Float64Array.from(xs).sort();
          sink += sorted[0]! + xs.reduce((a, b) => a + b, 0) / xs.length;
        }
        return sink;
      }, 9, 2);
      return {
        pass: ms <= 100,
        summary: `${ms.toFixed(1)} ms for ${rows} rows (budget <= 100 ms); ${(ms / Math.max(baseline, 0.01)).toFixed(1)}x a bare sort and mean of both sides of each of the ${rows * 3} cells (${n} points a side; ${baseline.toFixed(2)} ms)`,
      };
    } finally {
      await fixture.dispose();
      await demo.fleet.stop();
    }
  },
};

export const benchmarks: Benchmark[] = [timeToAlert, signalsTable];
