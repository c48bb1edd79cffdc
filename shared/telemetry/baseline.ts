/** A live version of a component in one region. */
export interface LiveVersion {
  version: string;
  train: number;
  instances: number;
}

/**
 * A version's baseline: the live version of the previous train in the same region (the highest
 * train below its own). Null for the oldest live train.
 */
export function baselineOf(live: readonly LiveVersion[], version: string): LiveVersion | null {
  const own = live.find((v) => v.version === version);
  if (!own) return null;
  let best: LiveVersion | null = null;
  for (const v of live) {
    if (v.train >= own.train) continue;
    if (!best || v.train > best.train || (v.train === best.train && v.instances > best.instances)) best = v;
  }
  return best;
}

/** Mean of the finite values; null when there are none. */
export function meanOf(points: ReadonlyArray<readonly [number, number]>): number | null {
  let sum = 0;
  let n = 0;
  for (const [, v] of points) {
    if (!Number.isFinite(v)) continue;
    sum += v;
    n++;
  }
  return n === 0 ? null : sum / n;
}

/** The values of the points at or after `fromSec`. */
export function valuesSince(points: ReadonlyArray<readonly [number, number]>, fromSec: number): number[] {
  const out: number[] = [];
  for (const [t, v] of points) if (t >= fromSec && Number.isFinite(v)) out.push(v);
  return out;
}
