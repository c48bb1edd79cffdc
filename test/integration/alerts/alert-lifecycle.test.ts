import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, EventPayload } from '../../../shared/contract/index.ts';
import { startDemoFleet, waitFor } from '../../support/demo-fleet.ts';
import { coreOnDemo, type CoreFixture } from '../../support/console-core.ts';

type Demo = Awaited<ReturnType<typeof startDemoFleet>>;
let demo: Demo;

beforeAll(async () => {
  demo = await startDemoFleet({ seed: 42, scale: 3_000, scenario: 'bad-canary', timeScale: 1, changesPerSecond: 2 });
});
afterAll(async () => {
  await demo?.fleet.stop();
});

const FAST = { evaluateEveryMs: 300, judgeEveryMs: 1_000, sloEveryMs: 5_000 };

function isCanaryAlert(a: Alert): boolean {
  return a.rule === 'error-vs-baseline' && a.region === 'us-east' && a.component === 'document-store';
}

describe('alerts from the bad canary, through the contract', () => {
  it('raises, acknowledges (audited), resolves when the canary is gone, and keeps history across a restart', async () => {
    let fixture: CoreFixture | null = await coreOnDemo(demo, ['us-east', 'eu-west'], { core: { alerts: FAST } });
    const dataDir = fixture.dataDir;
    const events: EventPayload<'alerts.changed'>[] = [];
    fixture.core.bus.on('alerts.changed', (p) => events.push(p));
    const h = fixture.core.handlers;
    try {
      const raised = await waitFor(async () => (await h['alerts.list']({ state: 'open', limit: 200 })).alerts.find(isCanaryAlert), 'the bad-canary alert');
      const canary = demo.fleet.fleetState('us-east').rollouts.find((r) => r.component === 'document-store' && r.state !== 'completed');
      expect(raised.version).toBe(canary?.toVersion);
      expect(raised.severity).toBe('critical');
      expect(raised.evidence?.value).toBeGreaterThan(raised.evidence?.threshold ?? Infinity);
      expect(raised.evidence?.points.length).toBeGreaterThan(0);
      expect(raised.evidence?.baselinePoints.length).toBeGreaterThan(0);
      // First rung of the ladder: the toggle that gates document-store's previous train, with a clean what-if.
      expect(raised.suggestion?.step).toBe('toggle-off');
      expect(raised.suggestion?.action).toEqual({ region: 'us-east', action: { type: 'toggle.set', key: 'documents.streamed-upload', state: 'off' } });
      expect(raised.suggestion?.whatIf?.introduced).toEqual([]);
      expect(events.some((e) => e.changed.some((a) => a.id === raised.id) && e.counts.critical > 0)).toBe(true);
      // Nothing fires in a healthy region.
      expect((await h['alerts.list']({ state: 'open', limit: 200 })).alerts.filter((a) => a.region === 'eu-west' && a.severity === 'critical')).toEqual([]);

      const acked = await h['alerts.acknowledge']({ id: raised.id, note: 'looking at it' });
      expect(acked.state).toBe('acknowledged');
      expect(acked.acknowledged?.note).toBe('looking at it');
      const audit = await h['audit.query']({ action: 'alerts.acknowledge', limit: 10, offset: 0 });
      expect(audit.entries[0]?.after).toMatchObject({ id: raised.id });
      // Still open while the condition holds: acknowledging silences, it does not resolve.
      await waitFor(async () => (await h['alerts.list']({ state: 'acknowledged', limit: 200 })).alerts.find((a) => a.id === raised.id && a.lastSeen > acked.lastSeen), 'the acknowledged alert seen again');

      await fixture.dispose({ keepData: true });
      fixture = await coreOnDemo(demo, ['us-east', 'eu-west'], { dataDir, core: { alerts: FAST } });
      const h2 = fixture.core.handlers;
      const restored = (await h2['alerts.list']({ state: 'open', limit: 200 })).alerts.find((a) => a.id === raised.id);
      expect(restored?.state).toBe('acknowledged');

      demo.fleet.setScenario('steady');
      const resolved = await waitFor(async () => (await h2['alerts.list']({ state: 'resolved', limit: 200 })).alerts.find((a) => a.id === raised.id), 'the alert resolved', 30_000);
      expect(resolved.resolvedAt).not.toBeNull();
      await waitFor(async () => (await h2['alerts.list']({ state: 'open', limit: 200 })).counts.critical === 0, 'no critical alert open in steady', 60_000).catch(async (e) => { console.log(JSON.stringify((await h2['alerts.list']({ state: 'open', limit: 200 })).alerts.map((a) => [a.rule, a.title, a.severity]))); throw e; });
    } finally {
      demo.fleet.setScenario('bad-canary');
      await fixture?.dispose();
    }
  }, 90_000);

  it('judges the held canary fail against its baseline, with the signals that decided it', async () => {
    const fixture = await coreOnDemo(demo, ['us-east'], { core: { alerts: FAST } });
    try {
      // The canary worsens as the scenario runs: its judgement turns fail once the window holds enough of it.
      const judged = () => fixture.core.handlers['telemetry.judgements']({ region: 'us-east', component: 'document-store' }).then((all) => all.find((x) => x.component === 'document-store'));
      const j = await waitFor(async () => {
        const found = await judged();
        return found?.verdict === 'fail' ? found : null;
      }, 'the canary judged fail', 45_000, 500).catch(async (e) => {
        console.log(JSON.stringify(await judged()));
        throw e;
      });
      expect(j?.problem).toBeNull();
      expect(j?.verdict).toBe('fail');
      const errors = j?.signals.find((s) => s.signal === 'error_rate');
      expect(errors?.verdict).toBe('fail');
      expect(errors?.pValue).toBeLessThan(0.01);
      expect(errors?.canaryMedian).toBeGreaterThan(errors?.baselineMedian ?? Infinity);
    } finally {
      await fixture.dispose();
    }
  }, 60_000);
});
