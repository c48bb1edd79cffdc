import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoFleet, type DemoFleet, type StartedDemoFleet } from '../../../demo-fleet/index.ts';

const PROMETHEUS = '/usr/bin/prometheus';

interface VectorResult {
  metric: Record<string, string>;
  value: [number, string];
}
interface QueryResponse {
  status: string;
  data: { resultType: string; result: VectorResult[] };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

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
let prometheus: ChildProcess | null = null;
let promExit: Promise<void> = Promise.resolve();
let promLog = '';
let dir = '';
let promUrl = '';

beforeAll(async () => {
  if (!existsSync(PROMETHEUS)) {
    throw new Error(`${PROMETHEUS} not found: this test needs a real Prometheus — run \`sudo apt-get install prometheus\``);
  }
  fleet = createDemoFleet({ seed: 42, scale: 2_000, timeScale: 60, changesPerSecond: 5 });
  started = await fleet.start({ host: '127.0.0.1', port: 0 });
  const target = new URL(started.url).host;
  dir = await mkdtemp(join(tmpdir(), 'rcc-prometheus-'));
  const jobs = started.regions
    .map((r) => [`  - job_name: demo-${r.id}`, `    metrics_path: /regions/${r.id}/metrics`, `    static_configs:`, `      - targets: ['${target}']`].join('\n'))
    .join('\n');
  await writeFile(join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n${jobs}\n`);
  const port = await freePort();
  promUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    PROMETHEUS,
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  prometheus = child;
  promExit = new Promise((resolve) => child.once('exit', () => resolve()));
  child.stdout.on('data', (d: Buffer) => (promLog += d.toString()));
  child.stderr.on('data', (d: Buffer) => (promLog += d.toString()));
  await poll('Prometheus /-/ready', 30_000, async () => {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${promLog.slice(-2_000)}`);
    const res = await fetch(`${promUrl}/-/ready`);
    return res.ok ? true : null;
  });
}, 60_000);

afterAll(async () => {
  const child = prometheus;
  if (child?.pid !== undefined && child.exitCode === null) {
    process.kill(child.pid, 'SIGTERM');
    const killer = setTimeout(() => child.exitCode === null && child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 10_000);
    await promExit;
    clearTimeout(killer);
  }
  await fleet?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function query(promql: string): Promise<VectorResult[]> {
  const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await res.json()) as QueryResponse;
  if (body.status !== 'success') throw new Error(`query failed: ${JSON.stringify(body)}`);
  return body.data.result;
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
