import { impact } from '../format.ts';
import { violationId, violationSubject } from '../ids.ts';
import { inRange } from '../declarations.ts';
import type { DeclaredRange } from '../schemas.ts';
import { bucketLabel, involvedVersions, sumBuckets, trainsApart, type RuleContext, type UnitFindings, type ViolationDraft } from './context.ts';
import { declaredRange, entriesToBuckets, rangeTexts, uniqueRanges, versionEntries, type VersionEntry } from './declared-ranges.ts';
import type { PeerPair } from './peer-skew.ts';

export const DECLARED_EXCEPTION_PREFIX = 'declared-exception:';

interface JudgedPair {
  caller: VersionEntry;
  callee: VersionEntry;
  gap: number;
  /** Declarations that decide the pair: the broken ones for a bad pair, the allowing ones otherwise. */
  ranges: DeclaredRange[];
}

/**
 * Peer skew where some version on either end declares ranges. Judged per version pair: the
 * caller's range for the callee and the callee's range for the caller must both hold where given;
 * only a pair neither end declares about falls back to ±1. A pair beyond ±1 that the declarations
 * allow is a declared exception.
 */
export function declaredPeerFindings(ctx: RuleContext, pair: PeerPair, limit: number): UnitFindings {
  const callers = versionEntries(ctx, pair.callerRegion, pair.from);
  const callees = versionEntries(ctx, pair.calleeRegion, pair.to);
  const bad: JudgedPair[] = [];
  const allowed: JudgedPair[] = [];
  for (const caller of callers) {
    const forCallee = caller.declaration?.callees.get(pair.to);
    for (const callee of callees) {
      const forCaller = callee.declaration?.callers.get(pair.from);
      const gap = Math.abs(caller.train - callee.train);
      if (!forCallee && !forCaller) {
        if (gap > limit) bad.push({ caller, callee, gap, ranges: [] });
        continue;
      }
      const broken: DeclaredRange[] = [];
      const holding: DeclaredRange[] = [];
      if (forCallee) (inRange(forCallee, callee.train) ? holding : broken).push(declaredRange(ctx, caller, 'callee', pair.to, forCallee));
      if (forCaller) (inRange(forCaller, caller.train) ? holding : broken).push(declaredRange(ctx, callee, 'caller', pair.from, forCaller));
      if (broken.length > 0) bad.push({ caller, callee, gap, ranges: broken });
      else if (gap > limit) allowed.push({ caller, callee, gap, ranges: holding });
    }
  }
  return {
    violations: bad.length > 0 ? [peerViolation(ctx, pair, limit, bad)] : [],
    exceptions: allowed.length > 0 ? [peerException(ctx, pair, limit, allowed)] : [],
  };
}

/** The widest pair; ties go to the newer caller (as the default rule names its worst pair). */
function widest(pairs: readonly JudgedPair[]): JudgedPair {
  let best = pairs[0] as JudgedPair;
  for (const p of pairs) {
    const up = p.caller.train >= p.callee.train;
    const bestUp = best.caller.train >= best.callee.train;
    if (p.gap > best.gap || (p.gap === best.gap && ((up && !bestUp) || (up === bestUp && p.caller.train > best.caller.train)))) best = p;
  }
  return best;
}

interface Shape {
  subject: string;
  regions: string[];
  components: string[];
  worst: JudgedPair;
  trainPairs: number;
  where: string;
  versions: ViolationDraft['versions'];
  instances: number;
  activeUsers: number;
}

