import { describe, expect, it } from 'vitest';
import { createIncrementalEvaluator, evaluate, findCauses, indexFleet, planRemediation, whatIf, Verdict as VerdictSchema, type Verdict } from '../../../shared/compat/index.ts';
import { FleetState, type Compatibility } from '../../../shared/protocol/index.ts';
import { fleetState, type FleetSpec } from './builders.ts';

const NOW = '2026-11-01T00:00:00.000Z';
const LATER = '2026-11-01T00:05:00.000Z';
const versions = {
  gateway: { g44: 44, g45: 45, g46: 46, g47: 47, 'g47-r2': 47 },
  search: { s44: 44, s45: 45, s46: 46, s47: 47 },
};
const range = (min: number, max: number) => ({ min, max });
const calls = (component: string, min: number, max: number): Compatibility => ({ callees: [{ component, trains: range(min, max) }] });

function peerSpec(declare: FleetSpec['declare'], instances: FleetSpec['instances']): FleetSpec {
  return { region: 'eu-west', versions, dependencies: [{ from: 'gateway', to: 'search' }], instances, declare };
}
const ids = (list: readonly { id: string }[]) => list.map((v) => v.id);
const check = (spec: FleetSpec): Verdict => evaluate([fleetState(spec)], { now: NOW });

describe('declared ranges: peer skew', () => {
  const twoApart: FleetSpec['instances'] = [['gateway', 'g47', 2], ['search', 's45', 3]];
  const oneApart: FleetSpec['instances'] = [['gateway', 'g46', 2], ['search', 's45', 3]];

  it('absent: ±1 decides, and nothing is an exception', () => {
    expect(ids(check(peerSpec(undefined, twoApart)).violations)).toEqual(['peer-skew:eu-west:gateway>search:47-45']);
    const verdict = check(peerSpec(undefined, oneApart));
    expect(verdict.violations).toEqual([]);
    expect(verdict.exceptions).toEqual([]);
  });

  it('narrower: a pair within ±1 but outside the caller’s range is a violation naming the declaration', () => {
    const verdict = check(peerSpec({ 'gateway@g46': calls('search', 46, 47) }, oneApart));
    expect(ids(verdict.violations)).toEqual(['peer-skew:eu-west:gateway>search:46-45']);
    const [v] = verdict.violations;
    expect(v?.gap).toBe(1);
    expect(v?.declarations?.map((d) => [d.component, d.version, d.about, d.subject, d.min, d.max])).toEqual([['gateway', 'g46', 'callee', 'search', 46, 47]]);
    expect(v?.sentence).toBe(
      'In eu-west, gateway g46 (train 2026.46) calls search s45 (train 2026.45): 1 train apart, outside the declared range: ' +
        'gateway g46 in eu-west declares search trains 2026.46–2026.47 (5 instances, 50 active users).',
    );
    expect(verdict.exceptions).toEqual([]);
  });

  it('wider: a pair beyond ±1 inside the range is a declared exception, not a violation', () => {
    const verdict = check(peerSpec({ 'gateway@g47': calls('search', 44, 47) }, twoApart));
    expect(verdict.violations).toEqual([]);
    expect(ids(verdict.exceptions)).toEqual(['declared-exception:peer-skew:eu-west:gateway>search:47-45']);
    const [e] = verdict.exceptions;
    expect(e?.gap).toBe(2);
    expect(e?.instances).toBe(5);
    expect(e?.declarations.map((d) => d.text)).toEqual(['gateway g47 in eu-west declares search trains 2026.44–2026.47']);
    expect(e?.sentence).toContain('beyond the default ±1 but allowed by the declared range');
  });

  it('broken: a live pair outside a declared range beyond ±1 is a violation naming the declaration', () => {
    const verdict = check(peerSpec({ 'gateway@g47': calls('search', 46, 47) }, twoApart));
    expect(ids(verdict.violations)).toEqual(['peer-skew:eu-west:gateway>search:47-45']);
    expect(verdict.violations[0]?.sentence).toContain('outside the declared range: gateway g47 in eu-west declares search trains 2026.46–2026.47');
  });

  it('both ends declare: both ranges must hold', () => {
    const both = (calleeRange: [number, number]) =>
      check(peerSpec({ 'gateway@g47': calls('search', 44, 47), 'search@s45': { callers: [{ component: 'gateway', trains: range(...calleeRange) }] } }, twoApart));
    expect(both([45, 47]).violations).toEqual([]);
    expect(both([45, 47]).exceptions[0]?.declarations.map((d) => d.about)).toEqual(['callee', 'caller']);
    const refused = both([44, 46]);
    expect(ids(refused.violations)).toEqual(['peer-skew:eu-west:gateway>search:47-45']);
    expect(refused.violations[0]?.declarations?.map((d) => [d.component, d.about, d.subject])).toEqual([['search', 'caller', 'gateway']]);
    // The callee's range alone applies too: the caller declares nothing, so ±1 does not stand in for it.
    const calleeOnly = check(peerSpec({ 'search@s45': { callers: [{ component: 'gateway', trains: range(44, 47) }] } }, twoApart));
    expect(calleeOnly.violations).toEqual([]);
    expect(ids(calleeOnly.exceptions)).toHaveLength(1);
  });

  it('two builds of one train are judged apart: only the one without a range violates', () => {
    const verdict = check(peerSpec({ 'gateway@g47-r2': calls('search', 44, 47) }, [['gateway', 'g47', 1], ['gateway', 'g47-r2', 4], ['search', 's45', 3]]));
    const [v] = verdict.violations;
    expect(v?.versions.map((x) => [x.component, x.version, x.instances])).toEqual([['gateway', 'g47', 1], ['search', 's45', 3]]);
    expect(v?.declarations).toBeUndefined();
    expect(verdict.exceptions[0]?.versions.map((x) => [x.component, x.version, x.instances])).toEqual([['gateway', 'g47-r2', 4], ['search', 's45', 3]]);
  });

  it('marks the matrix cells of a declared exception, and a violation outranks it', () => {
    const view = indexFleet([fleetState(peerSpec({ 'gateway@g47': calls('search', 44, 47) }, twoApart))], { now: NOW });
    expect(view.cellStatus('eu-west', 'gateway')).toMatchObject({ status: 'exception', violationIds: [], exceptionIds: ['declared-exception:peer-skew:eu-west:gateway>search:47-45'] });
    expect(view.cellStatus('eu-west', 'search').status).toBe('exception');
    const mixed = indexFleet([fleetState(peerSpec({ 'gateway@g47-r2': calls('search', 44, 47) }, [['gateway', 'g47', 1], ['gateway', 'g47-r2', 4], ['search', 's45', 3]]))], { now: NOW });
    expect(mixed.cellStatus('eu-west', 'gateway')).toMatchObject({ status: 'violation', exceptionIds: ['declared-exception:peer-skew:eu-west:gateway>search:47-45'] });
  });
});

