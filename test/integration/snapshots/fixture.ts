import { join } from 'node:path';
import type { Alert, RegionStatus, VerdictWithTime } from '../../../shared/contract/index.ts';
import { evaluate } from '../../../shared/compat/evaluate.ts';
import { Signal, type FleetState } from '../../../shared/protocol/index.ts';
import { FileSigningKeyStore, openAuditStore, type AuditStore } from '../../../electron/audit/index.ts';
import type { TelemetryRequest, TelemetryResult, TelemetrySource } from '../../../electron/common/telemetry-source.ts';
import { SnapshotRegionsService } from '../../../electron/snapshots/snapshot-regions.ts';
import type { SnapshotSources } from '../../../electron/snapshots/index.ts';
import { generateFleet } from '../../../demo-fleet/index.ts';
import { sampleInput } from '../../support/audit-fixtures.ts';

/** A deterministic value per series and time: tests can recompute any point. */
export function pointValue(region: string, component: string, version: string, signal: string, t: number): number {
  let h = 2166136261;
  for (const ch of `${region}|${component}|${version}|${signal}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return ((h >>> 0) % 1000) / 1000 + Math.sin(t / 600) / 10;
}

/** Telemetry of every live version of a fleet state, computed from {@link pointValue} at the step. */
export class FakeTelemetrySource implements TelemetrySource {
  readonly kind = 'native' as const;
  queries = 0;
  constructor(
    readonly regionId: string,
    private readonly state: () => FleetState,
    readonly minStepSeconds = 1,
    private readonly fail: ReadonlySet<Signal> = new Set(),
  ) {}

  describe(r: TelemetryRequest): string {
    return `fake ${this.regionId} ${r.signal} ${r.component ?? '*'} ${r.from}..${r.to}/${r.stepSeconds}`;
  }

  async query(r: TelemetryRequest): Promise<TelemetryResult> {
    this.queries++;
    if (this.fail.has(r.signal)) throw new Error(`${this.regionId} fake telemetry: ${r.signal} is down`);
    const versions = new Set(this.state().instances.filter((i) => r.component === undefined || i.component === r.component).map((i) => `${i.component}\u0000${i.version}`));
    const first = Math.ceil(r.from / r.stepSeconds) * r.stepSeconds;
    return {
      warnings: [],
      series: [...versions].sort().map((key) => {
        const [component = '', version = ''] = key.split('\u0000');
        const points: Array<[number, number]> = [];
        for (let t = first; t <= r.to; t += r.stepSeconds) points.push([t, pointValue(this.regionId, component, version, r.signal, t)]);
        return { component, version, signal: r.signal, points };
      }),
    };
  }
}

export function statusOf(state: FleetState, at: number, overrides: Partial<RegionStatus> = {}): RegionStatus {
  return {
    id: state.region.id,
    name: state.region.name,
    baseUrl: `https://rcc.${state.region.id}.example.org`,
    insecure: false,
    state: 'connected',
    breaker: 'closed',
    lastGoodAt: new Date(at - 3_000).toISOString(),
    revision: state.revision,
    lastError: null,
    ...overrides,
  };
}

export function sampleAlert(i: number, at: number, state: Alert['state']): Alert {
  const seen = new Date(at - i * 60_000).toISOString();
  return {
    id: `error-threshold|us-east|search|v${i}|${seen}`,
    rule: 'error-threshold',
    severity: i % 2 === 0 ? 'critical' : 'warning',
    state,
    region: 'us-east',
    component: 'search',
    version: `v${i}`,
    title: `search v${i}: error ratio 7 %`,
    firstSeen: seen,
    lastSeen: seen,
    resolvedAt: state === 'resolved' ? seen : null,
    acknowledged: null,
    evidence: null,
    suggestion: null,
  };
}

export interface Fixture {
  sources: SnapshotSources;
  states: FleetState[];
  audit: AuditStore;
  telemetry: Map<string, FakeTelemetrySource>;
  close(): void;
}

/**
 * Snapshot sources over a generated fleet (no server): statuses, verdict, alerts, telemetry from
 * {@link FakeTelemetrySource}, and a real audit store in `dir` with `auditEntries` entries.
 */
export interface FixtureOptions {
  at?: number;
  seed?: number;
  scale?: number;
  auditEntries?: number;
  /** The audit store's clock (default: a second before `at`). */
  auditNow?: () => Date;
  statuses?: Partial<RegionStatus>[];
  /** Signals whose queries fail in the first region. */
  failing?: Signal[];
}

export async function fixture(dir: string, options: FixtureOptions = {}): Promise<Fixture> {
  const at = options.at ?? Date.parse('2026-03-02T10:00:00.000Z');
  const states = generateFleet({ seed: options.seed ?? 7, scale: options.scale ?? 1_500, scenario: 'skew-violation', startTime: new Date(at - 60_000) });
  const audit = await openAuditStore(join(dir, 'audit.sqlite'), { keys: new FileSigningKeyStore(join(dir, 'key.pem')), consoleVersion: 'test', now: options.auditNow ?? (() => new Date(at - 1_000)) });
  for (let i = 0; i < (options.auditEntries ?? 150); i++) audit.append(sampleInput(i));
  const statuses = states.map((s, i) => statusOf(s, at, options.statuses?.[i] ?? {}));
  const regions = new SnapshotRegionsService(statuses, states);
  const verdict: VerdictWithTime = { ...evaluate(states, { now: new Date(at - 30_000).toISOString() }), evaluatedAt: new Date(at).toISOString() };
  const telemetry = new Map(states.map((s, i) => [s.region.id, new FakeTelemetrySource(s.region.id, () => states[i] as FleetState, 1, new Set(i === 0 ? (options.failing ?? []) : []))]));
  const alerts = [sampleAlert(1, at, 'active'), sampleAlert(2, at, 'acknowledged'), sampleAlert(3, at, 'resolved')];
  return {
    states,
    audit,
    telemetry,
    sources: {
      regions,
      verdict: () => verdict,
      alerts: () => alerts,
      toggles: () => states.map((s) => ({ region: { id: s.region.id, name: s.region.name }, source: 'native', problem: null, revision: s.revision, toggles: s.toggles })),
      versionHistory: (component) => [{ at: new Date(at - 5_000).toISOString(), trains: [{ train: 1, trainName: `${component}-t1`, count: 3 }] }],
      telemetry,
      audit,
      actor: { user: 'alice', displayName: 'Alice Ångström', workstation: 'ws-17.example.org' },
      consoleVersion: 'test',
      staleAfterSeconds: 30,
      now: () => at,
    },
    close: () => audit.close(),
  };
}

export const SIGNALS = Signal.options;
