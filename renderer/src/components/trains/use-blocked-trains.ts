import { useMemo } from 'react';
import type { BlockedTrain } from '../../../../shared/trains/schemas.ts';
import { useCall } from '../../api/hooks.ts';

export interface BlockedIndex {
  byTrain: ReadonlyMap<number, BlockedTrain>;
  /** The blocked train of a component version, if any. */
  ofVersion(component: string, version: string): BlockedTrain | undefined;
}

const EMPTY: BlockedIndex = { byTrain: new Map(), ofVersion: () => undefined };

/** Trains with a failed gate, to mark their versions wherever they appear (refetched with the fleet). */
export function useBlockedTrains(): BlockedIndex {
  const blocked = useCall('trains.blocked', {});
  const list = blocked.data;
  return useMemo(() => {
    if (!list || list.length === 0) return EMPTY;
    const byVersion = new Map<string, BlockedTrain>();
    for (const train of list) for (const v of train.versions) byVersion.set(`${v.component}\u0000${v.version}`, train);
    return { byTrain: new Map(list.map((t) => [t.train, t])), ofVersion: (component, version) => byVersion.get(`${component}\u0000${version}`) };
  }, [list]);
}
