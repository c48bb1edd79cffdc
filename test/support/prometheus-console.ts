import { join } from 'node:path';
import type { EventPayload } from '../../shared/contract/index.ts';
import { TelemetryConfig } from '../../electron/common/telemetry-config.ts';
import { EnvOrFileTokenStore } from '../../electron/connector/token-store.ts';
import { createTelemetrySource, type TelemetrySource } from '../../electron/telemetry/index.ts';
import { coreOnDemo, type CoreFixture } from './console-core.ts';
import { startDemoFleet, waitFor } from './demo-fleet.ts';
import { startPrometheus, type StartedPrometheus } from './prometheus.ts';
import { tempDir } from './temp-dir.ts';

type Demo = Awaited<ReturnType<typeof startDemoFleet>>;

export interface PrometheusConsole {
  demo: Demo;
  prometheus: StartedPrometheus;
  fixture: CoreFixture;
  /** Resolves with the time (performance.now()) the first `alerts.changed` naming a matching alert arrives. */
  nextAlert(match: (a: EventPayload<'alerts.changed'>['changed'][number]) => boolean): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The demo fleet scraped by a real Prometheus every `scrapeIntervalSeconds`, and a console core whose
 * regions read their telemetry from that Prometheus (regions.json `"telemetry": { "source": "prometheus" }`).
 */
export async function startPrometheusConsole(options: { scenario: 'steady' | 'bad-canary'; regions: string[]; scrapeIntervalSeconds?: number; scale?: number }): Promise<PrometheusConsole> {
  const scrape = options.scrapeIntervalSeconds ?? 1;
  const demo = await startDemoFleet({ seed: 42, scale: options.scale ?? 3_000, scenario: options.scenario, timeScale: 1, changesPerSecond: 2 });
  let prometheus: StartedPrometheus | null = null;
  try {
    prometheus = await startPrometheus({ targets: demo.started, scrapeIntervalSeconds: scrape });
    const dir = await tempDir('prom-console');
    const tokens = new EnvOrFileTokenStore(join(dir.path, 'tokens.json'), {});
    const telemetry = TelemetryConfig.parse({ source: 'prometheus', url: prometheus.url, scrapeIntervalSeconds: scrape });
    const sources = new Map<string, TelemetrySource>();
    for (const id of options.regions) sources.set(id, await createTelemetrySource({ ...demo.region(id), telemetry }, { tokens }));
    // Every version of every component has a series before anyone looks: rate() needs two scrapes.
    const promUrl = prometheus.url;
    await waitFor(async () => {
      const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent('count(rate(rcc_demo_requests_total[10s]) > 0)')}`);
      const body = (await res.json()) as { data?: { result?: Array<{ value: [number, string] }> } };
      return Number(body.data?.result?.[0]?.value[1] ?? 0) > 10;
    }, 'Prometheus has rates from the demo fleet', 60_000, 250);
    const fixture = await coreOnDemo(demo, options.regions, { dataDir: dir.path, core: { telemetrySources: sources } });
    const stopPrometheus = prometheus;
    return {
      demo,
      prometheus,
      fixture,
      nextAlert(match) {
        return new Promise((resolve) => {
          const off = fixture.core.bus.on('alerts.changed', (p) => {
            if (!p.changed.some((a) => a.state !== 'resolved' && match(a))) return;
            off();
            resolve(performance.now());
          });
        });
      },
      async stop() {
        await fixture.dispose();
        await dir.remove();
        await stopPrometheus.stop();
        await demo.fleet.stop();
      },
    };
  } catch (error) {
    await prometheus?.stop();
    await demo.fleet.stop();
    throw error;
  }
}
