import type { RegionStatus } from '../../shared/contract/index.ts';
import type { ActionRequest, ActionResult, ChangeEvent, FleetState, Toggle } from '../../shared/protocol/index.ts';

/** Sends actions to one region (the native protocol's `POST /v1/actions`, idempotent by key). */
export interface RegionActions {
  send(request: ActionRequest, idempotencyKey: string): Promise<ActionResult>;
  /** The endpoint's record of an action by key; null when it never saw the key. */
  lookup(idempotencyKey: string): Promise<ActionResult | null>;
}

/**
 * New data for one region: the events applied, or `replaced` after a (re)fetch. `state()` builds the
 * region's document on demand — listeners that only need the events never pay for it.
 */
export interface FleetChange {
  regionId: string;
  events: ChangeEvent[] | 'replaced';
  state(): FleetState;
}

/** What the core and its services need from the region connectors. */
export interface RegionsService {
  list(): RegionStatus[];
  fleetStates(): FleetState[];
  /** Called with the full status list whenever a region changes state or receives data. */
  onStatus(listener: (statuses: RegionStatus[]) => void): () => void;
  onFleet(listener: (change: FleetChange) => void): () => void;
  /** Lays toggles from another source (Unleash) over a region's state; they replace the endpoint's. */
  setExternalToggles(regionId: string, toggles: readonly Toggle[]): void;
  /** The action channel of a configured region, or undefined for an unknown region. */
  actions(regionId: string): RegionActions | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}
