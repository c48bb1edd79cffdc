import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { componentSpec } from '../model/catalog.ts';
import type { RegionSim } from '../sim/region-sim.ts';
import { seriesContext, signalsAt } from '../telemetry/signals.ts';
import { stratifiedLatencies } from './latency-samples.ts';

/** Requests fed into the histogram per series and update, at most (it is a sampled histogram). */
export const HISTOGRAM_SAMPLES = 48;
/** A longer gap between scrapes (simulated) is counted as this long. */
const MAX_GAP_S = 6 * 3600;
const CLIENT_ERROR_SHARE = 0.01;

const VERSION_LABELS = ['region', 'component', 'version', 'train'] as const;

/**
 * Prometheus metrics of one region in their own registry. `update(atMs)` advances the counters
 * by the simulated traffic since the previous update and resets the gauges from the state.
 */
export class RegionMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<string>;
  private readonly duration: Histogram<string>;
  private readonly health: Gauge<string>;
  private readonly instances: Gauge<string>;
  private lastMs: number | null = null;

  constructor(
    private readonly sim: RegionSim,
    private readonly seed: number,
  ) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'rcc_demo_requests_total',
      help: 'Requests served, by component version and status class (simulated).',
      labelNames: [...VERSION_LABELS, 'status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'rcc_demo_request_duration_seconds',
      help: `Request latency (simulated; sampled: at most ${HISTOGRAM_SAMPLES} representative requests per series and scrape).`,
      labelNames: [...VERSION_LABELS],
      buckets: [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.health = new Gauge({
      name: 'rcc_demo_health',
      help: 'Functional health check pass ratio (0..1) by component version (simulated).',
      labelNames: [...VERSION_LABELS],
      registers,
    });
    this.instances = new Gauge({
      name: 'rcc_demo_instances',
      help: 'Instances by component version and state.',
      labelNames: [...VERSION_LABELS, 'state'],
      registers,
    });
  }

  update(atMs: number): void {
    const model = this.sim.model;
    const region = model.region.id;
    const dt = this.lastMs === null ? 0 : Math.min(MAX_GAP_S, Math.max(0, (atMs - this.lastMs) / 1000));
    this.lastMs = atMs;
    this.health.reset();
    for (const component of model.components) {
      const spec = componentSpec(component.id);
      for (const [version, count] of model.instances.versionsOf(component.id)) {
        const train = String(model.trainOf(component.id, version) ?? 'unknown');
        const labels = { region, component: component.id, version, train };
        const ctx = seriesContext({
          seed: this.seed,
          regionId: region,
          timezone: model.region.timezone,
          component: spec,
          version,
          instances: count,
          incident: this.sim.incidents.find((i) => i.component === component.id && i.version === version) ?? null,
        });
        const s = signalsAt(ctx, atMs);
        this.health.set(labels, s.health);
        const total = s.requestRate * dt;
        if (total <= 0) {
          // Make the series exist from the first scrape on.
          this.requests.inc({ ...labels, status: '2xx' }, 0);
          continue;
        }
        const errors = total * s.errorRate;
        const clientErrors = total * CLIENT_ERROR_SHARE;
        this.requests.inc({ ...labels, status: '5xx' }, errors);
        this.requests.inc({ ...labels, status: '4xx' }, clientErrors);
        this.requests.inc({ ...labels, status: '2xx' }, Math.max(0, total - errors - clientErrors));
        const n = Math.min(HISTOGRAM_SAMPLES, Math.max(1, Math.round(total)));
        for (const latency of stratifiedLatencies(n, s.p50, s.p95, s.p99)) this.duration.observe(labels, latency);
      }
    }
    this.instances.reset();
    const byState = new Map<string, { component: string; version: string; state: string; n: number }>();
    for (const inst of model.instances.byId.values()) {
      const key = `${inst.component}\u0000${inst.version}\u0000${inst.state}`;
      const entry = byState.get(key);
      if (entry) entry.n++;
      else byState.set(key, { component: inst.component, version: inst.version, state: inst.state, n: 1 });
    }
    for (const { component, version, state, n } of byState.values()) {
      const train = String(model.trainOf(component, version) ?? 'unknown');
      this.instances.set({ region, component, version, train, state }, n);
    }
  }
}
