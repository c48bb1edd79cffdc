import { ConnectorRegionsService } from '../../electron/connector/regions-service.ts';
import { createCore, type Core } from '../../electron/core/create-core.ts';
import { tempDir } from './temp-dir.ts';
import { EnvOrFileTokenStore } from '../../electron/connector/token-store.ts';
import { join } from 'node:path';

/** A real core with no regions configured: enough for transport tests. */
export async function bareCore(host: 'web' | 'electron' = 'web'): Promise<{ core: Core; dataDir: string; dispose(): Promise<void> }> {
  const dir = await tempDir('core');
  const core = await createCore({ host, dataDir: dir.path, regions: new ConnectorRegionsService([]), tokens: new EnvOrFileTokenStore(join(dir.path, 'tokens.json'), {}) });
  return {
    core,
    dataDir: dir.path,
    async dispose() {
      await core.dispose();
      await dir.remove();
    },
  };
}
