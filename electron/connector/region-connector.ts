import type { ConnectionState, RegionError, RegionStatus } from '../../shared/contract/index.ts';
import type { ChangeEvent, FleetState } from '../../shared/protocol/index.ts';
import { ChangeStream } from './change-stream.ts';
import { EndpointError } from './endpoint-error.ts';
import { RegionClient, type ClientOptions, type RegionEndpoint } from './region-client.ts';
import { RegionFleet } from './region-fleet.ts';

/**
 * New data for one region: the events applied, or `replaced` after a (re)fetch. `state()` builds the
 * region's document on demand — listeners that only need the events never pay for it.
 */
export interface FleetChange {
  regionId: string;
  events: ChangeEvent[] | 'replaced';
  state(): FleetState;
}

export interface RegionConnectorOptions {
  name: string;
  client?: ClientOptions;
  /** Consecutive failures after which a region counts as unreachable. */
  unreachableAfter?: number;
  /** A fleet fetch slower than this marks the region degraded. */
  slowMs?: number;
  /** How long out-of-order events may wait for the missing one before a refetch. */
  reorderWindowMs?: number;
  streamIdleTimeoutMs?: number;
  onStatus(status: RegionStatus): void;
  onFleet(change: FleetChange): void;
}

/**
 * Keeps one region's fleet state current: fetch, follow the change stream, resync on gaps, and
 * report connection state with the age of the last good data. A bad response never replaces good state.
 */
export class RegionConnector {
  readonly client: RegionClient;
  private fleet: RegionFleet | null = null;
  private stream: ChangeStream;
  private stopped = false;
  private failures = 0;
  private lastGoodAt: string | null = null;
  private lastError: RegionError | null = null;
  private state: ConnectionState = 'connecting';
  private slow = false;
  private refetching: Promise<void> | null = null;
  private refetchTimer: NodeJS.Timeout | null = null;
  private reorderTimer: NodeJS.Timeout | null = null;

  constructor(readonly endpoint: RegionEndpoint, private readonly options: RegionConnectorOptions) {
    this.client = new RegionClient(endpoint, options.client);
    this.stream = new ChangeStream(
      endpoint,
      {
        onOpen: () => this.streamOpened(),
        onEvent: (event) => this.onEvent(event),
        onReset: () => this.refetch(),
        onAlive: () => this.succeeded(),
        onError: (error) => this.failed(error),
        resumeFrom: () => this.fleet?.revision ?? null,
      },
      { idleTimeoutMs: options.streamIdleTimeoutMs ?? 30_000 },
    );
  }

  status(): RegionStatus {
    return {
      id: this.endpoint.id,
      name: this.options.name,
      baseUrl: this.endpoint.baseUrl,
      insecure: 'insecure' in this.endpoint && this.endpoint.insecure === true,
      state: this.state,
      lastGoodAt: this.lastGoodAt,
      revision: this.fleet?.revision ?? null,
      lastError: this.lastError,
    };
  }

  fleetState(): FleetState | null {
    return this.fleet?.state() ?? null;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.refetch();
    this.stream.start();
  }

  stop(): void {
    this.stopped = true;
    this.stream.stop();
    if (this.refetchTimer) clearTimeout(this.refetchTimer);
    if (this.reorderTimer) clearTimeout(this.reorderTimer);
  }

  /** Fetch the whole state again; concurrent requests share one fetch. */
  refetch(): Promise<void> {
    this.refetching ??= this.fetchFleet().finally(() => {
      this.refetching = null;
    });
    return this.refetching;
  }

  private async fetchFleet(): Promise<void> {
    if (this.stopped) return;
    const started = Date.now();
    try {
      const state = await this.client.fleet();
      if (this.stopped) return;
      this.fleet = new RegionFleet(state);
      this.slow = Date.now() - started > (this.options.slowMs ?? 3_000);
      this.succeeded(this.slow ? `answered in ${((Date.now() - started) / 1000).toFixed(1)} s` : undefined);
      const fleet = this.fleet;
      this.options.onFleet({ regionId: this.endpoint.id, events: 'replaced', state: () => fleet.state() });
    } catch (error) {
      if (this.stopped) return;
      this.failed(error instanceof EndpointError ? error : new EndpointError(this.endpoint.id, 'GET /v1/fleet', 'network', String(error)));
      if (this.refetchTimer) clearTimeout(this.refetchTimer);
      this.refetchTimer = setTimeout(() => void this.refetch(), Math.min(30_000, 1_000 * 2 ** Math.min(this.failures, 5)));
    }
  }

  /** The region answers again: close its breaker, and fetch the state if we never got one. */
  private streamOpened(): void {
    this.client.breaker.success();
    this.succeeded();
    if (!this.fleet) void this.refetch();
  }

  private onEvent(event: ChangeEvent): void {
    const fleet = this.fleet;
    if (!fleet) return;
    const { outcome, applied } = fleet.apply(event);
    if (outcome === 'gap') {
      void this.refetch();
      return;
    }
    if (outcome === 'buffered') {
      this.reorderTimer ??= setTimeout(() => {
        this.reorderTimer = null;
        if (fleet.pendingCount > 0) void this.refetch();
      }, this.options.reorderWindowMs ?? 2_000);
      return;
    }
    this.succeeded();
    if (applied.length > 0) this.options.onFleet({ regionId: this.endpoint.id, events: applied, state: () => fleet.state() });
  }

  private succeeded(slowNote?: string): void {
    this.failures = 0;
    if (!this.fleet) return;
    this.lastGoodAt = new Date().toISOString();
    if (slowNote) this.lastError = { endpoint: 'GET /v1/fleet', message: `slow endpoint: ${slowNote}`, at: this.lastGoodAt };
    this.setState(this.slow ? 'degraded' : 'connected');
  }

  private failed(error: EndpointError): void {
    this.failures++;
    this.lastError = { endpoint: error.endpoint, message: error.message, path: error.path.length ? error.path : undefined, at: new Date().toISOString() };
    const transport = error.kind === 'network' || error.kind === 'timeout' || error.kind === 'circuit-open' || (error.kind === 'http' && (error.status ?? 500) >= 500);
    const unreachable = transport && this.failures >= (this.options.unreachableAfter ?? 3);
    this.setState(unreachable ? 'unreachable' : 'degraded', true);
    if (error.kind === 'validation' && error.endpoint.startsWith('GET /v1/changes')) void this.refetch();
  }

  private setState(state: ConnectionState, force = false): void {
    if (state === this.state && !force) return;
    this.state = state;
    this.options.onStatus(this.status());
  }
}
