import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIncrementalEvaluator, evaluate, indexFleet, type CompatView, type Verdict, type WhatIfRequest } from '../../../shared/compat/index.ts';
import type { FleetState } from '../../../shared/protocol/index.ts';
import { fleet, fleetOf, fleetShape, steps, versionOf } from './arbitraries.ts';
import { referenceApply } from './reference-apply.ts';

const NOW = '2026-11-01T00:00:00.000Z';
const minute = (n: number) => new Date(Date.parse(NOW) + n * 60_000).toISOString();
const RUNS = { numRuns: 150 };

function after(view: CompatView, request: WhatIfRequest): CompatView {
  const result = view.after(request);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.view;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe('compatibility engine properties', () => {
  it('a fleet on a single train has no violations', () => {
    fc.assert(
      fc.property(fleet({ maxTrains: 1 }), (states) => {
        const verdict = evaluate(states, { now: NOW });
        expect(verdict.errors).toEqual([]);
        expect(verdict.violations).toEqual([]);
      }),
      RUNS,
    );
  });

  it('removing instances never creates or widens a version-window violation', () => {
    const withRemoval = fleet().chain((states) =>
      fc.tuple(fc.constant(states), fc.array(fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), { minLength: states.length, maxLength: states.length })),
    );
    fc.assert(
      fc.property(withRemoval, ([states, keep]) => {
        const fewer = states.map((s, r) => ({ ...s, instances: s.instances.filter((_, i) => keep[r]?.[i] ?? true) }));
        const windowGaps = (v: Verdict) => new Map(v.violations.filter((x) => x.rule === 'version-window').map((x) => [x.subject, x.gap]));
        const before = windowGaps(evaluate(states, { now: NOW }));
        for (const [subject, gap] of windowGaps(evaluate(fewer, { now: NOW }))) {
          expect(before.get(subject)).toBeGreaterThanOrEqual(gap);
        }
      }),
      RUNS,
    );
  });

  it('turning a toggle on and back gives back the original verdict', () => {
    fc.assert(
      fc.property(fleet(), fc.constantFrom<'on' | 'off' | 'dormant'>('on', 'off', 'dormant'), (states, state) => {
        const view = indexFleet(states, { now: NOW });
        for (const region of states) {
          for (const toggle of region.toggles) {
            const id = region.region.id;
            const there = after(view, { region: id, action: { type: 'toggle.set', key: toggle.key, state } });
            const back = after(there, { region: id, action: { type: 'toggle.set', key: toggle.key, state: toggle.state } });
            expect(back.verdict()).toEqual(view.verdict());
          }
        }
      }),
      RUNS,
    );
  });

  it('rolling a component back and rolling it forward again gives back the original verdict', () => {
    const setup = fleetShape({ minTrains: 2 }).chain((shape) =>
      fc.record({
        states: fleetOf(shape),
        region: fc.nat(shape.regions.length - 1),
        component: fc.constantFrom(...shape.components),
        train: fc.constantFrom(...shape.trains.slice(1)),
      }),
    );
    fc.assert(
      fc.property(setup, ({ states, region, component, train }) => {
        // The component runs one version in the region, and a rollout to it from the train before exists.
        const target = states[region];
        if (!target) return;
        const prepared: FleetState = {
          ...target,
          instances: target.instances.map((i) => (i.component === component ? { ...i, version: versionOf(component, train) } : i)),
          rollouts: [...target.rollouts, { ...rolloutTemplate, component, fromVersion: versionOf(component, train - 1), toVersion: versionOf(component, train) }],
        };
        const fleetStates = states.map((s, i) => (i === region ? prepared : s));
        const id = prepared.region.id;
        const view = indexFleet(fleetStates, { now: NOW });
        const back = after(view, { region: id, action: { type: 'component.rollback', component, toTrain: train - 1 } });
        const forward = after(back, { region: id, action: { type: 'rollout.resume', rolloutId: rolloutTemplate.id } });
        expect(forward.verdict()).toEqual(view.verdict());
        expect(after(view, { region: id, action: { type: 'rollout.pause', rolloutId: rolloutTemplate.id } }).verdict()).toEqual(view.verdict());
      }),
      RUNS,
    );
  });

  it('resuming after an abort ends where resuming does, and aborting after a resume where aborting does', () => {
    fc.assert(
      fc.property(fleet(), (states) => {
        const view = indexFleet(states, { now: NOW });
        for (const region of states) {
          for (const rollout of region.rollouts) {
            const id = region.region.id;
            const act = (v: CompatView, type: 'rollout.abort' | 'rollout.resume') => after(v, { region: id, action: { type, rolloutId: rollout.id } });
            expect(act(act(view, 'rollout.abort'), 'rollout.resume').verdict()).toEqual(act(view, 'rollout.resume').verdict());
            expect(act(act(view, 'rollout.resume'), 'rollout.abort').verdict()).toEqual(act(view, 'rollout.abort').verdict());
          }
        }
      }),
      RUNS,
    );
  });

  it('incremental and full evaluation agree after any sequence of change events', () => {
    const scenario = fleetShape().chain((shape) => fc.tuple(fleetOf(shape), steps(shape)));
    fc.assert(
      fc.property(scenario, ([initial, script]) => {
        const evaluator = createIncrementalEvaluator(initial, minute(0));
        let reference = initial;
        let full = evaluate(reference, { now: minute(0) });
        expect(evaluator.verdict()).toEqual(full);
        script.forEach((step, n) => {
          const at = minute(n + 1);
          const target = reference[step.region];
          if (!target) return;
          if ('event' in step) {
            reference = reference.map((s, i) => (i === step.region ? referenceApply(s, step.event) : s));
            evaluator.apply(target.region.id, step.event, at);
          } else {
            const refetched = { ...target, instances: target.instances.filter((_, i) => i % step.refetch.keepEvery === 0) };
            reference = reference.map((s, i) => (i === step.region ? refetched : s));
            evaluator.replaceRegion(refetched, at);
          }
          full = evaluate(reference, { now: at, previous: full.violations });
          expect(evaluator.verdict()).toEqual(full);
        });
        expect(evaluator.states()).toEqual(reference);
      }),
      RUNS,
    );
  });

  it('never mutates its input', () => {
    const scenario = fleetShape().chain((shape) => fc.tuple(fleetOf(shape), steps(shape)));
    fc.assert(
      fc.property(scenario, ([states, script]) => {
        const snapshot = structuredClone(states);
        deepFreeze(states);
        const view = indexFleet(states, { now: NOW });
        view.verdict();
        for (const region of states) {
          const id = region.region.id;
          for (const rollout of region.rollouts) view.whatIf({ region: id, action: { type: 'rollout.step', rolloutId: rollout.id } });
          for (const group of region.databaseGroups) view.whatIf({ region: id, action: { type: 'schema.rollback', databaseGroup: group.id, toTrain: region.trains[0]?.index ?? 0 } });
        }
        const evaluator = createIncrementalEvaluator(states, NOW);
        for (const step of script) if ('event' in step) evaluator.apply(states[step.region]?.region.id ?? '', deepFreeze(step.event), NOW);
        evaluator.verdict();
        expect(states).toEqual(snapshot);
      }),
      { numRuns: 60 },
    );
  });
});

const rolloutTemplate = {
  id: 'property-rollout',
  state: 'paused' as const,
  stages: [{ name: 'all', canaryPercent: 100, waves: 1, state: 'pending' as const }],
  currentStage: 0,
  startedAt: NOW,
  history: [],
};
