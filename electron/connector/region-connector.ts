import type { ConnectionState, RegionError, RegionStatus } from '../../shared/contract/index.ts';
import type { ChangeEvent, FleetState, Toggle } from '../../shared/protocol/index.ts';
import type { FleetChange } from '../common/regions-service.ts';
import { ChangeStream, type StreamOptions } from './change-stream.ts';
import { EndpointError } from './endpoint-error.ts';
import { RefetchPacer, type PacerOptions } from './refetch-pacer.ts';
import { RegionClient, type ClientOptions, type RegionEndpoint } from './region-client.ts';
import { RegionFleet } from './region-fleet.ts';

export interface RegionConnectorOptions {
  name: string;
  client?: ClientOptions;
  /** Consecutive unanswered attempts after which a region counts as unreachable. */
  unreachableAfter?: number;
  /** A fleet fetch slower than this marks the region degraded. */
  slowMs?: number;
  /** After a slow fetch, measure again this much later (then as the refetch pacer allows), so one slow moment does not mark the region degraded for good. */
  slowRecheckMs?: number;
  /** How long out-of-order events may wait for the missing one before a refetch. */
  reorderWindowMs?: number;
  streamIdleTimeoutMs?: number;
  /** After invalid change events, how long the stream must stay clean before the region counts as connected. */
  eventQuietMs?: number;
  stream?: Omit<StreamOptions, 'idleTimeoutMs'>;
  /** Spacing of full fetches asked for by trouble (failed fetch, invalid event, gap, reset). */
  refetch?: PacerOptions;
  onStatus(status: RegionStatus): void;
  onFleet(change: FleetChange): void;
}

type FetchTrigger = 'start' | 'retry' | 'gap' | 'reset' | 'invalid' | 'recovered' | 'slow';

const FLEET_ENDPOINT = 'GET /v1/fleet';

/**
 * Keeps one region's fleet state current: fetch, follow the change stream, resync on gaps, and
 * report connection state with the age of the last good data. A bad response never replaces good
 * state. The status is honest: `unreachable` only when nothing answers; a region that answers with
 * bad data is `degraded` with the field at fault, and that error stays visible while the breaker is open.
 */
export class RegionConnector {
  readonly client: RegionClient;
  private fleet: RegionFleet | null = null;
  private stream: ChangeStream;
  private readonly pacer: RefetchPacer;
  private stopped = false;
  /** Consecutive attempts (fetches or stream connects) that got no answer at all. */
  private unanswered = 0;
  private lastGoodAt: string | null = null;
  private lastError: RegionError | null = null;
  /** The last fleet fetch failed (not counting calls the breaker held back); cleared by a good fetch. */
  private lastFetchFailure: EndpointError | null = null;
  /**
   * An invalid change event arrived. It stays the region's problem until a good fetch has replaced the
   * state and the stream has sent nothing invalid for `eventQuietMs`, so a region that keeps sending
   * bad events never flickers to connected between refetches.
   */
  private eventProblem: EndpointError | null = null;
  private eventProblemAt = 0;
  private fetchedSinceEventProblem = false;
  /** The stream broke a limit or a rule; cleared when it delivers a valid message again. */
  private streamProblem: EndpointError | null = null;
  private state: ConnectionState = 'connecting';
  private slow = false;
  private fetching: Promise<void> | null = null;
  /** Aborted by stop(): a fleet fetch still running when the console closes ends at once. */
  private inFlight = new AbortController();
  private fetchTimer: NodeJS.Timeout | null = null;
  private troubleSinceFetch = false;
  /** One early fetch per stream connection when the stream works while the fetch failed. */
  private earlyFetchUsed = false;
  private reorderTimer: NodeJS.Timeout | null = null;
  private slowTimer: NodeJS.Timeout | null = null;
  /** Toggles from the region's configured toggle source (Unleash), laid over every fetched state. */
  private externalToggles: readonly Toggle[] | null = null;

  constructor(readonly endpoint: RegionEndpoint, readonly options: RegionConnectorOptions) {
    this.client = new RegionClient(endpoint, options.client);
    this.pacer = new RefetchPacer(options.refetch);
    this.stream = new ChangeStream(
      endpoint,
      {
        onOpen: () => this.streamOpened(),
        onEvent: (event) => this.onEvent(event),
        onReset: () => this.requestFetch('reset'),
        onAlive: () => this.streamDelivered(),
        onError: (error) => this.streamFailed(error),
        resumeFrom: () => this.fleet?.revision ?? null,
      },
      { ...options.stream, idleTimeoutMs: options.streamIdleTimeoutMs ?? 30_000 },
    );
  }

