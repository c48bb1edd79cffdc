import type { RegionStatus } from '../../shared/contract/index.ts';
import type { FleetState, Toggle } from '../../shared/protocol/index.ts';
import type { FleetChange, RegionActions, RegionsService } from '../common/regions-service.ts';

/**
 * The regions as a snapshot holds them: statuses and fleet states as they were at T. Nothing
 * changes and nothing goes to the network: listeners are never called, start and stop do nothing,
 * and no region has an action channel (so every action is refused).
 */
export class SnapshotRegionsService implements RegionsService {
  constructor(
    private readonly statuses: readonly RegionStatus[],
    private readonly states: readonly FleetState[],
  ) {}

  list(): RegionStatus[] {
    return this.statuses.map((s) => ({ ...s }));
  }

  fleetStates(): FleetState[] {
    return [...this.states];
  }

  onStatus(_listener: (statuses: RegionStatus[]) => void): () => void {
    return () => {};
  }

  onFleet(_listener: (change: FleetChange) => void): () => void {
    return () => {};
  }

  setExternalToggles(_regionId: string, _toggles: readonly Toggle[]): void {}

  actions(_regionId: string): RegionActions | undefined {
    return undefined;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}
}
