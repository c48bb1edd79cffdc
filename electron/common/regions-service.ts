import type { RegionStatus } from '../../shared/contract/index.ts';
import type { ChangeEvent, FleetState } from '../../shared/protocol/index.ts';

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
  start(): Promise<void>;
  stop(): Promise<void>;
}
