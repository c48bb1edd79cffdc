import type { ComponentTally, GroupTally } from './tallies.ts';
import { shapeTrains } from './tallies.ts';

/** Live instances of one component in one region, by train (ascending). */
export interface TrainBucket {
  train: number;
  live: number;
  users: number;
  versions: { version: string; live: number; users: number }[];
}
export interface TrainSummary {
  buckets: TrainBucket[];
  live: number;
  users: number;
}

export const EMPTY_SUMMARY: TrainSummary = { buckets: [], live: 0, users: 0 };

export function summarizeComponent(tally: ComponentTally | undefined, trains: ReadonlyMap<string, number> | undefined): TrainSummary {
  if (!tally || !trains) return EMPTY_SUMMARY;
  const byTrain = new Map<number, TrainBucket>();
  let live = 0;
  let users = 0;
  for (const [version, t] of tally) {
    const train = trains.get(version);
    if (t.live <= 0 || train === undefined) continue;
    let bucket = byTrain.get(train);
    if (!bucket) byTrain.set(train, (bucket = { train, live: 0, users: 0, versions: [] }));
    bucket.live += t.live;
    bucket.users += t.liveUsers;
    bucket.versions.push({ version, live: t.live, users: t.liveUsers });
    live += t.live;
    users += t.liveUsers;
  }
  const buckets = [...byTrain.values()].sort((a, b) => a.train - b.train);
  // Versions sharing a train are listed in a canonical order only so that output is deterministic;
  // this is presentation, never compatibility order (that comes from trains alone).
  for (const bucket of buckets) bucket.versions.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  return { buckets, live, users };
}

export function minTrain(summary: TrainSummary): number | undefined {
  return summary.buckets[0]?.train;
}

export function maxTrain(summary: TrainSummary): number | undefined {
  return summary.buckets[summary.buckets.length - 1]?.train;
}

/** Databases of one group in one region, by each train they count at (ascending). */
export interface SchemaBucket {
  train: number;
  databases: number;
  migrating: number;
}

export function summarizeGroup(tally: GroupTally | undefined): SchemaBucket[] {
  if (!tally) return [];
  const byTrain = new Map<number, SchemaBucket>();
  const bucket = (train: number) => {
    let b = byTrain.get(train);
    if (!b) byTrain.set(train, (b = { train, databases: 0, migrating: 0 }));
    return b;
  };
  for (const [train, count] of tally.plain) bucket(train).databases += count;
  for (const { shape, count } of tally.migrating.values()) {
    for (const train of shapeTrains(shape)) {
      const b = bucket(train);
      b.databases += count;
      b.migrating += count;
    }
  }
  return [...byTrain.values()].sort((a, b) => a.train - b.train);
}
