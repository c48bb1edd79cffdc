import type { RegionStatus } from '../../shared/contract/index.ts';
import type { FleetState, Toggle } from '../../shared/protocol/index.ts';
import type { FleetChange, RegionActions, RegionsService } from '../common/regions-service.ts';
import { RegionConnector, type RegionConnectorOptions } from './region-connector.ts';
import type { RegionEndpoint } from './region-client.ts';
import type { RegionLimits } from './region-config.ts';
import type { ToggleConfig } from '../common/toggle-config.ts';

export interface ConnectedRegion extends RegionEndpoint {
  name: string;
  /** Plain http to a non-loopback host, allowed by `"insecure": true` in regions.json; shown on the page. */
  insecure?: boolean;
  /** This region's caps from regions.json; unset ones keep the defaults. */
  limits?: RegionLimits;
  /** Where its toggles come from (regions.json `"toggles"`); native when absent. */
  toggles?: ToggleConfig;
}

type SharedOptions = Partial<Omit<RegionConnectorOptions, 'name' | 'onStatus' | 'onFleet'>>;

/** The service-wide options with one region's configured limits laid over them. */
function withLimits(options: SharedOptions, limits: RegionLimits | undefined): SharedOptions {
  if (!limits) return options;
  const bodyLimits = { ...options.client?.bodyLimits };
  if (limits.fleetBytes) bodyLimits.fleet = limits.fleetBytes;
  if (limits.telemetryBytes) bodyLimits.telemetry = limits.telemetryBytes;
  if (limits.actionBytes) bodyLimits.action = limits.actionBytes;
  const sse = { ...options.stream?.limits };
  if (limits.eventBytes) sse.maxEventSize = limits.eventBytes;
  if (limits.lineBytes) sse.maxLineLength = limits.lineBytes;
  return {
    ...options,
    client: { ...options.client, bodyLimits, ...(limits.requestTimeoutMs ? { timeoutMs: limits.requestTimeoutMs } : {}) },
    stream: { ...options.stream, limits: sse },
    ...(limits.streamIdleTimeoutMs ? { streamIdleTimeoutMs: limits.streamIdleTimeoutMs } : {}),
  };
}

export type FleetListener = (change: FleetChange) => void;

/** All configured regions' connectors behind one service; status pushes are coalesced. */
export class ConnectorRegionsService implements RegionsService {
  readonly connectors: RegionConnector[];
  private readonly statusListeners = new Set<(statuses: RegionStatus[]) => void>();
  private readonly fleetListeners = new Set<FleetListener>();
  private statusTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(regions: ConnectedRegion[], options: SharedOptions = {}) {
    this.connectors = regions.map(
      (region) =>
        new RegionConnector(region, {
          ...withLimits(options, region.limits),
          name: region.name,
          onStatus: () => this.scheduleStatus(),
          onFleet: (change) => {
            for (const listener of this.fleetListeners) listener(change);
            this.scheduleStatus();
          },
        }),
    );
  }

  list(): RegionStatus[] {
    return this.connectors.map((c) => c.status());
  }

  connector(regionId: string): RegionConnector | undefined {
    return this.connectors.find((c) => c.endpoint.id === regionId);
  }

  setExternalToggles(regionId: string, toggles: readonly Toggle[]): void {
    this.connector(regionId)?.setExternalToggles(toggles);
  }

  actions(regionId: string): RegionActions | undefined {
    const client = this.connector(regionId)?.client;
    if (!client) return undefined;
    return { send: (request, key) => client.action(request, key), lookup: (key) => client.actionByKey(key) };
  }

  fleetStates(): FleetState[] {
    return this.connectors.flatMap((c) => c.fleetState() ?? []);
  }

  onStatus(listener: (statuses: RegionStatus[]) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onFleet(listener: FleetListener): () => void {
    this.fleetListeners.add(listener);
    return () => this.fleetListeners.delete(listener);
  }

  async start(): Promise<void> {
    // Regions connect independently: one slow or dead region never holds up the others.
    for (const connector of this.connectors) void connector.start();
    this.heartbeat = setInterval(() => this.scheduleStatus(), 5_000);
  }

  async stop(): Promise<void> {
    for (const connector of this.connectors) connector.stop();
    if (this.statusTimer) clearTimeout(this.statusTimer);
    if (this.heartbeat) clearInterval(this.heartbeat);
  }

  private scheduleStatus(): void {
    this.statusTimer ??= setTimeout(() => {
      this.statusTimer = null;
      const statuses = this.list();
      for (const listener of this.statusListeners) listener(statuses);
    }, 250);
  }
}
