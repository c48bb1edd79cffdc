import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { calls, type CallInput, type CallName, type Handlers } from '../../../shared/contract/index.ts';
import { bootConsole, type BootedConsole } from '../../../electron/core/boot.ts';
import { verifySnapshot } from '../../../electron/snapshots/index.ts';
import { coreOnDemo, type CoreFixture } from '../../support/console-core.ts';
import { startDemoFleet, waitFor } from '../../support/demo-fleet.ts';
import { tempDir } from '../../support/temp-dir.ts';

/**
 * Round trip: a snapshot taken from a real core on the demo fleet, opened by a read-only core with
 * the demo fleet stopped, answers the fleet, compat, toggle, telemetry and alert calls exactly as
 * the live core did at T. The demo fleet's clock and the core's are frozen at T so that live
 * stays put while both are asked.
 */
const T = Math.floor(Date.now() / 60_000) * 60_000;
const REGIONS = ['us-east', 'eu-west'];
/** Alerts whose evidence carries the baseline version's points too. */
const BASELINE_RULES: ReadonlySet<string> = new Set(['canary-fail', 'error-vs-baseline']);

type Demo = Awaited<ReturnType<typeof startDemoFleet>>;
let demo: Demo | null = null;
let live: CoreFixture;
let dir: Awaited<ReturnType<typeof tempDir>>;
let file: string;

/** A call as a transport makes it: input parsed by the contract (defaults applied), output validated. */
async function ask<N extends CallName>(h: Handlers, name: N, input: CallInput<N>): Promise<unknown> {
  const handler = h[name] as (args: unknown) => Promise<unknown>;
  return calls[name].output.parse(await handler(calls[name].input.parse(input)));
}

async function answers(h: Handlers, components: readonly string[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {
    'regions.list': await ask(h, 'regions.list', {}),
    'fleet.summary': await ask(h, 'fleet.summary', {}),
    'fleet.components': await ask(h, 'fleet.components', {}),
    'compat.verdict': await ask(h, 'compat.verdict', {}),
    'compat.matrix': await ask(h, 'compat.matrix', {}),
    'toggles.list': await ask(h, 'toggles.list', {}),
    'telemetry.signals 15m': await ask(h, 'telemetry.signals', { range: '15m' }),
    'telemetry.signals 1h': await ask(h, 'telemetry.signals', { range: '1h' }),
    'telemetry.judgements': await ask(h, 'telemetry.judgements', {}),
    'alerts.list all': await ask(h, 'alerts.list', { state: 'all', limit: 1_000 }),
    'alerts.list open': await ask(h, 'alerts.list', { state: 'open', limit: 5 }),
  };
  for (const component of components) out[`compat.component ${component}`] = await ask(h, 'compat.component', { component });
  // The charts a person can open: a component that runs in the region.
  for (const cell of (out['compat.matrix'] as { cells: { region: string; component: string; live: number }[] }).cells) {
    if (cell.live > 0) out[`telemetry.chart ${cell.region} ${cell.component}`] = await ask(h, 'telemetry.chart', { region: cell.region, component: cell.component, range: '1h', widthPx: 800 });
  }
  return out;
}

type Status = { id: string; lastGoodAt: string | null };
type Detail = { history: unknown[] };

/**
 * The answers without what keeps moving in a live console even with its clock frozen: a region's
 * lastGoodAt (every heartbeat) and the version-mix history (a sample every 5 s). Those are checked
 * apart: the snapshot's lie between what live said just before and just after it was taken.
 */
function settled(all: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) {
    if (key === 'regions.list') out[key] = (value as Status[]).map((s) => ({ ...s, lastGoodAt: 'moving' }));
    else if (key.startsWith('compat.component ')) out[key] = { ...(value as Detail), history: 'moving' };
    else out[key] = value;
  }
  return out;
}

function expectBetween(snapshot: Record<string, unknown>, before: Record<string, unknown>, after: Record<string, unknown>): void {
  const good = (a: Record<string, unknown>) => (a['regions.list'] as Status[]).map((s) => s.lastGoodAt ?? '');
  good(snapshot).forEach((at, i) => {
    expect(at >= (good(before)[i] ?? '')).toBe(true);
    expect(at <= (good(after)[i] ?? '')).toBe(true);
  });
  for (const key of Object.keys(snapshot).filter((k) => k.startsWith('compat.component '))) {
    const history = (snapshot[key] as Detail).history;
    expect(history.length).toBeGreaterThanOrEqual((before[key] as Detail).history.length);
    expect(history, key).toEqual((after[key] as Detail).history.slice(0, history.length));
  }
}

beforeAll(async () => {
  dir = await tempDir('snapshot-round-trip');
  file = join(dir.path, 'incident.rccsnap');
  demo = await startDemoFleet({ seed: 42, scale: 2_000, scenario: 'bad-canary', startTime: new Date(T), wallClock: () => T });
  live = await coreOnDemo(demo, REGIONS, { core: { now: () => T, alerts: { evaluateEveryMs: 1_000, judgeEveryMs: 1_000, sloEveryMs: 10_000 } } });
  // Raised, and its evidence complete: a canary judgement's baseline points come from the evaluation
  // after the baseline's telemetry arrived, and live must not move while the snapshot is taken.
  await waitFor(async () => {
    const open = (await live.core.handlers['alerts.list']({ state: 'open', limit: 200 })).alerts;
    const complete = (a: (typeof open)[number]) => a.evidence === null || (a.evidence.points.length > 0 && (!BASELINE_RULES.has(a.rule) || a.evidence.baselinePoints.length > 0));
    return open.some((a) => a.severity === 'critical') && open.every(complete);
  }, 'the bad canary raised, with its evidence');
});
afterAll(async () => {
  await live?.dispose();
  await demo?.fleet.stop();
  await dir?.remove();
});

