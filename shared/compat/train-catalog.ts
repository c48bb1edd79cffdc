import type { Train } from '../protocol/index.ts';
import { inputError } from './input-error.ts';
import type { CompatInputError } from './schemas.ts';

/** Fleet-wide names of train indexes (trains are fleet-wide; every region reports its own list). */
export interface TrainCatalog {
  name(index: number): string | undefined;
  /** The train's name, or `#index` when no region names it. */
  label(index: number): string;
}

export interface RegionTrains {
  readonly regionId: string;
  readonly trains: readonly Train[];
}

/** Builds the catalog; a region naming a train differently from an earlier region is an input error. */
export function buildTrainCatalog(regions: Iterable<RegionTrains>): { catalog: TrainCatalog; errors: CompatInputError[] } {
  const names = new Map<number, { name: string; region: string }>();
  const errors: CompatInputError[] = [];
  for (const { regionId, trains } of regions) {
    trains.forEach((train, i) => {
      const known = names.get(train.index);
      if (!known) names.set(train.index, { name: train.name, region: regionId });
      else if (known.name !== train.name) {
        errors.push(
          inputError(regionId, 'train', String(train.index), ['trains', i, 'name'],
            `train ${train.index} is named "${train.name}" here but "${known.name}" in ${known.region}`),
        );
      }
    });
  }
  return {
    catalog: {
      name: (index) => names.get(index)?.name,
      label: (index) => names.get(index)?.name ?? `#${index}`,
    },
    errors,
  };
}

/** Name of a train index as the fleet's documents report it (first region naming it wins). */
export function trainName(states: readonly RegionTrainsSource[], index: number): string | undefined {
  for (const state of states) {
    const train = state.trains.find((t) => t.index === index);
    if (train) return train.name;
  }
  return undefined;
}

interface RegionTrainsSource {
  readonly trains: readonly Train[];
}