  status(): RegionStatus {
    return {
      id: this.endpoint.id,
      name: this.options.name,
      baseUrl: this.endpoint.baseUrl,
      insecure: 'insecure' in this.endpoint && this.endpoint.insecure === true,
      state: this.state,
      breaker: this.client.breaker.state,
      lastGoodAt: this.lastGoodAt,
      revision: this.fleet?.revision ?? null,
      lastError: this.lastError,
    };
  }

  fleetState(): FleetState | null {
    return this.fleet?.state() ?? null;
  }

  /** The region's toggles come from elsewhere (Unleash): they replace the endpoint's, now and after every refetch. */
  setExternalToggles(toggles: readonly Toggle[]): void {
    this.externalToggles = toggles;
    const fleet = this.fleet;
    if (!fleet) return;
    fleet.replaceToggles(toggles);
    this.options.onFleet({ regionId: this.endpoint.id, events: 'replaced', state: () => fleet.state() });
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.inFlight = new AbortController();
    await this.runFetch('start');
    // Stopped while the first fetch ran (the console closed during boot): open nothing more.
    if (!this.stopped) this.stream.start();
  }

  stop(): void {
    this.stopped = true;
    this.inFlight.abort();
    this.stream.stop();
    if (this.fetchTimer) clearTimeout(this.fetchTimer);
    if (this.reorderTimer) clearTimeout(this.reorderTimer);
    if (this.slowTimer) clearTimeout(this.slowTimer);
    this.fetchTimer = null;
    this.reorderTimer = null;
    this.slowTimer = null;
  }

  /** Fetch the whole state now (a person asked for it); concurrent requests share one fetch. */
  refetch(): Promise<void> {
    return this.runFetch('start');
  }

  /** Fetch when the pacer allows: at most one pending fetch, never a storm. */
  private requestFetch(trigger: FetchTrigger): void {
    if (this.stopped) return;
    if (trigger !== 'retry' && trigger !== 'recovered') this.troubleSinceFetch = true;
    if (this.fetching) return;
    if (this.fetchTimer) {
      if (trigger !== 'recovered') return;
      clearTimeout(this.fetchTimer);
    }
    const wait = trigger === 'recovered' ? this.client.breaker.msUntilTrial() : this.pacer.delay();
    const delay = Math.max(wait, this.client.retryAfterRemaining());
    this.fetchTimer = setTimeout(() => {
      this.fetchTimer = null;
      void this.runFetch(trigger);
    }, delay);
  }

  private runFetch(trigger: FetchTrigger): Promise<void> {
    this.fetching ??= this.fetchFleet(trigger).then((ok) => {
      this.fetching = null;
      if (!ok) this.requestFetch('retry');
    });
    return this.fetching;
  }

  /** Returns whether the fetch produced a new state. */
  private async fetchFleet(trigger: FetchTrigger): Promise<boolean> {
    if (this.stopped) return true;
    this.pacer.started(trigger === 'retry' || this.troubleSinceFetch || this.lastFetchFailure !== null);
    this.troubleSinceFetch = false;
    const started = Date.now();
    try {
      const state = await this.client.fleet(this.inFlight.signal);
      if (this.stopped) return true;
      this.fleet = new RegionFleet(state);
      if (this.externalToggles) this.fleet.replaceToggles(this.externalToggles);
      this.lastFetchFailure = null;
      this.fetchedSinceEventProblem = true;
      this.unanswered = 0;
      const took = Date.now() - started;
      this.slow = took > (this.options.slowMs ?? 3_000);
      if (this.slow) {
        this.recordError({ endpoint: FLEET_ENDPOINT, message: `slow endpoint: answered in ${(took / 1000).toFixed(1)} s`, at: new Date().toISOString() });
        this.scheduleSlowRecheck();
      }
      this.answered();
      const fleet = this.fleet;
      this.options.onFleet({ regionId: this.endpoint.id, events: 'replaced', state: () => fleet.state() });
      return true;
    } catch (error) {
      if (this.stopped) return true;
      const failure = error instanceof EndpointError ? error : new EndpointError(this.endpoint.id, FLEET_ENDPOINT, 'network', String(error));
      if (failure.kind !== 'circuit-open') this.lastFetchFailure = failure;
      this.failed(failure);
      return false;
    }
  }