describe('declared ranges: schema skew', () => {
  const spec = (declare: FleetSpec['declare'], schemaTrain: number): FleetSpec => ({
    region: 'us-east',
    versions,
    groups: [{ id: 'catalog-db', usedBy: ['search'] }],
    databases: [['catalog-db', schemaTrain, 4]],
    instances: [['search', 's46', 2]],
    declare,
  });
  const group = (min: number, max: number): Compatibility => ({ databaseGroups: [{ group: 'catalog-db', trains: range(min, max) }] });

  it('absent, narrower, wider and broken', () => {
    expect(ids(check(spec(undefined, 44)).violations)).toEqual(['schema-skew:us-east:catalog-db>search:46-44']);
    const narrower = check(spec({ 'search@s46': group(46, 47) }, 45));
    expect(ids(narrower.violations)).toEqual(['schema-skew:us-east:catalog-db>search:46-45']);
    expect(narrower.violations[0]?.declarations?.[0]).toMatchObject({ about: 'database-group', subject: 'catalog-db', min: 46, max: 47 });
    const wider = check(spec({ 'search@s46': group(44, 47) }, 44));
    expect(wider.violations).toEqual([]);
    expect(ids(wider.exceptions)).toEqual(['declared-exception:schema-skew:us-east:catalog-db>search:46-44']);
    expect(wider.exceptions[0]?.sentence).toContain('search s46 in us-east declares catalog-db schemas at trains 2026.44–2026.47');
    const broken = check(spec({ 'search@s46': group(45, 47) }, 44));
    expect(broken.violations[0]?.sentence).toContain('outside the declared range');
    expect(broken.exceptions).toEqual([]);
  });
});

