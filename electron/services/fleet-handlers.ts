import type { Handlers } from '../../shared/contract/index.ts';
import { summarizeRegion } from '../../shared/fleet/summary.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { RegionsService } from '../core/create-core.ts';

type FleetHandlers = Pick<Handlers, 'fleet.summary'>;

export function fleetHandlers(regions: RegionsService): FleetHandlers {
  return {
    'fleet.summary': async () => regions.fleetStates().map(summarizeRegion),
  };
}

/** Tells renderers which regions changed, at most every `intervalMs`, however fast the streams run. */
export function coalesceFleetChanges(regions: RegionsService, bus: EventBus, intervalMs = 500): () => void {
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  const unsubscribe = regions.onFleet((regionId) => {
    changed.add(regionId);
    timer ??= setTimeout(() => {
      timer = null;
      const regionIds = [...changed];
      changed.clear();
      bus.emit('fleet.changed', { regionIds, at: new Date().toISOString() });
    }, intervalMs);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
