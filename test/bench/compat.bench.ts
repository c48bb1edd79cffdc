import type { ChangeEvent, Database, FleetState, Instance } from '../../shared/protocol/index.ts';
import { createIncrementalEvaluator, evaluate, indexFleet, type WhatIfRequest } from '../../shared/compat/index.ts';
import { medianMs, type Benchmark } from './harness.ts';
import { mulberry32 } from '../support/random.ts';

/**
 * Compatibility engine budgets: rules 1–3 over 6 regions, 60 components, 100,000 instances and
 * 30,000 databases ≤ 50 ms and ≤ 3× a bare counting scan of the same arrays; one what-if ≤ 5 ms.
 */

const REGIONS = ['us-east', 'us-west', 'eu-west', 'eu-central', 'ca-central', 'ap-south'];
const COMPONENTS = 60;
const INSTANCES = 100_000;
const DATABASES = 30_000;
const GROUPS_PER_REGION = 20;
const NOW = '2026-11-01T12:00:00.000Z';

export function syntheticFleet(): FleetState[] {
  const rnd = mulberry32(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const trains = Array.from({ length: 10 }, (_, i) => ({ index: 40 + i, name: `2026.${40 + i}`, date: NOW }));
  const components = Array.from({ length: COMPONENTS }, (_, i) => ({ id: `component-${i}`, name: `Component ${i}`, tier: 'service' as const }));
  // Each component ships one version per train from 44 to 49; mostly trains 46–48 are deployed.
  const componentVersions = components.flatMap((c, ci) =>
    [44, 45, 46, 47, 48, 49].map((train) => ({ component: c.id, version: `${ci}.${train}.${(ci * 7 + train) % 10}`, train })),
  );
  const dependencies = components.flatMap((c, i) =>
    [1, 7].map((step) => ({ from: c.id, to: `component-${(i + step) % COMPONENTS}`, kind: 'http' as const, crossRegion: (i + step) % 3 === 0 })),
  );
  const perRegion = INSTANCES / REGIONS.length;
  const dbPerRegion = DATABASES / REGIONS.length;
  return REGIONS.map((region, ri) => {
    const groups = Array.from({ length: GROUPS_PER_REGION }, (_, g) => ({
      id: `group-${g}`,
      name: `Group ${g}`,
      usedBy: [components[(g * 3) % COMPONENTS]?.id ?? 'component-0', components[(g * 3 + 1) % COMPONENTS]?.id ?? 'component-1'],
    }));
    const instances: Instance[] = [];
    for (let i = 0; i < perRegion; i++) {
      const ci = Math.floor(rnd() * COMPONENTS);
      // Mostly train 47 with a rollout to 48 under way; region 2 lets one component drift back to
      // train 45 for a realistic handful of violations.
      const train = ri === 2 && ci === 5 && rnd() < 0.2 ? 45 : pick([47, 47, 47, 48]);
      instances.push({
        id: `${region}-i${i}`,
        host: `${region}-h${i % 2000}`,
        component: `component-${ci}`,
        version: `${ci}.${train}.${(ci * 7 + train) % 10}`,
        state: rnd() < 0.02 ? 'failed' : rnd() < 0.03 ? 'starting' : 'running',
        startedAt: NOW,
        activeUsers: Math.floor(rnd() * 40),
      });
    }
    const databases: Database[] = [];
    for (let d = 0; d < dbPerRegion; d++) {
      const schemaTrain = pick([47, 47, 48]);
      const migrating = schemaTrain === 47 && rnd() < 0.05;
      databases.push({
        id: `${region}-db${d}`,
        group: `group-${d % GROUPS_PER_REGION}`,
        schemaVersion: `schema-${schemaTrain}`,
        schemaTrain,
        migration: migrating ? { direction: 'forward', fromTrain: schemaTrain, toTrain: schemaTrain + 1, startedAt: NOW, progress: 0.4 } : null,
      });
    }
    return {
      region: { id: region, name: region, timezone: 'UTC' },
      revision: 1,
      generatedAt: NOW,
      trains,
      components,
      componentVersions,
      dependencies,
      instances,
      databaseGroups: groups,
      databases,
      rollouts: [{
        id: `${region}-rollout-3`,
        component: 'component-3',
        fromVersion: `3.47.${(3 * 7 + 47) % 10}`,
        toVersion: `3.48.${(3 * 7 + 48) % 10}`,
        state: 'progressing',
        stages: [{ name: 'canary', canaryPercent: 5, waves: 1, state: 'active' }, { name: 'half', canaryPercent: 50, waves: 2, state: 'pending' }],
        currentStage: 0,
        startedAt: NOW,
        history: [],
      }],
      toggles: [{ key: 'new-viewer', description: 'New viewer', environment: 'production', state: 'off', minVersion: { component: 'component-9', version: `9.47.${(9 * 7 + 47) % 10}` } }],
      stageGates: [],
    } satisfies FleetState;
  });
}

/** The floor: count instances per component/version and databases per group, nothing else. */
function bareCountingScan(states: readonly FleetState[]): number {
  let cells = 0;
  for (const state of states) {
    const counts = new Map<string, Map<string, number>>();
    for (const instance of state.instances) {
      let byVersion = counts.get(instance.component);
      if (byVersion === undefined) counts.set(instance.component, (byVersion = new Map()));
      byVersion.set(instance.version, (byVersion.get(instance.version) ?? 0) + 1);
    }
    const groups = new Map<string, number>();
    for (const database of state.databases) groups.set(database.group, (groups.get(database.group) ?? 0) + 1);
    cells += counts.size + groups.size;
  }
  return cells;
}

/**
 * Median ms of two functions timed in alternation, so that load from other processes hits the
 * candidate and its baseline alike and the ratio stays meaningful on a busy machine.
 */
function interleavedMedians(baseline: () => unknown, candidate: () => unknown, runs: number, warmup: number): [number, number] {
  for (let i = 0; i < warmup; i++) {
    baseline();
    candidate();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    baseline();
    a.push(performance.now() - t0);
    t0 = performance.now();
    candidate();
    b.push(performance.now() - t0);
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;
  return [median(a), median(b)];
}

const fleet = syntheticFleet();
const ms = (n: number) => `${n.toFixed(2)} ms`;

export const benchmarks: Benchmark[] = [
  {
    name: 'compat: rules 1–3 full evaluation (6 regions, 60 components, 100k instances, 30k databases)',
    run() {
      const [baseline, candidate] = interleavedMedians(() => bareCountingScan(fleet), () => evaluate(fleet, { now: NOW }), 21, 3);
      const ratio = candidate / baseline;
      const violations = evaluate(fleet, { now: NOW }).violations.length;
      return {
        summary: `${ratio.toFixed(2)}x bare counting scan (budget <= 3x and <= 50 ms); ${ms(candidate)} vs ${ms(baseline)}; ${violations} violations`,
        pass: ratio <= 3 && candidate <= 50,
      };
    },
  },
  {
    name: 'compat: what-if of one action on the same fleet',
    run() {
      const view = indexFleet(fleet, { now: NOW });
      view.verdict();
      const requests: WhatIfRequest[] = [
        { region: 'eu-west', action: { type: 'component.rollback', component: 'component-5', toTrain: 46 } },
        { region: 'us-east', action: { type: 'rollout.resume', rolloutId: 'us-east-rollout-3' } },
        { region: 'us-east', action: { type: 'toggle.set', key: 'new-viewer', state: 'on' } },
        { region: 'eu-central', action: { type: 'schema.rollback', databaseGroup: 'group-4', toTrain: 46 } },
      ];
      const times = requests.map((request) => medianMs(() => view.whatIf(request), 25, 5));
      const worst = Math.max(...times);
      return {
        summary: `worst ${ms(worst)} (budget <= 5 ms); ${requests.map((r, i) => `${r.action.type} ${ms(times[i] ?? Number.NaN)}`).join(', ')}`,
        pass: worst <= 5,
      };
    },
  },
  {
    name: 'compat: incremental evaluator, change events applied (information)',
    run() {
      const evaluator = createIncrementalEvaluator(fleet, NOW);
      evaluator.verdict();
      const events: ChangeEvent[] = [];
      const source = fleet[0]?.instances ?? [];
      for (let i = 0; i < 20_000; i++) {
        const instance = source[(i * 7919) % source.length];
        if (!instance) continue;
        const version = instance.version.replace(/\.(\d+)\.\d$/, (_m, t: string) => `.${t === '47' ? 48 : 47}.${(Number(instance.component.slice(10)) * 7 + (t === '47' ? 48 : 47)) % 10}`);
        events.push({ revision: i + 2, type: 'instance.upsert', instance: { ...instance, version } });
      }
      const t0 = performance.now();
      for (const event of events) {
        evaluator.apply('us-east', event, NOW);
        evaluator.verdict();
      }
      const elapsed = performance.now() - t0;
      const rate = events.length / (elapsed / 1000);
      // The console applies a batch of events and then asks once: measure that too.
      const batched = createIncrementalEvaluator(fleet, NOW);
      batched.verdict();
      const t1 = performance.now();
      for (let i = 0; i < events.length; i += 100) {
        for (const event of events.slice(i, i + 100)) batched.apply('us-east', event, NOW);
        batched.verdict();
      }
      const batchRate = events.length / ((performance.now() - t1) / 1000);
      return {
        summary: `${Math.round(rate).toLocaleString('en-US')} events/s with a verdict after each event; ${Math.round(batchRate).toLocaleString('en-US')} events/s with a verdict per 100 events (${events.length} events)`,
        pass: true,
      };
    },
  },
];
