import { join } from 'node:path';
import type { HostKind } from '../../shared/contract/index.ts';
import { loadRegionsFile } from '../connector/region-config.ts';
import { ConnectorRegionsService, type ConnectedRegion } from '../connector/regions-service.ts';
import { EnvOrFileTokenStore, tokenEnvName, type TokenStore } from '../connector/token-store.ts';
import { ConsoleError } from '../common/console-error.ts';
import { ensureDataDir } from '../common/data-files.ts';
// Types only: the demo fleet (simulator, prom-client) is loaded on demand, when no regions.json exists,
// so the shipped main bundle keeps it in a separate chunk.
import type { DemoFleet } from '../../demo-fleet/index.ts';
import type { ScenarioName } from '../../demo-fleet/model/scenarios.ts';
import type { SigningKeyStore } from '../audit/index.ts';
import { UnleashToggleSource, type ToggleSource } from '../toggles/index.ts';
import { createCore, type Core, type CoreOptions } from './create-core.ts';
import { createTelemetrySource, type TelemetrySource } from '../telemetry/index.ts';
import { openSnapshot, SnapshotOpenError, type OpenedSnapshot } from '../snapshots/index.ts';

export interface DemoOptions {
  scenario?: string;
  seed?: number;
  scale?: number;
  timeScale?: number;
  changesPerSecond?: number;
  regions?: 4 | 6;
}

export interface BootOptions {
  host: HostKind;
  dataDir: string;
  /** Defaults to `<dataDir>/regions.json` (or $RCC_REGIONS_FILE). */
  regionsFile?: string;
  tokens?: TokenStore;
  /** Where the audit store's signing key lives; the desktop passes the keychain-backed store. */
  signingKeys?: SigningKeyStore;
  demo?: DemoOptions;
  /** Alert clocks (tests shorten them). */
  alerts?: CoreOptions['alerts'];
  /** Show this snapshot file, read-only, instead of any region ($RCC_SNAPSHOT when undefined; null: live whatever the environment says). */
  snapshot?: string | null;
  /** Passed to the core: the host's core swapper and file dialogs. */
  switcher?: CoreOptions['switcher'];
  dialogs?: CoreOptions['dialogs'];
}

export interface BootedConsole {
  core: Core;
  /** The region connectors (none when a snapshot is shown: nothing goes to the network). */
  regions: ConnectorRegionsService;
  /** Set when no regions are configured and the embedded demo fleet serves them. */
  demoFleetUrl: string | null;
  demoFleet: DemoFleet | null;
  /** The snapshot shown, when booted with one. */
  snapshot?: OpenedSnapshot | null;
  dispose(): Promise<void>;
}

/** Wires config, connectors and services into a core; both hosts start the console through here. */
export async function bootConsole(options: BootOptions): Promise<BootedConsole> {
  await ensureDataDir(options.dataDir);
  const snapshotFile = options.snapshot === undefined ? process.env.RCC_SNAPSHOT : options.snapshot;
  if (snapshotFile) return bootSnapshot(options, await openCheckedSnapshot(snapshotFile));
  const regionsFile = options.regionsFile ?? process.env.RCC_REGIONS_FILE ?? join(options.dataDir, 'regions.json');
  const configured = await loadRegionsFile(regionsFile);
  let demoFleet: DemoFleet | null = null;
  let demoFleetUrl: string | null = null;
  let regions: ConnectedRegion[];

  const tokens = options.tokens ?? new EnvOrFileTokenStore(join(options.dataDir, 'tokens.json'));
  if (configured) {
    regions = await Promise.all(
      configured.map(async (region) => {
        const token = await tokens.get(region.id);
        if (!token) throw new ConsoleError('validation', `No token for region ${region.id}: set ${tokenEnvName(region.id)} or store one in the token store`);
        return { ...region, token };
      }),
    );
  } else {
    const scenario = await parseScenario(options.demo?.scenario);
    const { createDemoFleet } = await import('../../demo-fleet/index.ts');
    const fleet: DemoFleet = createDemoFleet({ seed: options.demo?.seed, scale: options.demo?.scale, scenario, timeScale: options.demo?.timeScale, changesPerSecond: options.demo?.changesPerSecond, regions: options.demo?.regions, startTime: new Date() });
    const started = await fleet.start({ host: '127.0.0.1', port: 0 });
    demoFleet = fleet;
    demoFleetUrl = started.url;
    regions = started.regions.map((r: ConnectedRegion) => ({ id: r.id, name: r.name, baseUrl: r.baseUrl, token: r.token }));
  }

  const service = new ConnectorRegionsService(regions);
  const toggleSources = new Map<string, ToggleSource>();
  for (const region of configured ?? []) {
    if (region.toggles?.source === 'unleash') toggleSources.set(region.id, await UnleashToggleSource.fromTokenStore(region.id, region.toggles, tokens));
  }
  const telemetryConfig = new Map((configured ?? []).map((r) => [r.id, r.telemetry]));
  const telemetrySources = new Map<string, TelemetrySource>();
  for (const region of regions) {
    telemetrySources.set(region.id, await createTelemetrySource({ ...region, telemetry: telemetryConfig.get(region.id) }, { tokens }));
  }
  const core = await createCore({
    ...{ host: options.host, dataDir: options.dataDir, regions: service, tokens, signingKeys: options.signingKeys, toggleSources, telemetrySources, alerts: options.alerts },
    ...{ switcher: options.switcher, dialogs: options.dialogs },
  });
  return {
    core,
    regions: service,
    demoFleetUrl,
    demoFleet,
    async dispose() {
      await core.dispose();
      await demoFleet?.stop();
    },
  };
}

/** Opens a snapshot after every check; a refused file becomes a `validation` error naming the failed check. */
export async function openCheckedSnapshot(file: string): Promise<OpenedSnapshot> {
  try {
    return await openSnapshot(file);
  } catch (error) {
    if (error instanceof SnapshotOpenError) throw new ConsoleError('validation', `Snapshot refused: ${error.message} (failed check: ${error.reason})`);
    throw error;
  }
}

/** A read-only core over a snapshot that passed every check; no regions, no demo fleet, no network. Closes the snapshot if the core fails. */
export async function bootSnapshot(options: BootOptions, snapshot: OpenedSnapshot): Promise<BootedConsole> {
  const tokens = options.tokens ?? new EnvOrFileTokenStore(join(options.dataDir, 'tokens.json'));
  try {
    const core = await createCore({
      ...{ host: options.host, dataDir: options.dataDir, regions: snapshot.regions, readOnly: true, tokens, signingKeys: options.signingKeys },
      ...{ telemetrySources: snapshot.telemetrySources, snapshot, alerts: options.alerts, switcher: options.switcher, dialogs: options.dialogs },
    });
    return {
      core,
      regions: new ConnectorRegionsService([]),
      demoFleetUrl: null,
      demoFleet: null,
      snapshot,
      async dispose() {
        await core.dispose();
        snapshot.close();
      },
    };
  } catch (error) {
    snapshot.close();
    throw error;
  }
}

async function parseScenario(name: string | undefined): Promise<ScenarioName | undefined> {
  if (name === undefined) return undefined;
  const { ScenarioName } = await import('../../demo-fleet/model/scenarios.ts');
  const parsed = ScenarioName.safeParse(name);
  if (!parsed.success) throw new ConsoleError('invalid-input', `Unknown demo scenario "${name}"; choose one of ${ScenarioName.options.join(', ')}`);
  return parsed.data;
}
