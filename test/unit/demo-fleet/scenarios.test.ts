import { describe, expect, it } from 'vitest';
import { createDemoFleet, generateFleet, SCENARIOS } from '../../../demo-fleet/index.ts';
import { evaluate } from '../../../shared/compat/index.ts';
import { checkFleet } from './helpers/compat-checker.ts';
import { manualClock } from './helpers/manual-clock.ts';

const opts = { seed: 42, scale: 4_000 } as const;

describe('scenarios produce their defining condition', () => {
  it('bad-canary: us-east document-store held at a 5% canary on the current train', () => {
    const fleet = generateFleet({ ...opts, scenario: 'bad-canary' });
    const usEast = fleet.find((s) => s.region.id === 'us-east');
    const rollout = usEast?.rollouts.find((r) => r.component === 'document-store' && r.state === 'progressing');
    expect(rollout?.stages[rollout.currentStage]?.canaryPercent).toBe(5);
    const docs = usEast?.instances.filter((i) => i.component === 'document-store') ?? [];
    const onNew = docs.filter((i) => i.version === rollout?.toVersion).length;
    expect(onNew / docs.length).toBeGreaterThan(0.03);
    expect(onNew / docs.length).toBeLessThan(0.1);
    // Not a skew scenario: the rules still hold.
    expect(checkFleet(fleet)).toEqual([]);
  });

  it('bad-canary: the canary stays held while simulated time passes', () => {
    const clock = manualClock();
    const fleet = createDemoFleet({ ...opts, scenario: 'bad-canary', wallClock: clock.now, timeScale: 600 });
    clock.advance(12_000); // two simulated hours
    const rollout = fleet.fleetState('us-east').rollouts.find((r) => r.component === 'document-store' && r.state === 'progressing');
    expect(rollout?.currentStage).toBe(1);
  });

  it('skew-violation: an eu-west edge whose caller is two trains ahead of its callee', () => {
    const violations = checkFleet(generateFleet({ ...opts, scenario: 'skew-violation' }));
    expect(violations).toContainEqual({ rule: 'peer-skew', region: 'eu-west', detail: 'scheduling → consent', gap: 2 });
    expect(violations.every((v) => v.region === 'eu-west' && v.rule === 'peer-skew')).toBe(true);
  });

  it('schema-ahead: ca-central imaging-meta-db two trains ahead of the imaging instances', () => {
    const violations = checkFleet(generateFleet({ ...opts, scenario: 'schema-ahead' }));
    const schema = violations.filter((v) => v.rule === 'schema-skew');
    expect(schema.length).toBeGreaterThan(0);
    expect(schema.every((v) => v.region === 'ca-central' && v.detail.startsWith('imaging-meta-db') && v.gap === 2)).toBe(true);
    expect(violations.filter((v) => v.rule !== 'schema-skew')).toEqual([]);
  });

  it('blocked-train: the current train has a failed pre-production gate and every rollout to it is paused', () => {
    const fleet = generateFleet({ ...opts, scenario: 'blocked-train' });
    const steady = generateFleet({ ...opts, scenario: 'steady' });
    for (const state of fleet) {
      const current = Math.max(...state.stageGates.filter((g) => g.stage === 'pre-production').map((g) => g.train));
      const failed = state.stageGates.filter((g) => g.testsFailed > 0 && g.train >= current - 2);
      expect(failed).toEqual([expect.objectContaining({ train: current, stage: 'pre-production', testsFailed: 3 })]);
      const toCurrent = state.rollouts.filter((r) => r.state !== 'completed' && state.componentVersions.some((v) => v.component === r.component && v.version === r.toVersion && v.train === current));
      expect(toCurrent.every((r) => r.state === 'paused')).toBe(true);
    }
    expect(fleet.flatMap((s) => s.rollouts).filter((r) => r.state === 'paused').length).toBeGreaterThan(steady.flatMap((s) => s.rollouts).filter((r) => r.state === 'paused').length);
    expect(checkFleet(fleet)).toEqual([]);
  });

  it('steady: the search index runs two trains behind some callers, a declared exception and not a violation', () => {
    const fleet = generateFleet({ ...opts, scenario: 'steady' });
    expect(checkFleet(fleet)).toEqual([]);
    const verdict = evaluate(fleet, { now: '2026-11-30T00:00:00.000Z' });
    expect(verdict.violations).toEqual([]);
    expect(verdict.exceptions.length).toBeGreaterThan(0);
    expect(verdict.exceptions.every((e) => e.components.includes('search-index') && e.gap === 2 && e.declarations.every((d) => d.subject === 'search-index'))).toBe(true);
  });

  it('broken-declaration: us-east reporting declares search from the current train on while search stays a train behind', () => {
    const violations = checkFleet(generateFleet({ ...opts, scenario: 'broken-declaration' }));
    expect(violations).toEqual([{ rule: 'peer-skew', region: 'us-east', detail: 'reporting → search', gap: 1 }]);
    const verdict = evaluate(generateFleet({ ...opts, scenario: 'broken-declaration' }), { now: '2026-11-30T00:00:00.000Z' });
    expect(verdict.violations.map((v) => [v.rule, v.regions, v.components, v.declarations?.map((d) => [d.component, d.about, d.subject])])).toEqual([
      ['peer-skew', ['us-east'], ['reporting', 'search'], [['reporting', 'callee', 'search']]],
    ]);
  });

  it.each(['region-outage', 'slow-endpoint', 'malformed', 'flapping'] as const)('%s changes faults, not the fleet', (scenario) => {
    expect(JSON.stringify(generateFleet({ ...opts, scenario }))).toBe(JSON.stringify(generateFleet({ ...opts, scenario: 'steady' })));
    const fleet = createDemoFleet({ ...opts, scenario, wallClock: manualClock().now });
    const target = SCENARIOS[scenario].region ?? '';
    const faults = fleet.faults(target);
    expect(faults.outage || faults.flapPeriodMs > 0 || faults.latencyMs >= 3_000 || faults.malformed).toBe(true);
    for (const other of fleet.regionIds().filter((id) => id !== target)) {
      expect(fleet.faults(other)).toMatchObject({ outage: false, flapPeriodMs: 0, latencyMs: 0, malformed: false });
    }
  });

  it('region-outage targets ap-southeast, slow-endpoint waits several seconds', () => {
    expect(SCENARIOS['region-outage']).toMatchObject({ region: 'ap-southeast', faults: { outage: true } });
    expect(SCENARIOS['slow-endpoint'].faults.latencyMs).toBeGreaterThanOrEqual(3_000);
  });

  it('setScenario regenerates the state for state scenarios and moves the revision on', () => {
    const clock = manualClock();
    const fleet = createDemoFleet({ ...opts, wallClock: clock.now });
    clock.advance(5_000);
    const before = fleet.fleetState('eu-west').revision;
    fleet.setScenario('skew-violation');
    const states = fleet.regionIds().map((id) => fleet.fleetState(id));
    expect(states.find((s) => s.region.id === 'eu-west')?.revision).toBe(before + 1);
    expect(checkFleet(states).some((v) => v.rule === 'peer-skew' && v.gap === 2)).toBe(true);
    fleet.setScenario('steady');
    expect(checkFleet(fleet.regionIds().map((id) => fleet.fleetState(id)))).toEqual([]);
  });
});