describe('snapshot round trip: take from a live core → open read-only → the same API answers', () => {
  let before: Record<string, unknown>;
  let liveAnswers: Record<string, unknown>;
  let components: string[];
  let booted: BootedConsole | null = null;

  it('takes the snapshot through the contract (audited like a setting), and it verifies', async () => {
    components = ((await ask(live.core.handlers, 'fleet.components', {})) as { id: string }[]).map((c) => c.id);
    const progress: string[] = [];
    live.core.bus.on('snapshots.progress', (p) => progress.push(p.phase));
    before = await answers(live.core.handlers, components);
    const taken = (await ask(live.core.handlers, 'snapshots.take', { file, telemetryWindowSeconds: 3_600 })) as { file: string; bytes: number };
    liveAnswers = await answers(live.core.handlers, components);
    // Live did not move while the snapshot was taken (otherwise the comparison below proves nothing).
    expect(settled(liveAnswers)).toEqual(settled(before));
    expect(taken.file).toBe(file);
    expect(taken.bytes).toBeGreaterThan(0);
    expect(new Set(progress)).toEqual(new Set(['fleet', 'telemetry', 'audit', 'hashing', 'syncing', 'done']));
    const audited = (await ask(live.core.handlers, 'audit.query', { action: 'snapshots.take' })) as { entries: { after: unknown }[] };
    expect(audited.entries[0]?.after).toEqual({ file, telemetryWindowSeconds: 3_600 });
    const check = await verifySnapshot(file);
    expect(check.ok).toBe(true);
  });

  it('opens with the demo fleet stopped, and answers every call as live did at T', async () => {
    await live.dispose();
    await demo?.fleet.stop();
    demo = null;
    const dataDir = await tempDir('snapshot-open');
    try {
      booted = await bootConsole({ host: 'web', dataDir: dataDir.path, snapshot: file });
      expect(booted.demoFleet).toBeNull();
      const fromSnapshot = await answers(booted.core.handlers, components);
      const expected = settled(liveAnswers);
      const actual = settled(fromSnapshot);
      // Not an empty comparison: every screen had something to show.
      expect(Object.keys(expected).filter((k) => k.startsWith('telemetry.chart ')).length).toBeGreaterThan(20);
      expect((liveAnswers['telemetry.signals 1h'] as { rows: unknown[] }).rows.length).toBeGreaterThan(20);
      // The bad canary was judged on data from both sides (its verdict depends on how far the scenario has gone at T).
      const judgements = liveAnswers['telemetry.judgements'] as { component: string; signals: { canaryCount: number; baselineCount: number }[] }[];
      expect(judgements.some((j) => j.component === 'document-store' && j.signals.length > 0 && j.signals.every((s) => s.canaryCount > 10 && s.baselineCount > 10))).toBe(true);
      expect((liveAnswers['alerts.list all'] as { alerts: unknown[] }).alerts.length).toBeGreaterThan(0);
      for (const key of Object.keys(expected)) expect(actual[key], key).toEqual(expected[key]);
      expectBetween(fromSnapshot, before, liveAnswers);
      // The same screens, read-only: every action is refused, and the banner has what it needs.
      const info = (await ask(booted.core.handlers, 'snapshots.info', {})) as { file: string; manifest: { takenAt: string; regions: { id: string; stale: boolean }[] } };
      expect(info.file).toBe(file);
      expect(info.manifest.takenAt).toBe(new Date(T).toISOString());
      expect(info.manifest.regions.map((r) => r.id)).toEqual(REGIONS);
      expect(((await ask(booted.core.handlers, 'app.info', {})) as { readOnly: boolean }).readOnly).toBe(true);
      const toggles = (await ask(booted.core.handlers, 'toggles.list', {})) as { region: { id: string }; toggles: { key: string }[] }[];
      const key = toggles.find((t) => t.region.id === 'us-east')?.toggles[0]?.key ?? '';
      const preview = (await ask(booted.core.handlers, 'actions.preview', { region: 'us-east', action: { type: 'toggle.set', key, state: 'off' } })) as { unavailable: string | null };
      expect(preview.unavailable).toMatch(/read-only/);
      await expect(booted.core.handlers['alerts.acknowledge']({ id: 'x' })).rejects.toThrow(/read-only/);
      await expect(booted.core.handlers['snapshots.take']({})).rejects.toThrow(/read-only/);
      const audit = (await ask(booted.core.handlers, 'audit.query', { action: 'snapshots.take' })) as { entries: { after: unknown }[] };
      expect(audit.entries[0]?.after).toEqual({ file, telemetryWindowSeconds: 3_600 });
      expect(((await ask(booted.core.handlers, 'audit.verify', {})) as { ok: boolean }).ok).toBe(true);
    } finally {
      await booted?.dispose();
      await dataDir.remove();
    }
  });
});
