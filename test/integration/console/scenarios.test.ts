import { afterEach, describe, expect, it } from 'vitest';
import type { RegionStatus } from '../../../shared/contract/index.ts';
import { bootConsole, type BootedConsole } from '../../../electron/core/boot.ts';
import { dispatch } from '../../../electron/host/dispatch.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { waitFor } from '../../support/demo-fleet.ts';

/** Every demo-fleet scenario through the whole console core: the right region state, and calls still answer. */
describe('console core on each demo scenario', { timeout: 120_000 }, () => {
  let booted: BootedConsole | null = null;
  let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
  afterEach(async () => {
    await booted?.dispose();
    await dir?.remove();
    booted = null;
  });

  async function boot(scenario: string): Promise<BootedConsole> {
    dir = await tempDir('scenario');
    booted = await bootConsole({ host: 'web', dataDir: dir.path, regionsFile: `${dir.path}/regions.json`, demo: { scenario } });
    return booted;
  }
  const status = (b: BootedConsole, id: string): RegionStatus => b.regions.list().find((r) => r.id === id)!;
  const call = async (b: BootedConsole, name: string) => {
    const result = await dispatch(b.core.handlers, name, {});
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  };
  // Generous: four regions and their demo endpoints boot on a 2-core machine busy with other test files.
  const WAIT_MS = 45_000;
  const allConnected = (b: BootedConsole) => waitFor(() => b.regions.list().every((r) => r.state === 'connected'), 'every region connected', WAIT_MS);

  it('steady: four connected regions and no violations', async () => {
    const b = await boot('steady');
    await allConnected(b);
    expect(await call(b, 'compat.verdict')).toMatchObject({ ok: true, violations: [] });
  });

  it.each([
    ['skew-violation', 'peer-skew', 'eu-west'],
    ['schema-ahead', 'schema-skew', 'ca-central'],
  ])('%s: the verdict names %s in %s', async (scenario, rule, region) => {
    const b = await boot(scenario);
    await allConnected(b);
    const verdict = (await call(b, 'compat.verdict')) as { violations: { rule: string; regions: string[] }[] };
    expect(verdict.violations.length).toBeGreaterThan(0);
    expect(verdict.violations.every((v) => v.rule === rule && v.regions.includes(region))).toBe(true);
  });

  it('bad-canary: the canary version errors more than its baseline in telemetry', async () => {
    const b = await boot('bad-canary');
    await allConnected(b);
    const connector = b.regions.connector('us-east')!;
    const canary = connector.fleetState()!.rollouts.find((r) => r.component === 'document-store' && r.state !== 'completed')!;
    const to = new Date();
    const telemetry = await connector.client.telemetry({ component: 'document-store', signal: 'error_rate', from: new Date(to.getTime() - 1_800_000).toISOString(), to: to.toISOString(), stepSeconds: 60 });
    const mean = (version: string) => {
      const points = telemetry.series.find((s) => s.version === version)!.points;
      return points.reduce((sum, [, v]) => sum + v, 0) / points.length;
    };
    expect(mean(canary.toVersion)).toBeGreaterThan(2 * mean(canary.fromVersion));
  });

  it('region-outage: ap-southeast unreachable, the others connected', async () => {
    const b = await boot('region-outage');
    await waitFor(() => status(b, 'ap-southeast').state === 'unreachable', 'unreachable', WAIT_MS);
    await waitFor(() => ['us-east', 'eu-west', 'ca-central'].every((id) => status(b, id).state === 'connected'), 'others connected', WAIT_MS);
    expect(status(b, 'ap-southeast').lastError?.message).toMatch(/^ap-southeast /);
  });

  it('slow-endpoint: eu-west degraded as slow while the console keeps answering', async () => {
    const b = await boot('slow-endpoint');
    await waitFor(() => ['us-east', 'ca-central', 'ap-southeast'].every((id) => status(b, id).state === 'connected'), 'fast regions connected', WAIT_MS);
    // The core answers while eu-west is still waiting on its first response.
    expect(status(b, 'eu-west').state).toBe('connecting');
    expect((await call(b, 'fleet.summary')) as unknown[]).toHaveLength(3);
    await waitFor(() => status(b, 'eu-west').state === 'degraded', 'eu-west degraded', WAIT_MS);
    expect(status(b, 'eu-west').lastError?.message).toMatch(/slow endpoint: answered in [6-9]\.\d s/);
  });

  it('malformed: ca-central degraded with the region, endpoint and field; the rest evaluated', async () => {
    const b = await boot('malformed');
    await waitFor(() => status(b, 'ca-central').lastError, 'an error', WAIT_MS);
    const error = status(b, 'ca-central').lastError!;
    expect(error.message).toMatch(/^ca-central GET \/v1\/fleet: \S+: /);
    expect(error.path?.length).toBeGreaterThan(0);
    expect(status(b, 'ca-central').state).toBe('degraded');
    await waitFor(() => ['us-east', 'eu-west', 'ap-southeast'].every((id) => status(b, id).state === 'connected'), 'others connected', WAIT_MS);
    expect(((await call(b, 'compat.verdict')) as { regions: string[] }).regions.sort()).toEqual(['ap-southeast', 'eu-west', 'us-east']);
  });

  it('flapping: ap-southeast goes unreachable and comes back', async () => {
    const b = await boot('flapping');
    await waitFor(() => status(b, 'ap-southeast').state === 'unreachable', 'down', WAIT_MS);
    await waitFor(() => status(b, 'ap-southeast').state === 'connected', 'up again', WAIT_MS);
  });
});
