import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionDraft, CallInput, CallName, CallOutput, Envelope } from '../../../shared/contract/index.ts';
import type { ActionRequest, FleetState } from '../../../shared/protocol/index.ts';
import { dispatch } from '../../../electron/host/dispatch.ts';
import { CircuitBreaker } from '../../../electron/connector/circuit-breaker.ts';
import { coreOnDemo, type CoreFixture } from '../../support/console-core.ts';
import { startDemoFleet, waitFor } from '../../support/demo-fleet.ts';
import { tempDir } from '../../support/temp-dir.ts';

type Demo = Awaited<ReturnType<typeof startDemoFleet>>;

async function call<N extends CallName>(fixture: CoreFixture, name: N, input: CallInput<N>): Promise<Envelope<CallOutput<N>>> {
  return (await dispatch(fixture.core.handlers, name, input)) as Envelope<CallOutput<N>>;
}
async function ok<N extends CallName>(fixture: CoreFixture, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await call(fixture, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.kind}: ${result.error.message}`);
  return result.data;
}

const applied = (demo: Demo, region: string) => [...demo.fleet.appliedActions(region).values()].reduce((a, b) => a + b, 0);

/** A toggle with no minimum version that is on, so turning it off can introduce nothing. */
function killSwitch(state: FleetState): string {
  const toggle = state.toggles.find((t) => t.state === 'on' && t.minVersion === null) ?? state.toggles.find((t) => t.state === 'on');
  if (!toggle) throw new Error('no toggle is on');
  return toggle.key;
}

describe('actions: preview, policy, audit, fail closed', () => {
  let demo: Demo;
  let fixture: CoreFixture;

  beforeAll(async () => {
    demo = await startDemoFleet({ seed: 21, changesPerSecond: 5 });
    fixture = await coreOnDemo(demo, ['eu-west', 'us-east']);
  });
  afterAll(async () => {
    await fixture.dispose();
    await demo.fleet.stop();
  });

  it('the kill switch: preview shows impact, what-if and policy; the run writes intent then outcome and the fleet follows', async () => {
    const key = killSwitch(demo.fleet.fleetState('eu-west'));
    const draft: ActionDraft = { region: 'eu-west', action: { type: 'toggle.set', key, state: 'off' } };
    const preview = await ok(fixture, 'actions.preview', draft);
    expect(preview.impact).toMatchObject({ targetKind: 'toggle', target: key, before: { state: 'on' }, after: { state: 'off' } });
    expect(preview.impact.instances).toBeGreaterThan(0);
    expect(preview.policy.typedConfirmation).toBe(key); // production: type the target's name
    expect(preview.unavailable).toBeNull();

    const before = applied(demo, 'eu-west');
    const outcome = await ok(fixture, 'actions.run', { ...draft, requestId: randomUUID(), reason: 'viewer crashes for radiology users', typedConfirmation: key });
    expect(outcome.outcome).toBe('succeeded');
    expect(applied(demo, 'eu-west')).toBe(before + 1);
    expect(demo.fleet.fleetState('eu-west').toggles.find((t) => t.key === key)?.state).toBe('off');
    await waitFor(() => fixture.regions.connector('eu-west')?.fleetState()?.toggles.find((t) => t.key === key)?.state === 'off', 'the console sees the toggle off');

    const { entries } = await ok(fixture, 'audit.query', { region: 'eu-west', limit: 10, offset: 0 });
    const intent = entries.find((e) => e.seq === outcome.intentSeq)!;
    const result = entries.find((e) => e.seq === outcome.outcomeSeq)!;
    expect(intent).toMatchObject({ kind: 'intent', action: 'toggle.set', target: key, reason: 'viewer crashes for radiology users', before: { state: 'on', environment: 'production' } });
    expect(result).toMatchObject({ kind: 'outcome', intentSeq: intent.seq, outcome: 'succeeded', idempotencyKey: outcome.idempotencyKey });
    expect(result.seq).toBeGreaterThan(intent.seq);
    expect((await ok(fixture, 'audit.verify', {})).ok).toBe(true);
  });

  it('policy: typed confirmation, ticket and its pattern, cooldown, and break-glass (marked)', async () => {
    const state = demo.fleet.fleetState('us-east');
    const key = killSwitch(state);
    const draft: ActionDraft = { region: 'us-east', action: { type: 'toggle.set', key, state: 'off' } };
    const base = { ...draft, reason: 'policy test in us-east', typedConfirmation: key };
    const dialog = randomUUID(); // one confirmation dialog: refused, corrected, submitted again
    const wrongName = await call(fixture, 'actions.run', { ...base, requestId: dialog, typedConfirmation: 'something-else' });
    expect(wrongName).toMatchObject({ ok: false, error: { kind: 'invalid-input', path: ['typedConfirmation'] } });

    expect((await ok(fixture, 'actions.run', { ...base, requestId: dialog })).outcome).toBe('succeeded');
    const again = await call(fixture, 'actions.run', { ...base, action: { type: 'toggle.set', key, state: 'on' }, requestId: randomUUID() });
    expect(again).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(!again.ok && again.error.message).toMatch(/wait \d+ s more/);
    const glass = await ok(fixture, 'actions.run', { ...base, action: { type: 'toggle.set', key, state: 'on' }, requestId: randomUUID(), breakGlass: true });
    expect(glass.outcome).toBe('succeeded');
    const { entries } = await ok(fixture, 'audit.query', { region: 'us-east', limit: 20, offset: 0 });
    expect(entries.find((e) => e.seq === glass.intentSeq)).toMatchObject({ breakGlass: true, kind: 'intent' });

    // A code rollback in production needs a ticket matching the pattern.
    const component = state.rollouts[0]!.component;
    const train = Math.min(...state.componentVersions.filter((v) => v.component === component).map((v) => v.train));
    const rollback = { region: 'us-east', action: { type: 'component.rollback' as const, component, toTrain: train }, reason: 'canary fails health checks', typedConfirmation: component, override: { justification: 'policy test: the what-if is not the point here' } };
    expect(await call(fixture, 'actions.run', { ...rollback, requestId: randomUUID() })).toMatchObject({ ok: false, error: { path: ['ticket'] } });
    expect(await call(fixture, 'actions.run', { ...rollback, requestId: randomUUID(), ticket: 'no ticket' })).toMatchObject({ ok: false, error: { path: ['ticket'] } });
  });

  it('an action whose what-if introduces a violation is refused without an override, and runs with one (recorded)', async () => {
    const state = demo.fleet.fleetState('eu-west');
    let draft: ActionDraft | null = null;
    for (const group of state.databaseGroups) {
      const trains = state.databases.filter((d) => d.group === group.id).map((d) => d.schemaTrain);
      if (trains.length === 0) continue;
      const candidate: ActionDraft = { region: 'eu-west', action: { type: 'schema.rollback', databaseGroup: group.id, toTrain: Math.min(...trains) - 2 } };
      if ((await ok(fixture, 'actions.preview', candidate)).blocked) {
        draft = candidate;
        break;
      }
    }
    expect(draft).not.toBeNull();
    const preview = await ok(fixture, 'actions.preview', draft!);
    expect(preview.whatIf.introduced.length).toBeGreaterThan(0);
    const target = preview.impact.target;
    const input = { ...draft!, reason: 'roll the schema back for the incident', ticket: 'CHG-4711', typedConfirmation: target };
    const before = applied(demo, 'eu-west');
    const refused = await call(fixture, 'actions.run', { ...input, requestId: randomUUID() });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(!refused.ok && refused.error.message).toContain(preview.whatIf.introduced[0]!.sentence);
    expect(applied(demo, 'eu-west')).toBe(before);

    const run = await ok(fixture, 'actions.run', { ...input, requestId: randomUUID(), override: { justification: 'the old schema is the lesser risk tonight' } });
    expect(run.outcomeSeq).not.toBeNull();
    const { entries } = await ok(fixture, 'audit.query', { text: 'CHG-4711', limit: 10, offset: 0 });
    expect(entries.find((e) => e.seq === run.intentSeq)).toMatchObject({ override: 'the old schema is the lesser risk tonight', ticket: 'CHG-4711' });
  });

  it('a double submit of one confirmation runs once', async () => {
    const key = killSwitch(demo.fleet.fleetState('eu-west'));
    const input = { region: 'eu-west', action: { type: 'toggle.set' as const, key, state: 'off' as const }, requestId: randomUUID(), reason: 'double click test', typedConfirmation: key, breakGlass: true };
    const before = applied(demo, 'eu-west');
    const [a, b] = await Promise.all([ok(fixture, 'actions.run', input), ok(fixture, 'actions.run', input)]);
    expect(a.intentSeq).toBe(b.intentSeq);
    expect(applied(demo, 'eu-west')).toBe(before + 1);
  });

  it('fails closed: with a store that cannot be opened, or one locked by another writer, nothing reaches the endpoint', async () => {
    const dir = await tempDir('fail-closed');
    await mkdir(join(dir.path, 'audit.sqlite')); // a directory where the store should be
    const broken = await coreOnDemo(demo, ['eu-west'], { dataDir: dir.path });
    try {
      const key = killSwitch(demo.fleet.fleetState('eu-west'));
      const draft: ActionDraft = { region: 'eu-west', action: { type: 'toggle.set', key, state: 'off' } };
      expect((await ok(broken, 'actions.preview', draft)).unavailable).toMatch(/audit store cannot be written/);
      const before = applied(demo, 'eu-west');
      const refused = await call(broken, 'actions.run', { ...draft, requestId: randomUUID(), reason: 'must not be sent', typedConfirmation: key, breakGlass: true });
      expect(refused).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      expect(applied(demo, 'eu-west')).toBe(before);
    } finally {
      await broken.dispose();
      await dir.remove();
    }

    const locker = new Database(join(fixture.dataDir, 'audit.sqlite'));
    locker.exec('BEGIN IMMEDIATE');
    try {
      const key = killSwitch(demo.fleet.fleetState('eu-west'));
      const before = applied(demo, 'eu-west');
      const refused = await call(fixture, 'actions.run', { region: 'eu-west', action: { type: 'toggle.set', key, state: 'off' }, requestId: randomUUID(), reason: 'store is locked', typedConfirmation: key, breakGlass: true });
      expect(refused).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      expect(!refused.ok && refused.error.message).toMatch(/not sent/);
      expect(applied(demo, 'eu-west')).toBe(before);
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
  });
});

describe('actions: exactly once through a faulty endpoint, reconciled after a restart', () => {
  const ACTIONS = 1_000;
  const LOST = 4; // fewer than the breaker's threshold: each one is really sent
  const CONCURRENCY = 40;
  let demo: Demo;

  beforeAll(async () => {
    demo = await startDemoFleet({ seed: 31, changesPerSecond: 2 });
  });
  afterAll(() => demo.fleet.stop());

  it(`${ACTIONS} actions with dropped responses, timeouts after applying and 409s: each applied exactly once`, async () => {
    const dir = await tempDir('exactly-once');
    const policy = { default: { ticketRequired: false, ticketPattern: null, typedConfirmation: false, cooldownSeconds: 0, breakGlassAllowed: true }, rules: [] };
    // Answers arrive after the client gave up (300 ms > 250 ms), some are dropped after applying, some 503 before.
    // The breaker is not under test here (the hostile-endpoint test covers it): out of the way, so all 1,000 are really sent.
    const client = { timeoutMs: 250, writeRetries: 5, backoffBaseMs: 20, breaker: new CircuitBreaker(100_000, 1_000) };
    let fixture = await coreOnDemo(demo, ['ca-central'], { dataDir: dir.path, policy, client });
    const state = demo.fleet.fleetState('ca-central');
    const toggles = state.toggles.map((t) => t.key);
    demo.fleet.setFaults('ca-central', { actionDelayMs: 300, dropActionResponses: 0.2, errorRate: 0.05, errorStatus: 503 });
    const outcomes: string[] = [];
    try {
      let next = 0;
      const worker = async () => {
        while (next < ACTIONS) {
          const i = next++;
          const action: ActionRequest = { type: 'toggle.set', key: toggles[i % toggles.length]!, state: i % 2 === 0 ? 'off' : 'on' };
          const result = await call(fixture, 'actions.run', { region: 'ca-central', action, requestId: randomUUID(), reason: `exactly-once run ${i}`, override: { justification: 'load test of the action path' } });
          outcomes.push(result.ok ? result.data.outcome : `error: ${result.error.message}`);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      expect(outcomes.filter((o) => o.startsWith('error'))).toEqual([]);

      // And some whose answer is always lost and never retried: their outcome is unknown until reconciled.
      await fixture.dispose({ keepData: true });
      fixture = await coreOnDemo(demo, ['ca-central'], { dataDir: dir.path, policy, client: { writeRetries: 0, timeoutMs: 2_000 } });
      demo.fleet.setFaults('ca-central', { dropActionResponses: 1 }, true);
      for (let i = 0; i < LOST; i++) {
        const action: ActionRequest = { type: 'toggle.set', key: toggles[i % toggles.length]!, state: 'off' };
        const lost = await ok(fixture, 'actions.run', { region: 'ca-central', action, requestId: randomUUID(), reason: `lost answer ${i}`, override: { justification: 'load test of the action path' } });
        expect(lost, JSON.stringify(lost)).toMatchObject({ outcome: 'unknown' });
      }

      // Restart on the same store, faults gone: the unknown outcomes are reconciled, nothing is resent.
      demo.fleet.setFaults('ca-central', {}, true);
      await fixture.dispose({ keepData: true });
      fixture = await coreOnDemo(demo, ['ca-central'], { dataDir: dir.path, policy });
      const everything = async () => {
        const all: CallOutput<'audit.query'>['entries'] = [];
        for (let offset = 0; ; offset += 1_000) {
          const page = await ok(fixture, 'audit.query', { action: 'toggle.set', limit: 1_000, offset });
          all.push(...page.entries);
          if (all.length >= page.total) return all;
        }
      };
      const finalOutcomes = (entries: CallOutput<'audit.query'>['entries']) =>
        new Map(entries.filter((e) => e.kind === 'outcome' && e.outcome !== 'unknown').map((e) => [e.intentSeq!, e]));
      await waitFor(async () => {
        const entries = await everything();
        const finals = finalOutcomes(entries);
        return entries.filter((e) => e.kind === 'intent').every((e) => finals.has(e.seq));
      }, 'every intent reconciled to a final outcome', 60_000, 200);

      const entries = await everything();
      const intents = entries.filter((e) => e.kind === 'intent');
      const finals = finalOutcomes(entries);
      const counts = demo.fleet.appliedActions('ca-central');
      expect(intents).toHaveLength(ACTIONS + LOST);
      expect(Math.max(...counts.values())).toBe(1); // nothing was ever applied twice
      let succeeded = 0;
      for (const intent of intents) {
        const final = finals.get(intent.seq)!;
        const times = counts.get(final.idempotencyKey!) ?? 0;
        if (final.outcome === 'succeeded') {
          succeeded++;
          expect(times, `intent ${intent.seq}`).toBe(1);
        } else if (final.response?.includes('never received')) {
          expect(times, `intent ${intent.seq}: reconciliation must not resend`).toBe(0);
        } else {
          expect(times, `intent ${intent.seq}`).toBeLessThanOrEqual(1); // refused by the endpoint, or never sent
        }
      }
      expect(succeeded).toBeGreaterThanOrEqual(0.95 * ACTIONS);
      for (const intent of intents.filter((e) => e.reason?.startsWith('lost answer'))) expect(finals.get(intent.seq)).toMatchObject({ outcome: 'succeeded' });
      console.log(`exactly once: ${ACTIONS} actions under faults (${outcomes.filter((o) => o === 'unknown').length} unknown at first) + ${LOST} lost answers; ${succeeded} succeeded after reconciliation; no key applied twice`);
      expect((await ok(fixture, 'audit.verify', {})).ok).toBe(true);
    } finally {
      demo.fleet.setFaults('ca-central', {}, true);
      await fixture.dispose();
      await dir.remove();
    }
  }, 240_000);
});
