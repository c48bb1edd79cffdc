import type { Dependency } from '../protocol/index.ts';
import { joinKey } from './ids.ts';
import type { PeerPair } from './rules/peer-skew.ts';

export interface RegionDependencies {
  readonly regionId: string;
  readonly dependencies: readonly Dependency[];
}

/**
 * Who can reach whom. An edge declared in region R links callers in R to callees in R, and — when
 * `crossRegion` — to callees in every region. Edges differing only in kind are one edge.
 */
export interface EdgeIndex {
  readonly pairs: readonly PeerPair[];
  /** Pairs in which `component` in `region` is the caller or the callee. */
  touching(region: string, component: string): readonly PeerPair[];
}

export function buildEdgeIndex(regions: readonly RegionDependencies[]): EdgeIndex {
  const regionIds = regions.map((r) => r.regionId);
  const pairs = new Map<string, PeerPair>();
  const add = (pair: PeerPair) => {
    const key = joinKey(pair.from, pair.to, pair.callerRegion, pair.calleeRegion);
    if (!pairs.has(key)) pairs.set(key, pair);
  };
  for (const { regionId, dependencies } of regions) {
    for (const dep of dependencies) {
      add({ from: dep.from, to: dep.to, callerRegion: regionId, calleeRegion: regionId });
      if (!dep.crossRegion) continue;
      for (const other of regionIds) add({ from: dep.from, to: dep.to, callerRegion: regionId, calleeRegion: other });
    }
  }
  const byEnd = new Map<string, PeerPair[]>();
  const index = (region: string, component: string, pair: PeerPair) => {
    const key = joinKey(region, component);
    const list = byEnd.get(key);
    if (!list) byEnd.set(key, [pair]);
    else if (!list.includes(pair)) list.push(pair);
  };
  for (const pair of pairs.values()) {
    index(pair.callerRegion, pair.from, pair);
    index(pair.calleeRegion, pair.to, pair);
  }
  return {
    pairs: [...pairs.values()],
    touching: (region, component) => byEnd.get(joinKey(region, component)) ?? [],
  };
}