describe('declared ranges: validation', () => {
  it('zod refuses an empty range and a callee declared twice, naming the field', () => {
    const base = fleetState(peerSpec(undefined, []));
    const bad = structuredClone(base) as unknown as { componentVersions: Record<string, unknown>[] };
    (bad.componentVersions[0] as Record<string, unknown>).compatibility = {
      callees: [{ component: 'search', trains: { min: 47, max: 45 } }, { component: 'search', trains: { min: 45, max: 47 } }],
    };
    const result = FleetState.safeParse(bad);
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual([
      ['componentVersions.0.compatibility.callees.0.trains.min', 'min is greater than max: the range is empty'],
      ['componentVersions.0.compatibility.callees.1.component', 'callee "search" is declared twice (also at [0])'],
    ]);
  });

  it('an unknown callee or group, or one the version does not use, is an input error of the region', () => {
    const verdict = check({
      ...peerSpec({ 'gateway@g47': { callees: [{ component: 'ghost', trains: range(1, 2) }, { component: 'gateway', trains: range(1, 2) }], databaseGroups: [{ group: 'nope', trains: range(1, 2) }, { group: 'search-db', trains: range(1, 2) }] } }, []),
      groups: [{ id: 'search-db', usedBy: ['search'] }],
    });
    expect(verdict.ok).toBe(false);
    expect(verdict.excludedRegions).toEqual(['eu-west']);
    expect(verdict.errors.map((e) => [e.field, e.message])).toEqual([
      ['componentVersions[3].compatibility.callees[0].component', 'declared callee "ghost" is not in components'],
      ['componentVersions[3].compatibility.callees[1].component', 'declared callee "gateway": no dependency gateway → gateway in this region'],
      ['componentVersions[3].compatibility.databaseGroups[0].group', 'declared database group "nope" is not in databaseGroups'],
      ['componentVersions[3].compatibility.databaseGroups[1].group', 'declared database group "search-db" does not list gateway in usedBy'],
    ]);
  });
});

describe('declared ranges: incremental evaluator', () => {
  it('follows a declaration added, widened and removed by componentVersion.upsert', () => {
    const initial = fleetState(peerSpec(undefined, [['gateway', 'g47', 2], ['search', 's45', 3]]));
    const live = createIncrementalEvaluator([initial], NOW);
    expect(ids(live.verdict().violations)).toEqual(['peer-skew:eu-west:gateway>search:47-45']);
    const upsert = (compatibility: Compatibility | undefined, revision: number) =>
      live.apply('eu-west', { revision, type: 'componentVersion.upsert', componentVersion: compatibility ? { component: 'gateway', version: 'g47', train: 47, compatibility } : { component: 'gateway', version: 'g47', train: 47 } }, LATER);
    upsert(calls('search', 45, 47), 1);
    let verdict = live.verdict();
    expect(verdict.violations).toEqual([]);
    expect(ids(verdict.exceptions)).toEqual(['declared-exception:peer-skew:eu-west:gateway>search:47-45']);
    expect(verdict).toEqual(evaluate(live.states(), { now: LATER }));
    upsert(calls('search', 46, 47), 2);
    verdict = live.verdict();
    expect(verdict.violations[0]?.declarations?.[0]?.min).toBe(46);
    // It was gone while the wider range held, so it is new again.
    expect(verdict.violations[0]?.firstSeen).toBe(LATER);
    expect(verdict).toEqual(evaluate(live.states(), { now: LATER }));
    upsert(undefined, 3);
    verdict = live.verdict();
    expect(verdict.exceptions).toEqual([]);
    expect(verdict.violations[0]?.declarations).toBeUndefined();
  });

  it('keeps a declared exception current as instances come and go', () => {
    const live = createIncrementalEvaluator([fleetState(peerSpec({ 'gateway@g47': calls('search', 45, 47) }, [['gateway', 'g47', 2], ['search', 's46', 3]]))], NOW);
    expect(live.verdict().exceptions).toEqual([]);
    live.apply('eu-west', { revision: 1, type: 'instance.upsert', instance: { id: 'late', host: 'h', component: 'search', version: 's45', state: 'running', startedAt: NOW, activeUsers: 1 } }, LATER);
    expect(ids(live.verdict().exceptions)).toEqual(['declared-exception:peer-skew:eu-west:gateway>search:47-45']);
    live.apply('eu-west', { revision: 2, type: 'instance.upsert', instance: { id: 'later', host: 'h', component: 'search', version: 's44', state: 'running', startedAt: NOW, activeUsers: 1 } }, LATER);
    const verdict = live.verdict();
    expect(ids(verdict.violations)).toEqual(['peer-skew:eu-west:gateway>search:47-44']);
    expect(verdict).toEqual(evaluate(live.states(), { now: LATER, previous: [] }));
    live.apply('eu-west', { revision: 3, type: 'instance.remove', id: 'late' }, LATER);
    expect(live.verdict().exceptions).toEqual([]);
  });
});

