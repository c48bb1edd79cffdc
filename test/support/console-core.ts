import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConnectorRegionsService } from '../../electron/connector/regions-service.ts';
import { EnvOrFileTokenStore } from '../../electron/connector/token-store.ts';
import { createCore, type Core, type CoreOptions } from '../../electron/core/create-core.ts';
import type { PolicyFile } from '../../electron/services/policy.ts';
import type { ClientOptions } from '../../electron/connector/region-client.ts';
import { waitFor, type startDemoFleet } from './demo-fleet.ts';
import { tempDir } from './temp-dir.ts';
import { createTelemetrySource, type TelemetrySource } from '../../electron/telemetry/index.ts';

type Demo = Awaited<ReturnType<typeof startDemoFleet>>;

export interface CoreFixture {
  core: Core;
  regions: ConnectorRegionsService;
  dataDir: string;
  dispose(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * A real console core (audit store, policy, connectors) on regions of a running demo fleet, in a
 * temporary data directory (or `dataDir`, to restart on the same store).
 */
export async function coreOnDemo(
  demo: Demo,
  regionIds: string[],
  options: { dataDir?: string; policy?: PolicyFile; client?: ClientOptions; core?: Partial<CoreOptions> } = {},
): Promise<CoreFixture> {
  const dir = options.dataDir ? null : await tempDir('core');
  const dataDir = options.dataDir ?? dir!.path;
  if (options.policy) await writeFile(join(dataDir, 'policy.json'), JSON.stringify(options.policy));
  const regions = new ConnectorRegionsService(
    regionIds.map((id) => ({ ...demo.region(id), name: id })),
    { client: { backoffBaseMs: 20, timeoutMs: 3_000, ...options.client } },
  );
  const tokens = new EnvOrFileTokenStore(join(dataDir, 'tokens.json'), {});
  const telemetrySources = new Map<string, TelemetrySource>();
  for (const id of regionIds) telemetrySources.set(id, await createTelemetrySource(demo.region(id), { tokens }));
  const core = await createCore({ host: 'web', dataDir, regions, tokens, telemetrySources, ...options.core });
  await waitFor(() => regions.list().every((r) => r.state === 'connected'), 'regions connected');
  return {
    core,
    regions,
    dataDir,
    async dispose({ keepData = false } = {}) {
      await core.dispose();
      if (!keepData) await dir?.remove();
    },
  };
}
