import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateFleet } from '../../../demo-fleet/index.ts';
import { findCauses, indexFleet, Plan, planRemediation, UnknownCauseError, type CompatView } from '../../../shared/compat/index.ts';
import { FleetState } from '../../../shared/protocol/index.ts';
import { fleet } from './arbitraries.ts';

const NOW = '2026-11-01T00:00:00.000Z';
const fixture = (name: string) => z.array(FleetState).parse(JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/causes', `${name}.json`), 'utf8')));
const planOf = (name: string) => {
  const states = fixture(name);
  return planRemediation(indexFleet(states, { now: NOW }), states);
};
const actions = (plan: Plan) => plan.steps.map((s) => ({ region: s.draft.region, ...s.draft.action }));

/** Replays the plan through the engine's own what-if, one step on the fleet after the previous ones. */
function replay(view: CompatView, plan: Plan): void {
  let current = view;
  for (const step of plan.steps) {
    const result = current.whatIf(step.draft);
    expect(result.ok).toBe(true);
    expect(result.introduced.map((v) => v.id)).toEqual(step.introduced);
    expect(result.resolved.map((v) => v.id).sort()).toEqual([...step.resolved].sort());
    const after = current.after(step.draft);
    if (!after.ok) throw new Error(after.errors.map((e) => e.message).join('; '));
    current = after.view;
    expect(current.verdict().violations).toHaveLength(step.remaining);
  }
}

describe('plans on the fixtures (test/fixtures/causes)', () => {
  it('window: aborting the canary rollout beats rolling back (same instances, lower on the ladder)', () => {
    const plan = planOf('window');
    expect(actions(plan)).toEqual([{ region: 'eu-west', type: 'rollout.abort', rolloutId: 'eu-west.search.47' }]);
    expect(plan.steps[0]).toMatchObject({ rung: 'rollout', instances: 1, introduced: [], remaining: 0 });
    expect(plan.complete).toBe(true);
  });

  it('peer skew with no rollout to resume: a cause that needs two actions, one per caller', () => {
    const plan = planOf('peer-two-actions');
    expect(actions(plan)).toEqual([
      { region: 'eu-west', type: 'component.rollback', component: 'search', toTrain: 45 },
      { region: 'eu-west', type: 'component.rollback', component: 'scheduling', toTrain: 45 },
    ]);
    expect(plan.steps.map((s) => [s.resolved.length, s.remaining, s.instances])).toEqual([[1, 1, 2], [1, 0, 4]]);
    expect(plan.steps[1]?.reason).toBe('Remediation plan, step 2 of 2: consent in eu-west is 2 trains behind its callers');
    expect([plan.complete, plan.resolved, plan.violations, plan.instances]).toEqual([true, 2, 2, 6]);
  });

  it('peer skew with a paused rollout of the callee: one resume instead of two rollbacks', () => {
    expect(actions(planOf('peer-resume'))).toEqual([{ region: 'eu-west', type: 'rollout.resume', rolloutId: 'eu-west.consent.45' }]);
  });

  it('schema skew: the schema goes back one train, not three', () => {
    const plan = planOf('schema');
    expect(actions(plan)).toEqual([{ region: 'ca-central', type: 'schema.rollback', databaseGroup: 'imaging-db', toTrain: 46 }]);
    expect(plan.steps[0]?.summary).toBe('Roll the imaging-db schema in ca-central back to train 2026.46');
  });

  it('toggle minimum version: the toggle goes off', () => {
    const plan = planOf('toggle');
    expect(actions(plan)).toEqual([{ region: 'us-east', type: 'toggle.set', key: 'new-viewer', state: 'off' }]);
    expect(plan.steps[0]).toMatchObject({ rung: 'toggle', summary: 'Turn off toggle new-viewer in us-east', instances: 8 });
  });

  it('fleet-wide window: a rollback that resolves nothing alone, then the one that resolves it', () => {
    const plan = planOf('fleet-window');
    expect(actions(plan).map((a) => a.region)).toEqual(['us-east', 'ca-central']);
    expect(plan.steps.map((s) => s.resolved.length)).toEqual([0, 1]);
    expect(plan.complete).toBe(true);
  });

  it('needs a release: the callee behind with nothing to resume, and the rollback that would break a schema', () => {
    const plan = planOf('needs-release');
    expect(plan.steps).toEqual([]);
    expect(plan.complete).toBe(false);
    expect(plan.unfixable).toHaveLength(1);
    expect(plan.unfixable[0]?.kind).toBe('needs-release');
    expect(plan.unfixable[0]?.why).toMatch(/^needs a release: consent in eu-west is 2 trains behind and has no paused rollout to resume towards a newer train\. "Roll scheduling in eu-west back to train 2026\.45 \(scheduling-45\.0\)" would resolve it but introduce 1 violation: In eu-west, scheduling .* schema train 2026\.47/);
  });

  it('a compliant fleet gets an empty, complete plan', () => {
    expect(planOf('compliant')).toMatchObject({ steps: [], complete: true, violations: 0, unfixable: [] });
  });

  it('a plan for one cause acts only on it; an unknown cause is an error', () => {
    const states = fixture('peer-two-actions');
    const view = indexFleet(states, { now: NOW });
    const [cause] = findCauses(view.verdict().violations).causes;
    const plan = planRemediation(view, states, { cause: cause?.id });
    expect(plan.cause).toBe(cause?.id);
    expect(plan.steps.every((s) => s.causeIds.includes(cause?.id ?? ''))).toBe(true);
    expect(() => planRemediation(view, states, { cause: 'component:eu-west:nothing:1' })).toThrow(UnknownCauseError);
  });
});

describe('plans on the demo scenarios', () => {
  it('skew-violation: six callers step back; scheduling waits for a consent release', () => {
    const states = generateFleet({ scenario: 'skew-violation' });
    const view = indexFleet(states, { now: NOW });
    const plan = planRemediation(view, states);
    expect(Plan.parse(plan)).toEqual(plan);
    expect(plan.violations).toBe(7);
    expect(plan.steps.length).toBeGreaterThan(0);
    expect(plan.steps.every((s) => s.introduced.length === 0 && s.resolved.length === 1)).toBe(true);
    expect(plan.resolved + plan.unfixable.length).toBe(7);
    expect(plan.unfixable.every((u) => u.kind === 'needs-release')).toBe(true);
    replay(view, plan);
  });

  it('schema-ahead: one schema rollback', () => {
    const states = generateFleet({ scenario: 'schema-ahead' });
    const plan = planRemediation(indexFleet(states, { now: NOW }), states);
    expect(plan.steps.map((s) => s.draft.action.type)).toEqual(['schema.rollback']);
    expect(plan.complete).toBe(true);
  });
});

/** Some rollouts paused, so that resume is a candidate too. */
const withPaused = fleet().map((states) => states.map((s) => ({ ...s, rollouts: s.rollouts.map((r, i) => (i % 2 === 1 ? { ...r, state: 'paused' as const } : r)) })));

describe('plan properties', () => {
  it('replaying a plan through what-if gives exactly the announced verdicts, and no step introduces a violation', () => {
    fc.assert(
      fc.property(withPaused, (states) => {
        const view = indexFleet(states, { now: NOW });
        const plan = planRemediation(view, states);
        for (const step of plan.steps) expect(step.introduced).toEqual([]);
        replay(view, plan);
        const before = new Set(view.verdict().violations.map((v) => v.id));
        expect(plan.violations).toBe(before.size);
        expect(plan.resolved + plan.unfixable.length).toBe(plan.violations);
        expect(plan.complete).toBe(plan.unfixable.length === 0);
      }),
      { numRuns: 150 },
    );
  });

  it('a plan for each cause replays too and resolves only what it counts', () => {
    fc.assert(
      fc.property(withPaused, (states) => {
        const view = indexFleet(states, { now: NOW });
        const causes = findCauses(view.verdict().violations);
        for (const cause of causes.causes) {
          const plan = planRemediation(view, states, { cause: cause.id, causes });
          replay(view, plan);
          const scope = new Set(cause.violationIds);
          expect(plan.steps.reduce((n, s) => n + s.resolved.filter((id) => scope.has(id)).length, 0)).toBe(plan.resolved);
          expect(plan.unfixable.every((u) => scope.has(u.violationId) && u.causeId === cause.id)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('on a compliant fleet the plan is empty', () => {
    fc.assert(
      fc.property(fleet({ maxTrains: 1 }), (states) => {
        const plan = planRemediation(indexFleet(states, { now: NOW }), states);
        expect(plan).toMatchObject({ steps: [], complete: true, violations: 0, resolved: 0, unfixable: [] });
      }),
      { numRuns: 100 },
    );
  });
});
