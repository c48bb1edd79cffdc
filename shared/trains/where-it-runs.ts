import type { CompatView } from '../compat/index.ts';
import type { FleetState } from '../protocol/index.ts';

/** Live instances per train and region, from the engine's version mixes (no walk over instances). */
export function instancesByTrain(view: CompatView, states: readonly FleetState[]): Map<number, Map<string, number>> {
  const out = new Map<number, Map<string, number>>();
  const evaluated = new Set(view.regionIds());
  for (const state of states) {
    const region = state.region.id;
    if (!evaluated.has(region)) continue;
    for (const component of state.components) {
      for (const entry of view.versionMix(region, component.id)) {
        const regions = out.get(entry.train) ?? new Map<string, number>();
        regions.set(region, (regions.get(region) ?? 0) + entry.count);
        out.set(entry.train, regions);
      }
    }
  }
  return out;
}