describe('declared ranges: what-if', () => {
  const region = 'eu-west';
  it('a rollback beyond ±1 but inside the caller’s range introduces a declared exception, not a violation', () => {
    const state = fleetState(peerSpec({ 'gateway@g47': calls('search', 44, 47) }, [['gateway', 'g47', 2], ['search', 's47', 3]]));
    const result = whatIf([state], { region, action: { type: 'component.rollback', component: 'search', toTrain: 45 } }, { now: NOW });
    expect(result.introduced).toEqual([]);
    expect(ids(result.exceptionsIntroduced)).toEqual(['declared-exception:peer-skew:eu-west:gateway>search:47-45']);
    const beyond = whatIf([state], { region, action: { type: 'component.rollback', component: 'search', toTrain: 44 } }, { now: NOW });
    expect(ids(beyond.introduced)).toEqual([]);
    const absent = whatIf([fleetState(peerSpec(undefined, [['gateway', 'g47', 2], ['search', 's47', 3]]))], { region, action: { type: 'component.rollback', component: 'search', toTrain: 45 } }, { now: NOW });
    expect(ids(absent.introduced)).toEqual(['peer-skew:eu-west:gateway>search:47-45']);
    expect(absent.exceptionsIntroduced).toEqual([]);
  });

  it('a rollout into a train outside a narrower range introduces a violation naming it', () => {
    const state = fleetState({
      ...peerSpec({ 'gateway@g46': calls('search', 46, 46) }, [['gateway', 'g46', 2], ['search', 's46', 3]]),
      rollouts: [{ id: 'r1', component: 'search', from: 's46', to: 's47' }],
    });
    const result = whatIf([state], { region, action: { type: 'rollout.resume', rolloutId: 'r1' } }, { now: NOW });
    expect(ids(result.introduced)).toEqual(['peer-skew:eu-west:gateway>search:46-47']);
    expect(result.introduced[0]?.declarations?.[0]?.text).toBe('gateway g46 in eu-west declares search train 2026.46');
  });
});

describe('declared ranges: causes and plans', () => {
  it('a cause judged against a declared range names it, and the plan still resolves or explains every violation', () => {
    const state = fleetState({
      ...peerSpec({ 'gateway@g46': calls('search', 46, 47) }, [['gateway', 'g46', 2], ['search', 's45', 3]]),
      rollouts: [{ id: 'r1', component: 'search', from: 's45', to: 's46' }],
    });
    const view = indexFleet([state], { now: NOW });
    const causes = findCauses(view.verdict().violations);
    expect(causes.causes.length).toBeGreaterThan(0);
    for (const cause of causes.causes) expect(cause.sentence).toContain('Judged against the declared range: gateway g46 in eu-west declares search trains 2026.46–2026.47.');
    const plan = planRemediation(view, [state]);
    const handled = new Set([...plan.steps.flatMap((s) => s.resolved), ...plan.unfixable.map((u) => u.violationId)]);
    expect(handled).toEqual(new Set(['peer-skew:eu-west:gateway>search:46-45']));
    // Replayed through what-if, the steps leave no violation the declaration forbids.
    let after = view;
    for (const step of plan.steps) {
      const next = after.after(step.draft);
      if (!next.ok) throw new Error('a plan step did not apply');
      after = next.view;
    }
    if (plan.steps.length > 0) expect(after.verdict().violations).toEqual([]);
  });
});

describe('declared ranges: recorded verdicts', () => {
  it('a verdict recorded before declared ranges existed (no exceptions field) still parses, with none', () => {
    const { exceptions: _none, ...old } = check(peerSpec(undefined, [['gateway', 'g47', 2], ['search', 's45', 3]]));
    const parsed = VerdictSchema.parse(JSON.parse(JSON.stringify(old)));
    expect(parsed.exceptions).toEqual([]);
    expect(parsed.violations.map((v) => v.id)).toEqual(['peer-skew:eu-west:gateway>search:47-45']);
  });
});
