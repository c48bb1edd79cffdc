import { impact } from '../format.ts';
import { violationId, violationSubject } from '../ids.ts';
import type { TrainBucket } from '../summaries.ts';
import { bucketLabel, involvedVersions, sumBuckets, trainsApart, type RuleContext, type UnitFindings, type ViolationDraft } from './context.ts';
import { declaredPeerFindings } from './peer-declared.ts';

/** Rule 2: a caller and a callee that can reach each other are at most 1 train apart. */
export const PEER_LIMIT = 1;

export interface PeerPair {
  from: string;
  to: string;
  callerRegion: string;
  calleeRegion: string;
}

/**
 * Peer skew of one (edge, caller region, callee region). Where no version on either end declares
 * ranges (the common case) the default ±1 is judged per train; otherwise per version pair.
 */
export function peerSkewFindings(ctx: RuleContext, pair: PeerPair): UnitFindings {
  const declaring = ctx.region(pair.callerRegion)?.declarations.has(pair.from) === true || ctx.region(pair.calleeRegion)?.declarations.has(pair.to) === true;
  return declaring ? declaredPeerFindings(ctx, pair, PEER_LIMIT) : { violations: peerSkewViolations(ctx, pair), exceptions: [] };
}

/**
 * One violation per (edge, caller region, callee region), named after its worst version pair;
 * it touches every instance on either side that is in at least one incompatible pair.
 */
function peerSkewViolations(ctx: RuleContext, pair: PeerPair): ViolationDraft[] {
  const callers = ctx.summary(pair.callerRegion, pair.from).buckets;
  const callees = ctx.summary(pair.calleeRegion, pair.to).buckets;
  const a0 = callers[0];
  const a1 = callers[callers.length - 1];
  const b0 = callees[0];
  const b1 = callees[callees.length - 1];
  if (!a0 || !a1 || !b0 || !b1) return [];
  const up = a1.train - b0.train; // newest caller vs oldest callee
  const down = b1.train - a0.train; // newest callee vs oldest caller
  const gap = Math.max(up, down);
  if (gap <= PEER_LIMIT) return [];
  const [worstCaller, worstCallee] = up >= down ? [a1, b0] : [a0, b1];

  const tooFar = (x: number, y: number) => Math.abs(x - y) > PEER_LIMIT;
  const badCallers = callers.filter((a) => callees.some((b) => tooFar(a.train, b.train)));
  const badCallees = callees.filter((b) => callers.some((a) => tooFar(a.train, b.train)));
  let pairs = 0;
  for (const a of callers) for (const b of callees) if (tooFar(a.train, b.train)) pairs++;

  const sameSide = pair.from === pair.to && pair.callerRegion === pair.calleeRegion;
  const touched = sameSide ? [...new Set([...badCallers, ...badCallees])] : [...badCallers, ...badCallees];
  const { instances, activeUsers } = sumBuckets(touched);
  const local = pair.callerRegion === pair.calleeRegion;
  const regions = local ? [pair.callerRegion] : [pair.callerRegion, pair.calleeRegion];
  const subject = violationSubject('peer-skew', regions, [pair.from, pair.to]);
  const versions = sameSide
    ? involvedVersions(ctx, pair.callerRegion, pair.from, sortByTrain(touched))
    : [...involvedVersions(ctx, pair.callerRegion, pair.from, badCallers), ...involvedVersions(ctx, pair.calleeRegion, pair.to, badCallees)];
  const others = pairs > 1 ? ` (the worst of ${pairs} incompatible train pairs)` : '';
  const where = local
    ? `In ${pair.callerRegion}, ${pair.from} ${bucketLabel(ctx, worstCaller)} calls ${pair.to} ${bucketLabel(ctx, worstCallee)}`
    : `Across regions, ${pair.from} ${bucketLabel(ctx, worstCaller)} in ${pair.callerRegion} calls ${pair.to} ${bucketLabel(ctx, worstCallee)} in ${pair.calleeRegion}`;
  return [
    {
      id: violationId(subject, [worstCaller.train, worstCallee.train]),
      subject,
      rule: 'peer-skew',
      regions,
      components: pair.from === pair.to ? [pair.from] : [pair.from, pair.to],
      databaseGroup: null,
      toggle: null,
      trains: [worstCaller.train, worstCallee.train],
      trainNames: [worstCaller.train, worstCallee.train].map((t) => ctx.catalog.label(t)),
      gap,
      limit: PEER_LIMIT,
      versions,
      schemaTrains: [],
      instances,
      activeUsers,
      databases: 0,
      sentence: `${where}: ${trainsApart(gap)}${others}, but a caller and the component it calls may be at most 1 train apart ${impact(instances, activeUsers)}.`,
    },
  ];
}

function sortByTrain(buckets: TrainBucket[]): TrainBucket[] {
  return [...buckets].sort((a, b) => a.train - b.train);
}
