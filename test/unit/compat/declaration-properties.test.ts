import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIncrementalEvaluator, evaluate, type Verdict, type Violation } from '../../../shared/compat/index.ts';
import type { Compatibility, ComponentVersion, FleetState } from '../../../shared/protocol/index.ts';
import { fleetOf, fleetShape, steps, type FleetShape } from './arbitraries.ts';
import { referenceApply } from './reference-apply.ts';

const NOW = '2026-11-01T00:00:00.000Z';
const minute = (n: number) => new Date(Date.parse(NOW) + n * 60_000).toISOString();
const RUNS = { numRuns: 150 };

function mapVersions(states: readonly FleetState[], declare: (state: FleetState, cv: ComponentVersion) => Compatibility | undefined): FleetState[] {
  return states.map((state) => ({
    ...state,
    componentVersions: state.componentVersions.map((cv) => {
      const compatibility = declare(state, cv);
      return compatibility ? { ...cv, compatibility } : cv;
    }),
  }));
}

function strip(states: readonly FleetState[]): FleetState[] {
  return states.map((state) => ({ ...state, componentVersions: state.componentVersions.map(({ component, version, train }) => ({ component, version, train })) }));
}

/** Exactly the default contract, written out: ±1 for every callee, every caller and every group. */
function plusMinusOne(state: FleetState, cv: ComponentVersion): Compatibility {
  const around = { min: Math.max(0, cv.train - 1), max: cv.train + 1 };
  const callees = [...new Set(state.dependencies.filter((d) => d.from === cv.component).map((d) => d.to))];
  return {
    callees: callees.map((component) => ({ component, trains: around })),
    callers: state.components.map((c) => ({ component: c.id, trains: around })),
    databaseGroups: state.databaseGroups.filter((g) => g.usedBy.includes(cv.component)).map((g) => ({ group: g.id, trains: around })),
  };
}

/** What a verdict says apart from the wording and the declarations it names. */
function judgement(v: Verdict) {
  const strip = ({ sentence: _s, declarations: _d, ...rest }: Violation) => rest;
  return { ...v, violations: v.violations.map(strip) };
}

/** Valid random ranges (narrower, ±1 or wider) for what each version really talks to. */
function randomDeclarations(shape: FleetShape): fc.Arbitrary<(state: FleetState, cv: ComponentVersion) => Compatibility | undefined> {
  const offsets = fc.tuple(fc.integer({ min: -3, max: 1 }), fc.integer({ min: -1, max: 3 })).filter(([lo, hi]) => lo <= hi);
  const per = fc.array(fc.option(fc.tuple(offsets, offsets, offsets, fc.nat(7)), { freq: 2 }), { minLength: 64, maxLength: 64 });
  return per.map((choices) => (state: FleetState, cv: ComponentVersion) => {
    const i = (shape.components.indexOf(cv.component) * 16 + cv.train) % 64;
    const choice = choices[i];
    if (!choice) return undefined;
    const [[a, b], [c, d], [e, f], mask] = choice;
    const at = (lo: number, hi: number) => ({ min: Math.max(0, cv.train + lo), max: cv.train + hi });
    const callees = [...new Set(state.dependencies.filter((dep) => dep.from === cv.component).map((dep) => dep.to))];
    return {
      ...(mask & 1 ? { callees: callees.map((component) => ({ component, trains: at(a, b) })) } : {}),
      ...(mask & 2 ? { callers: shape.components.map((component) => ({ component, trains: at(c, d) })) } : {}),
      ...(mask & 4 ? { databaseGroups: state.databaseGroups.filter((g) => g.usedBy.includes(cv.component)).map((g) => ({ group: g.id, trains: at(e, f) })) } : {}),
    };
  });
}

describe('declared ranges: properties', () => {
  it('with no declarations that apply, verdicts equal those of the same fleet with declarations stripped', () => {
    // Every version declares a range about a caller that never calls it: the per-version path runs
    // everywhere, and must give exactly what the default path gives on the stripped fleet.
    fc.assert(
      fc.property(fleetShape().chain(fleetOf), (states) => {
        const declared = mapVersions(states, () => ({ callers: [{ component: 'nobody-calls-this', trains: { min: 0, max: 0 } }] }));
        expect(evaluate(declared, { now: NOW })).toEqual(evaluate(strip(declared), { now: NOW }));
      }),
      RUNS,
    );
  });

  it('declaring exactly ±1 everywhere judges like the default: same violations, no exceptions', () => {
    fc.assert(
      fc.property(fleetShape().chain(fleetOf), (states) => {
        const declared = evaluate(mapVersions(states, plusMinusOne), { now: NOW });
        const plain = evaluate(strip(states), { now: NOW });
        expect(declared.exceptions).toEqual([]);
        expect(judgement(declared)).toEqual(judgement(plain));
      }),
      RUNS,
    );
  });

  it('declarations change only peer and schema judgements: window and toggle violations stay, exceptions lie beyond ±1 and name a declaration, a violation within ±1 names one', () => {
    fc.assert(
      fc.property(fleetShape().chain((shape) => fc.tuple(fleetOf(shape), randomDeclarations(shape))), ([states, declare]) => {
        const declared = evaluate(mapVersions(states, declare), { now: NOW });
        const plain = evaluate(strip(states), { now: NOW });
        expect(declared.ok).toBe(plain.ok);
        const untouched = (list: Violation[]) => list.filter((x) => x.rule === 'version-window' || x.rule === 'toggle-min-version');
        expect(untouched(declared.violations)).toEqual(untouched(plain.violations));
        for (const e of declared.exceptions) {
          expect(e.gap).toBeGreaterThan(e.limit);
          expect(e.declarations.length).toBeGreaterThan(0);
        }
        for (const v of declared.violations) {
          if (v.gap <= v.limit && (v.rule === 'peer-skew' || v.rule === 'schema-skew')) expect(v.declarations?.length ?? 0).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it('incremental and full evaluation agree under declarations, including declarations changed by events', () => {
    const scenario = fleetShape().chain((shape) => fc.tuple(fleetOf(shape), steps(shape), randomDeclarations(shape), randomDeclarations(shape)));
    fc.assert(
      fc.property(scenario, ([plain, script, declare, redeclare]) => {
        const initial = mapVersions(plain, declare);
        const evaluator = createIncrementalEvaluator(initial, minute(0));
        let reference = initial;
        let full = evaluate(reference, { now: minute(0) });
        expect(evaluator.verdict()).toEqual(full);
        script.forEach((step, n) => {
          const at = minute(n + 1);
          const target = reference[step.region];
          if (!target) return;
          if ('event' in step) {
            let event = step.event;
            if (event.type === 'componentVersion.upsert') {
              const compatibility = redeclare(target, event.componentVersion);
              const { component, version, train } = event.componentVersion;
              event = { ...event, componentVersion: compatibility ? { component, version, train, compatibility } : { component, version, train } };
            }
            reference = reference.map((s, i) => (i === step.region ? referenceApply(s, event) : s));
            evaluator.apply(target.region.id, event, at);
          } else {
            const refetched = { ...target, instances: target.instances.filter((_, i) => i % step.refetch.keepEvery === 0) };
            reference = reference.map((s, i) => (i === step.region ? refetched : s));
            evaluator.replaceRegion(refetched, at);
          }
          full = evaluate(reference, { now: at, previous: full.violations });
          expect(evaluator.verdict()).toEqual(full);
        });
      }),
      RUNS,
    );
  });
});