function shape(ctx: RuleContext, pair: PeerPair, pairs: readonly JudgedPair[]): Shape {
  const worst = widest(pairs);
  const sameSide = pair.from === pair.to && pair.callerRegion === pair.calleeRegion;
  const callerBuckets = entriesToBuckets(pairs.map((p) => p.caller));
  const calleeBuckets = entriesToBuckets(pairs.map((p) => p.callee));
  const touched = sameSide ? entriesToBuckets(pairs.flatMap((p) => [p.caller, p.callee])) : [...callerBuckets, ...calleeBuckets];
  const { instances, activeUsers } = sumBuckets(touched);
  const local = pair.callerRegion === pair.calleeRegion;
  const regions = local ? [pair.callerRegion] : [pair.callerRegion, pair.calleeRegion];
  const versions = sameSide
    ? involvedVersions(ctx, pair.callerRegion, pair.from, touched)
    : [...involvedVersions(ctx, pair.callerRegion, pair.from, callerBuckets), ...involvedVersions(ctx, pair.calleeRegion, pair.to, calleeBuckets)];
  const worstCaller = entriesToBuckets(pairs.filter((p) => p.caller.train === worst.caller.train).map((p) => p.caller))[0];
  const worstCallee = entriesToBuckets(pairs.filter((p) => p.callee.train === worst.callee.train).map((p) => p.callee))[0];
  const a = worstCaller ? bucketLabel(ctx, worstCaller) : worst.caller.version;
  const b = worstCallee ? bucketLabel(ctx, worstCallee) : worst.callee.version;
  const where = local
    ? `In ${pair.callerRegion}, ${pair.from} ${a} calls ${pair.to} ${b}`
    : `Across regions, ${pair.from} ${a} in ${pair.callerRegion} calls ${pair.to} ${b} in ${pair.calleeRegion}`;
  return {
    subject: violationSubject('peer-skew', regions, [pair.from, pair.to]),
    regions,
    components: pair.from === pair.to ? [pair.from] : [pair.from, pair.to],
    worst,
    trainPairs: new Set(pairs.map((p) => `${p.caller.train}>${p.callee.train}`)).size,
    where,
    versions,
    instances,
    activeUsers,
  };
}

function peerViolation(ctx: RuleContext, pair: PeerPair, limit: number, pairs: readonly JudgedPair[]): ViolationDraft {
  const s = shape(ctx, pair, pairs);
  const { worst } = s;
  const trains = [worst.caller.train, worst.callee.train];
  const others = s.trainPairs > 1 ? ` (the worst of ${s.trainPairs} incompatible train pairs)` : '';
  const declarations = uniqueRanges(pairs.flatMap((p) => p.ranges));
  const reason =
    worst.ranges.length > 0
      ? `outside the declared range: ${rangeTexts(worst.ranges)}`
      : `but a caller and the component it calls may be at most 1 train apart` +
        (declarations.length > 0 ? `; other pairs fall outside the declared range: ${rangeTexts(declarations)}` : '');
  return {
    id: violationId(s.subject, trains),
    subject: s.subject,
    rule: 'peer-skew',
    regions: s.regions,
    components: s.components,
    databaseGroup: null,
    toggle: null,
    trains,
    trainNames: trains.map((t) => ctx.catalog.label(t)),
    gap: worst.gap,
    limit,
    versions: s.versions,
    schemaTrains: [],
    instances: s.instances,
    activeUsers: s.activeUsers,
    databases: 0,
    sentence: `${s.where}: ${trainsApart(worst.gap)}${others}, ${reason} ${impact(s.instances, s.activeUsers)}.`,
    ...(declarations.length > 0 ? { declarations } : {}),
  };
}

function peerException(ctx: RuleContext, pair: PeerPair, limit: number, pairs: readonly JudgedPair[]) {
  const s = shape(ctx, pair, pairs);
  const { worst } = s;
  const trains = [worst.caller.train, worst.callee.train];
  const declarations = uniqueRanges(pairs.flatMap((p) => p.ranges));
  return {
    id: DECLARED_EXCEPTION_PREFIX + violationId(s.subject, trains),
    rule: 'peer-skew' as const,
    regions: s.regions,
    components: s.components,
    databaseGroup: null,
    trains,
    trainNames: trains.map((t) => ctx.catalog.label(t)),
    gap: worst.gap,
    limit,
    versions: s.versions,
    instances: s.instances,
    activeUsers: s.activeUsers,
    declarations,
    sentence: `${s.where}: ${trainsApart(worst.gap)}, beyond the default ±1 but allowed by the declared range: ${rangeTexts(worst.ranges)} ${impact(s.instances, s.activeUsers)}.`,
  };
}
