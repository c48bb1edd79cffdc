import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, type CallInput, type CallName, type CallOutput, type Handlers } from '../../../shared/contract/index.ts';
import type { BoardReport } from '../../../shared/report/index.ts';
import { bootConsole, type BootedConsole } from '../../../electron/core/boot.ts';
import { coreOnDemo, type CoreFixture } from '../../support/console-core.ts';
import { startDemoFleet, waitFor } from '../../support/demo-fleet.ts';
import { tempDir } from '../../support/temp-dir.ts';

/**
 * The board report read from a snapshot equals the live report at T: the live core's and the demo
 * fleet's clocks are frozen at T (as in the round trip), an action is audited first so the report
 * lists one, and the snapshot is taken right after the live report was built.
 */
const T = Math.floor(Date.now() / 60_000) * 60_000;
const REGIONS = ['us-east', 'eu-west'];

type Demo = Awaited<ReturnType<typeof startDemoFleet>>;
let demo: Demo | null = null;
let live: CoreFixture | null = null;
let dir: Awaited<ReturnType<typeof tempDir>>;

async function ask<N extends CallName>(h: Handlers, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const handler = h[name] as (args: unknown) => Promise<unknown>;
  return calls[name].output.parse(await handler(calls[name].input.parse(input))) as CallOutput<N>;
}

beforeAll(async () => {
  dir = await tempDir('report-snapshot');
  demo = await startDemoFleet({ seed: 7, scale: 2_000, scenario: 'skew-violation', startTime: new Date(T), wallClock: () => T });
  live = await coreOnDemo(demo, REGIONS, { core: { now: () => T, alerts: { evaluateEveryMs: 1_000, judgeEveryMs: 1_000, sloEveryMs: 10_000 } } });
});
afterAll(async () => {
  await live?.dispose();
  await demo?.fleet.stop();
  await dir?.remove();
});

describe('board report from a snapshot', () => {
  it('equals the live report at T, the violation episodes and the audited action included', async () => {
    const h = live!.core.handlers;
    // A violation to attribute, recorded as an episode by the compat service's settled verdicts.
    let verdict: CallOutput<'compat.verdict'> | null = null;
    await waitFor(async () => {
      verdict = await ask(h, 'compat.verdict', {});
      return verdict.violations.length > 0;
    }, 'a violation');
    const train = Math.max(...verdict!.violations[0]!.trains);
    await waitFor(async () => (await ask(h, 'report.train', { train })).skew.episodes.length > 0, 'the episode recorded');

    const candidates = live!.regions.fleetStates().flatMap((state) =>
      state.rollouts.filter((r) => r.state === 'progressing' && state.componentVersions.some((cv) => cv.train === train && cv.component === r.component && cv.version === r.toVersion)).map((r) => ({ state, rollout: r })),
    );
    expect(candidates.length).toBeGreaterThan(0);
    const { state, rollout } = candidates[0]!;
    const draft = { region: state.region.id, action: { type: 'rollout.pause' as const, rolloutId: rollout.id } };
    const preview = await ask(h, 'actions.preview', draft);
    await ask(h, 'actions.run', {
      ...draft,
      requestId: randomUUID(),
      reason: 'Board review: pause while the skew is looked at',
      ...(preview.policy.ticketRequired ? { ticket: 'CHG-7' } : {}),
      ...(preview.policy.typedConfirmation ? { typedConfirmation: preview.policy.typedConfirmation } : {}),
      ...(preview.blocked ? { override: { justification: 'The board asked for the pause during its review.' } } : {}),
    });

    // The pause reaches the console through the region's change stream: the live report waits for it.
    await waitFor(
      () => live!.regions.fleetStates().find((s) => s.region.id === state.region.id)?.rollouts.find((r) => r.id === rollout.id)?.state === 'paused',
      'the paused rollout seen by the console',
    );
    const liveReport: BoardReport = await ask(h, 'report.train', { train });
    const file = join(dir.path, 'board.rccsnap');
    await ask(h, 'snapshots.take', { file, telemetryWindowSeconds: 3_600 });
    const liveChain = new Map((await ask(h, 'audit.query', { limit: 50 })).entries.map((e) => [e.seq, e.hash]));
    expect(liveReport.skew.episodes.length).toBeGreaterThan(0);
    expect(liveReport.signals.length).toBeGreaterThan(0);
    expect(liveReport.stages.length).toBeGreaterThan(0);
    expect(liveReport.actions.map((a) => a.reason)).toContain('Board review: pause while the skew is looked at');

    await live!.dispose();
    live = null;
    await demo?.fleet.stop();
    demo = null;
    const dataDir = await tempDir('report-snapshot-open');
    let booted: BootedConsole | null = null;
    try {
      booted = await bootConsole({ host: 'web', dataDir: dataDir.path, snapshot: file });
      const fromSnapshot: BoardReport = await ask(booted.core.handlers, 'report.train', { train });
      // What differs, by design: where it was read from; since when episodes were on record (the
      // live console's own start; a snapshot knows only the episodes it holds); and the chain head,
      // which in the snapshot includes the audited snapshots.take entry itself.
      expect(fromSnapshot.source).toEqual({ kind: 'snapshot', file, staleRegions: liveReport.source.staleRegions });
      expect(fromSnapshot.skew.recordedSince).toBe(fromSnapshot.skew.episodes.map((e) => e.firstSeen).sort()[0]);
      const comparable = (r: BoardReport) => ({ ...r, source: null, skew: { ...r.skew, recordedSince: null }, chain: null });
      expect(comparable(fromSnapshot)).toEqual(comparable(liveReport));
      const head = fromSnapshot.chain.head!;
      expect(head.seq).toBe(liveReport.chain.head!.seq + 1);
      expect(head.hash).toBe(liveChain.get(head.seq));
      expect(fromSnapshot.chain.checkpoint).toMatchObject({ seq: head.seq, hash: head.hash });
      expect(fromSnapshot.chain.publicKeyFingerprint).toBe(liveReport.chain.publicKeyFingerprint);
    } finally {
      await booted?.dispose();
      await dataDir.remove();
    }
  }, 120_000);
});
