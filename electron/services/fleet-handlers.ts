import type { Handlers } from '../../shared/contract/index.ts';
import { summarizeRegion } from '../../shared/fleet/summary.ts';
import { buildCatalog } from '../../shared/fleet/catalog.ts';
import type { EventBus } from '../common/event-bus.ts';
import type { RegionsService } from '../common/regions-service.ts';
import type { CompatService } from './compat-service.ts';

type FleetHandlers = Pick<Handlers, 'fleet.summary' | 'fleet.components'>;

export function fleetHandlers(regions: RegionsService, compat: CompatService): FleetHandlers {
  return {
    'fleet.summary': async () => {
      const violations = compat.view().verdict().violations;
      return regions.fleetStates().map((state) => ({
        ...summarizeRegion(state),
        violations: violations.filter((v) => v.regions.includes(state.region.id)).length,
      }));
    },
    'fleet.components': async () => buildCatalog(regions.fleetStates()).components.map(({ id, name, tier }) => ({ id, name, tier })),
  };
}

/** Tells renderers which regions changed, at most every `intervalMs`, however fast the streams run. */
export function coalesceFleetChanges(regions: RegionsService, bus: EventBus, intervalMs = 500): () => void {
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  const unsubscribe = regions.onFleet(({ regionId }) => {
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
