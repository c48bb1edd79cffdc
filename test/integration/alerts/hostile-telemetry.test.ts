import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusTelemetryConfig } from '../../../electron/common/telemetry-config.ts';
import { EnvOrFileTokenStore } from '../../../electron/connector/token-store.ts';
import { createTelemetrySource, PrometheusTelemetrySource, type TelemetrySource } from '../../../electron/telemetry/index.ts';
import { coreOnDemo, type CoreFixture } from '../../support/console-core.ts';
import { startDemoFleet, waitFor } from '../../support/demo-fleet.ts';
import { tempDir } from '../../support/temp-dir.ts';

/*
 * A console whose eu-west telemetry comes from a "Prometheus" that hangs, whose ap-southeast one
 * answers garbage, and whose us-east one sends an endless body — while ca-central reads the demo fleet
 * natively. The rest of the console keeps working, and the status tells the truth.
 */
let demo: Awaited<ReturnType<typeof startDemoFleet>>;
let fixture: CoreFixture;
let hostile: Server;
const sockets = new Set<import('node:net').Socket>();
let dataDir: { remove(): Promise<void> };

function endless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = '{"status":"success","data":{"resultType":"matrix","result":['.padEnd(64 * 1024, ' ');
  const write = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', write);
  };
  write();
}

beforeAll(async () => {
  demo = await startDemoFleet({ seed: 42, scale: 3_000, scenario: 'steady', regions: 4, changesPerSecond: 2 });
  hostile = createServer((req, res) => {
    if (req.url?.startsWith('/hang/')) return; // never answers
    if (req.url?.startsWith('/garbage/')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('\u0000\u00ff<html>not prometheus</html>');
      return;
    }
    endless(res);
  });
  hostile.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
  const dir = await tempDir('hostile-telemetry');
  dataDir = dir;
  const tokens = new EnvOrFileTokenStore(join(dir.path, 'tokens.json'), {});
  const prom = (region: string, path: string) =>
    new PrometheusTelemetrySource(region, PrometheusTelemetryConfig.parse({ source: 'prometheus', url: `${base}/${path}`, scrapeIntervalSeconds: 15, limits: { requestTimeoutMs: 1_500, responseBytes: 1_048_576 } }), undefined, { backoffBaseMs: 10 });
  const sources = new Map<string, TelemetrySource>([
    ['ca-central', await createTelemetrySource(demo.region('ca-central'), { tokens })],
    ['eu-west', prom('eu-west', 'hang')],
    ['ap-southeast', prom('ap-southeast', 'garbage')],
    ['us-east', prom('us-east', 'endless')],
  ]);
  fixture = await coreOnDemo(demo, ['ca-central', 'eu-west', 'ap-southeast', 'us-east'], { dataDir: dir.path, core: { telemetrySources: sources, alerts: { evaluateEveryMs: 500, judgeEveryMs: 2_000, sloEveryMs: 60_000 } } });
}, 60_000);

afterAll(async () => {
  await fixture?.dispose();
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => hostile?.close(() => resolve()));
  await demo?.fleet.stop();
  await dataDir?.remove();
});

describe('telemetry sources that hang, answer garbage or never end', () => {
  it('the Signals table answers within the timeout: rows from the healthy region, one problem per failing region naming source and query', async () => {
    const t0 = performance.now();
    const table = await fixture.core.handlers['telemetry.signals']({ range: '1h' });
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(table.rows.length).toBeGreaterThan(0);
    expect(new Set(table.rows.map((r) => r.region))).toEqual(new Set(['ca-central']));
    for (const region of ['eu-west', 'ap-southeast', 'us-east']) {
      const problems = table.problems.filter((p) => p.region === region);
      expect(problems.length, region).toBe(3);
      for (const p of problems) {
        expect(p.source).toBe('prometheus');
        expect(p.query).toMatch(/rcc_demo_/);
        expect(p.message).toContain(region);
      }
    }
    expect(table.problems.find((p) => p.region === 'eu-west')?.message).toMatch(/no answer within 1500 ms/);
    expect(table.problems.find((p) => p.region === 'ap-southeast')?.message).toMatch(/not JSON/);
    // Cut at the byte cap, or at the timeout when this process is too busy feeding itself the body.
    expect(table.problems.find((p) => p.region === 'us-east')?.message).toMatch(/responseBytes|within 1500 ms/);
  }, 30_000);

  it('fleet calls stay fast while telemetry hangs', async () => {
    const pending = fixture.core.handlers['telemetry.chart']({ region: 'eu-west', component: 'search', range: '1h', widthPx: 400 });
    const t0 = performance.now();
    const summary = await fixture.core.handlers['fleet.summary']({});
    expect(performance.now() - t0).toBeLessThan(500);
    expect(summary).toBeTruthy();
    const chart = await pending;
    expect(chart.series).toEqual([]);
    expect(chart.problems.length).toBeGreaterThan(0);
  }, 30_000);

  it('raises a data-stale warning per failing region and none for the healthy one', async () => {
    const stale = await waitFor(async () => {
      const { alerts } = await fixture.core.handlers['alerts.list']({ state: 'open', limit: 100 });
      const regions = new Set(alerts.filter((a) => a.rule === 'data-stale').map((a) => a.region));
      return regions.size === 3 ? regions : null;
    }, 'data-stale alerts for the three failing sources', 30_000, 200);
    expect(stale).toEqual(new Set(['eu-west', 'ap-southeast', 'us-east']));
  }, 40_000);

  it('memory stays bounded while the endless body is read again and again', async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 5; i++) await fixture.core.handlers['telemetry.chart']({ region: 'us-east', component: 'search', range: '15m', widthPx: 100 + i });
    const grown = process.memoryUsage().rss - before;
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  }, 60_000);
});
