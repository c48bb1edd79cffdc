import type { Handlers } from '../../shared/contract/index.ts';
import type { RegionsService } from '../common/regions-service.ts';

type ToggleHandlers = Pick<Handlers, 'toggles.list'>;

/** The toggles of every region with data, read from its current fleet state (regions in configured order). */
export function toggleHandlers(regions: RegionsService): ToggleHandlers {
  return {
    'toggles.list': async () =>
      regions.fleetStates().map((state) => ({
        region: { id: state.region.id, name: state.region.name },
        revision: state.revision,
        toggles: state.toggles,
      })),
  };
}
