import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoFleet, waitFor } from '../../support/demo-fleet.ts';
import { coreOnDemo, type CoreFixture } from '../../support/console-core.ts';

let demo: Awaited<ReturnType<typeof startDemoFleet>>;
let fixture: CoreFixture;

beforeAll(async () => {
  demo = await startDemoFleet({ seed: 42, scale: 4_000, scenario: 'steady', timeScale: 1, changesPerSecond: 2, regions: 6 });
  fixture = await coreOnDemo(demo, demo.started.regions.map((r) => r.id), { core: { alerts: { evaluateEveryMs: 500, judgeEveryMs: 1_000, sloEveryMs: 1_000 } } });
}, 60_000);
afterAll(async () => {
  await fixture?.dispose();
  await demo?.fleet.stop();
});

describe('a steady fleet', () => {
  it('judges no canary a failure, in any region', async () => {
    const judgements = await fixture.core.handlers['telemetry.judgements']({});
    expect(judgements.length).toBeGreaterThan(3);
    for (const j of judgements) {
      expect(j.problem, `${j.region} ${j.component}`).toBeNull();
      expect(j.verdict, `${j.region} ${j.component}: ${j.signals.map((s) => s.reason).join(' ')}`).not.toBe('fail');
    }
  });

  it('raises critical alerts only where something is wrong: in the six-region fleet, only the bad canary', async () => {
    // Its own fleet, so switching the scenario cannot touch the other tests.
    const own = await startDemoFleet({ seed: 42, scale: 4_000, scenario: 'bad-canary', timeScale: 1, changesPerSecond: 2, regions: 6 });
    const core = await coreOnDemo(own, own.started.regions.map((r) => r.id), { core: { alerts: { evaluateEveryMs: 500, judgeEveryMs: 1_000, sloEveryMs: 1_000 } } });
    try {
      const list = () => core.core.handlers['alerts.list']({ state: 'all', limit: 1_000 });
      // The canary's judgement runs on the slowest clock: once it has failed, every rule has run at least once.
      await waitFor(async () => (await list()).alerts.some((a) => a.rule === 'canary-fail'), 'the canary judged fail');
      const critical = (await list()).alerts.filter((a) => a.severity === 'critical');
      expect(critical.length).toBeGreaterThan(0);
      expect(critical.filter((a) => a.region !== 'us-east' || a.component !== 'document-store').map((a) => a.title)).toEqual([]);
      // The canary's alert draws the failing signal of the canary and of its baseline.
      const canary = (await list()).alerts.find((a) => a.rule === 'canary-fail')!;
      expect(canary.evidence?.points.length).toBeGreaterThan(5);
      expect(canary.evidence?.baselinePoints.length).toBeGreaterThan(5);
    } finally {
      await core.dispose();
      await own.fleet.stop();
    }
  }, 60_000);

  it('shows every live version with its baseline in the Signals table, none of them bad', async () => {
    const { rows, problems } = await fixture.core.handlers['telemetry.signals']({ range: '1h' });
    expect(problems).toEqual([]);
    expect(new Set(rows.map((r) => r.region)).size).toBe(6);
    expect(rows.filter((r) => r.baseline !== null).length).toBeGreaterThan(10);
    const bad = rows.filter((r) => [r.error_rate, r.latency_p95, r.health].some((c) => c.status === 'bad'));
    expect(bad.map((r) => `${r.region} ${r.component} ${r.version}`)).toEqual([]);
    for (const r of rows) expect(r.sparkline.length).toBeLessThanOrEqual(24);
  });
});
