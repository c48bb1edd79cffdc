import type { HostKind, Handlers } from '../../shared/contract/index.ts';
import { EventBus } from '../common/event-bus.ts';
import { ConsoleError } from '../common/console-error.ts';
import type { RegionsService } from '../common/regions-service.ts';
import { tokenEnvName, type TokenStore } from '../connector/token-store.ts';
import { SettingsStore } from '../services/settings-store.ts';
import { appHandlers } from '../services/app-handlers.ts';
import { fleetHandlers, coalesceFleetChanges } from '../services/fleet-handlers.ts';
import { CompatService } from '../services/compat-service.ts';
import { compatHandlers } from '../services/compat-handlers.ts';

export interface CoreOptions {
  host: HostKind;
  dataDir: string;
  regions: RegionsService;
  readOnly?: boolean;
  tokens: TokenStore;
}

export interface Core {
  handlers: Handlers;
  bus: EventBus;
  dispose(): Promise<void>;
}

/** The console's services behind the contract, independent of the transport that serves them. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const bus = new EventBus();
  const settings = new SettingsStore(options.dataDir);
  await settings.load();

  const compat = new CompatService(options.regions);
  compat.start();
  const disposers = [
    () => compat.stop(),
    options.regions.onStatus((statuses) => bus.emit('regions.status', statuses)),
    coalesceFleetChanges(options.regions, bus),
  ];
  await options.regions.start();

  const handlers: Handlers = {
    ...appHandlers({ host: options.host, dataDir: options.dataDir, readOnly: options.readOnly ?? false, settings }),
    'regions.list': async () => options.regions.list(),
    'regions.setToken': async ({ regionId, token }) => {
      if (!options.tokens.set) {
        throw new ConsoleError('forbidden', `This host reads region tokens from ${tokenEnvName(regionId)} or a 0600 tokens.json; it does not store them.`);
      }
      await options.tokens.set(regionId, token);
      return { stored: true as const, regionId };
    },
    ...fleetHandlers(options.regions, compat),
    ...compatHandlers(compat),
  };

  return {
    handlers,
    bus,
    async dispose() {
      for (const dispose of disposers) dispose();
      await options.regions.stop();
    },
  };
}