  /**
   * The change stream never says how long a fetch takes: only another fetch can show the region is fast
   * again. Counted as trouble, so a region that stays slow is measured ever less often (up to the pacer's cap).
   */
  private scheduleSlowRecheck(): void {
    if (this.slowTimer || this.stopped) return;
    this.slowTimer = setTimeout(() => {
      this.slowTimer = null;
      this.requestFetch('slow');
    }, this.options.slowRecheckMs ?? 15_000);
  }

  /**
   * The stream connected. If the fleet fetch last failed because nothing answered, the region may be
   * back: one trial fetch now (the stream never closes the breaker itself: only a fetch that works does). Failures with an answer wait for the stream to deliver valid data.
   */
  private streamOpened(): void {
    this.earlyFetchUsed = false;
    const failure = this.lastFetchFailure;
    if (failure && !failure.answered) {
      this.earlyFetchUsed = true;
      this.client.breaker.expediteTrial();
      this.requestFetch('recovered');
    } else if (!this.fleet && !failure) this.requestFetch('recovered');
    this.unanswered = 0;
  }

  private onEvent(event: ChangeEvent): void {
    const fleet = this.fleet;
    if (!fleet) return;
    const { outcome, applied } = fleet.apply(event);
    if (outcome === 'gap') {
      this.requestFetch('gap');
      return;
    }
    if (outcome === 'buffered') {
      this.reorderTimer ??= setTimeout(() => {
        this.reorderTimer = null;
        if (fleet.pendingCount > 0) this.requestFetch('gap');
      }, this.options.reorderWindowMs ?? 2_000);
      return;
    }
    this.streamDelivered();
    if (applied.length > 0) this.options.onFleet({ regionId: this.endpoint.id, events: applied, state: () => fleet.state() });
  }

  private streamFailed(error: EndpointError): void {
    if (error.kind === 'validation') {
      this.eventProblem = error;
      this.eventProblemAt = Date.now();
      this.fetchedSinceEventProblem = false;
      this.requestFetch('invalid');
    } else if (error.kind === 'limit' || error.kind === 'protocol') this.streamProblem = error;
    this.failed(error);
  }

  /**
   * The stream delivered valid data. If the fetch last failed with an error status (not bad data), the
   * region may have recovered: fetch as soon as the breaker allows, once per stream connection.
   */
  private streamDelivered(): void {
    this.streamProblem = null;
    const failure = this.lastFetchFailure;
    if (failure?.kind === 'http' && !this.earlyFetchUsed) {
      this.earlyFetchUsed = true;
      this.requestFetch('recovered');
    }
    this.answered();
  }

  /** Something valid came back: the region is reachable; connected unless a problem is still open. */
  private answered(): void {
    this.unanswered = 0;
    if (!this.fleet) return;
    this.lastGoodAt = new Date().toISOString();
    if (this.eventProblem && this.fetchedSinceEventProblem && Date.now() - this.eventProblemAt >= (this.options.eventQuietMs ?? 10_000)) this.eventProblem = null;
    if (this.lastFetchFailure || this.eventProblem || this.streamProblem) return;
    this.setState(this.slow ? 'degraded' : 'connected');
  }

  private failed(error: EndpointError): void {
    if (error.kind === 'circuit-open') {
      // Not an answer from the region: keep the real error, and refresh the status for the breaker.
      this.setState(this.state, true);
      return;
    }
    this.recordError({ endpoint: error.endpoint, kind: error.kind, message: error.message, path: error.path.length ? error.path : undefined, at: new Date().toISOString() });
    if (error.answered) {
      this.unanswered = 0;
      this.setState('degraded', true);
      return;
    }
    this.unanswered++;
    this.setState(this.unanswered >= (this.options.unreachableAfter ?? 3) ? 'unreachable' : 'degraded', true);
  }

  private recordError(error: RegionError): void {
    this.lastError = error;
  }

  private setState(state: ConnectionState, force = false): void {
    if (state === this.state && !force) return;
    this.state = state;
    this.options.onStatus(this.status());
  }
}
