import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoFleet, type DemoFleet, type StartedDemoFleet } from '../../../demo-fleet/index.ts';
import { startPrometheus, type PrometheusSample, type StartedPrometheus } from '../../support/prometheus.ts';

async function poll<T>(what: string, timeoutMs: number, attempt: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await attempt();
      if (value !== null) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

let fleet: DemoFleet;
let started: StartedDemoFleet;
let prometheus: StartedPrometheus | null = null;

beforeAll(async () => {
  fleet = createDemoFleet({ seed: 42, scale: 2_000, timeScale: 60, changesPerSecond: 5 });
  started = await fleet.start({ host: '127.0.0.1', port: 0 });
  prometheus = await startPrometheus({ targets: started, scrapeIntervalSeconds: 1 });
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await fleet?.stop();
});

async function query(promql: string): Promise<PrometheusSample[]> {
  if (!prometheus) throw new Error('prometheus did not start');
  return prometheus.query(promql);
}

describe('a real Prometheus scraping the demo fleet', () => {
  it('collects rcc_demo_requests_total from every region with version labels', async () => {
    const regions = started.regions.map((r) => r.id).sort();
    const result = await poll('series from every region', 30_000, async () => {
      const r = await query('rcc_demo_requests_total');
      const seen = new Set(r.map((s) => s.metric.region));
      return regions.every((id) => seen.has(id)) ? r : null;
    });
    for (const series of result) {
      expect(series.metric).toMatchObject({ __name__: 'rcc_demo_requests_total' });
      for (const label of ['region', 'component', 'version', 'train', 'status']) expect(series.metric[label], label).toBeTruthy();
      expect(series.metric.train).toMatch(/^\d+$/);
    }
    const usEast = fleet.fleetState('us-east');
    const versions = new Set(usEast.instances.map((i) => `${i.component}@${i.version}`));
    const scraped = result.filter((s) => s.metric.region === 'us-east').map((s) => `${s.metric.component}@${s.metric.version}`);
    expect(scraped.filter((v) => versions.has(v)).length).toBeGreaterThan(0);
  }, 40_000);

  it('answers rate() over the counters with positive request rates', async () => {
    const rates = await poll('positive rates', 30_000, async () => {
      const r = await query('sum by (region) (rate(rcc_demo_requests_total[5s]))');
      return r.length === started.regions.length && r.every((s) => Number(s.value[1]) > 0) ? r : null;
    });
    expect(rates.map((s) => s.metric.region).sort()).toEqual(started.regions.map((r) => r.id).sort());
  }, 40_000);

  it('sees the instance gauge and the latency histogram', async () => {
    const instances = await query('sum(rcc_demo_instances)');
    const total = started.regions.reduce((n, r) => n + fleet.fleetState(r.id).instances.length, 0);
    expect(Number(instances[0]?.value[1])).toBeGreaterThan(total * 0.9);
    const p95 = await poll('histogram quantile', 20_000, async () => {
      const r = await query('histogram_quantile(0.95, sum by (le) (rate(rcc_demo_request_duration_seconds_bucket[5s])))');
      return r.length > 0 && Number.isFinite(Number(r[0]?.value[1])) ? r : null;
    });
    expect(Number(p95[0]?.value[1])).toBeGreaterThan(0);
  }, 30_000);
});
