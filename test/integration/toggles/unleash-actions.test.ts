import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../../../shared/contract/index.ts';
import { UnleashToggleConfig } from '../../../electron/common/toggle-config.ts';
import { dispatch } from '../../../electron/host/dispatch.ts';
import { UnleashToggleSource } from '../../../electron/toggles/unleash-toggles.ts';
import { coreOnDemo, type CoreFixture } from '../../support/console-core.ts';
import { startDemoFleet, waitFor } from '../../support/demo-fleet.ts';
import { startUnleash, type UnleashServer } from '../../support/unleash.ts';

/*
 * The kill switch through the console's action path, for a region whose toggles live in a real
 * Unleash: the flag list replaces the endpoint's toggles, the action goes to Unleash (not to the
 * region's endpoint), is read back, and leaves intent and outcome in the audit store.
 */
const REGION = 'eu-west';
const FLAG = 'viewer.kill-switch';

async function ok<N extends CallName>(fixture: CoreFixture, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await dispatch(fixture.core.handlers, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.kind}: ${result.error.message}`);
  return result.data as CallOutput<N>;
}

describe('kill switch in Unleash through the action path', () => {
  let unleash: UnleashServer;
  let demo: Awaited<ReturnType<typeof startDemoFleet>>;
  let fixture: CoreFixture;

  beforeAll(async () => {
    unleash = await startUnleash();
    demo = await startDemoFleet({ seed: 41, changesPerSecond: 2 });
    await unleash.admin('POST', '/projects/default/features', { name: FLAG, description: 'Kill switch for the new viewer', type: 'kill-switch' });
    await unleash.admin('POST', `/projects/default/features/${FLAG}/environments/production/on`);
    const config = UnleashToggleConfig.parse({ source: 'unleash', url: unleash.apiUrl, project: 'default', environment: 'production' });
    const toggleSources = new Map([[REGION, new UnleashToggleSource(REGION, config, unleash.adminToken)]]);
    fixture = await coreOnDemo(demo, [REGION], { core: { toggleSources } });
  }, 180_000);
  afterAll(async () => {
    await fixture?.dispose();
    await demo?.fleet.stop();
    await unleash?.stop();
  });

  it('lists the Unleash flags as the region’s toggles, turns one off in Unleash with read-back, and audits it', async () => {
    let listed: CallOutput<'toggles.list'> = [];
    await waitFor(async () => {
      listed = await ok(fixture, 'toggles.list', {});
      return listed.find((r) => r.region.id === REGION)?.toggles.some((t) => t.key === FLAG);
    }, 'the Unleash flag among the region’s toggles', 30_000, 100);
    const toggles = listed.find((r) => r.region.id === REGION)!.toggles;
    expect(toggles.map((t) => t.key)).toEqual([FLAG]); // Unleash's list replaces the endpoint's toggles
    expect(toggles[0]).toMatchObject({ state: 'on', environment: 'production' });

    const draft = { region: REGION, action: { type: 'toggle.set' as const, key: FLAG, state: 'off' as const } };
    const preview = await ok(fixture, 'actions.preview', draft);
    expect(preview).toMatchObject({ unavailable: null, impact: { before: { state: 'on' }, after: { state: 'off' } } });
    const sentToEndpoint = [...demo.fleet.appliedActions(REGION).values()].length;
    const outcome = await ok(fixture, 'actions.run', { ...draft, requestId: randomUUID(), reason: 'new viewer corrupts overlays', typedConfirmation: FLAG });
    expect(outcome).toMatchObject({ outcome: 'succeeded' });
    expect(outcome.message).toMatch(/unleash: on → off \(read back\)/);

    const feature = await unleash.admin<{ environments: { name: string; enabled: boolean }[] }>('GET', `/projects/default/features/${FLAG}`);
    expect(feature.environments.find((e) => e.name === 'production')?.enabled).toBe(false);
    expect([...demo.fleet.appliedActions(REGION).values()].length).toBe(sentToEndpoint); // not sent to the region's endpoint

    const { entries } = await ok(fixture, 'audit.query', { text: FLAG, limit: 10, offset: 0 });
    expect(entries.map((e) => e.kind).sort()).toEqual(['intent', 'outcome']);
    expect(entries.find((e) => e.kind === 'outcome')).toMatchObject({ intentSeq: outcome.intentSeq, outcome: 'succeeded' });
    await waitFor(() => fixture.regions.connector(REGION)?.fleetState()?.toggles.find((t) => t.key === FLAG)?.state === 'off', 'the console shows the flag off');

    // The flag's history: Unleash's own event log next to the console's audit entries.
    const history = await ok(fixture, 'toggles.history', { region: REGION, key: FLAG, limit: 20 });
    expect(history.problem).toBeNull();
    expect(history.entries.filter((e) => e.origin === 'console').map((e) => e.summary.split(':')[0])).toEqual([`outcome #${outcome.outcomeSeq}`, `intent #${outcome.intentSeq}`]);
    const fromUnleash = history.entries.filter((e) => e.origin === 'source');
    expect(fromUnleash.length).toBeGreaterThanOrEqual(2); // created, enabled, disabled…
    expect(fromUnleash.some((e) => /disabled/i.test(e.summary))).toBe(true);
    expect((await ok(fixture, 'toggles.list', {})).find((r) => r.region.id === REGION)).toMatchObject({ source: 'unleash', problem: null });
  });
});
