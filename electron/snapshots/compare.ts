import type { AuditEntryView, ComparedViolation, RegionStatus, SignalDelta, SnapshotComparison, ToggleChange, VersionChange, VersionCount } from '../../shared/contract/index.ts';
import type { Violation } from '../../shared/compat/schemas.ts';
import { isLive } from '../../shared/compat/tallies.ts';
import type { FleetState, Signal } from '../../shared/protocol/index.ts';
import type { OpenedSnapshot, SignalMean } from './open.ts';

/** One side of a comparison: a snapshot, or the live console read at one moment. */
export interface ComparableSide {
  label: string;
  file: string | null;
  takenAt: string;
  statuses: readonly RegionStatus[];
  states: readonly FleetState[];
  violations: readonly Violation[];
  signalMeans(windowSeconds: number, signals: readonly Signal[]): SignalMean[] | Promise<SignalMean[]>;
  /** Audit entries after `from` up to `to`: the latest `limit`, oldest first, and how many there are. */
  auditBetween(from: string, to: string, limit: number): { entries: AuditEntryView[]; total: number } | Promise<{ entries: AuditEntryView[]; total: number }>;
  /** The time from which this side holds every audit entry; null when it holds them all (or none at all: see `hasAudit`). */
  auditHeldFrom: string | null;
  hasAudit: boolean;
}

export interface CompareOptions {
  /** Signal means are taken over this many seconds before each side's time (default 15 minutes). */
  signalWindowSeconds?: number;
  signals?: readonly Signal[];
  /** Most audit entries listed (default 1,000; the total is always given). */
  auditLimit?: number;
}

const DEFAULT_SIGNALS: readonly Signal[] = ['error_rate', 'latency_p95', 'health', 'request_rate'];

export function snapshotSide(s: OpenedSnapshot, label = s.file): ComparableSide {
  const audit = s.manifest.audit;
  return {
    label,
    file: s.file,
    takenAt: s.manifest.takenAt,
    statuses: s.regions.list(),
    states: s.regions.fleetStates(),
    violations: s.verdict.violations,
    signalMeans: (w, signals) => s.signalMeans(w, signals),
    auditBetween: (from, to, limit) => s.audit.between(from, to, limit),
    auditHeldFrom: audit && audit.anchor.seq > 0 ? s.audit.firstAt() : null,
    hasAudit: audit !== null,
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Live instances per version of each (region, component), oldest train first. */
function versionCounts(states: readonly FleetState[]): Map<string, VersionCount[]> {
  const out = new Map<string, Map<string, VersionCount>>();
  for (const state of states) {
    const trains = new Map(state.componentVersions.map((v) => [`${v.component}\u0000${v.version}`, v.train]));
    for (const i of state.instances) {
      if (!isLive(i.state)) continue;
      const key = `${state.region.id}\u0000${i.component}`;
      const versions = out.get(key) ?? new Map<string, VersionCount>();
      out.set(key, versions);
      const entry = versions.get(i.version) ?? { version: i.version, train: trains.get(`${i.component}\u0000${i.version}`) ?? -1, instances: 0 };
      entry.instances++;
      versions.set(i.version, entry);
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v.values()].sort((x, y) => x.train - y.train || byText(x.version, y.version))]));
}

function versionChanges(a: readonly FleetState[], b: readonly FleetState[]): VersionChange[] {
  const before = versionCounts(a);
  const after = versionCounts(b);
  const out: VersionChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort(byText)) {
    const x = before.get(key) ?? [];
    const y = after.get(key) ?? [];
    if (x.map((v) => v.version).join('\u0000') === y.map((v) => v.version).join('\u0000')) continue;
    const [region = '', component = ''] = key.split('\u0000');
    out.push({ region, component, before: x, after: y });
  }
  return out;
}

function toggleChanges(a: readonly FleetState[], b: readonly FleetState[]): ToggleChange[] {
  const states = (list: readonly FleetState[]) => new Map(list.flatMap((s) => s.toggles.map((t) => [`${s.region.id}\u0000${t.key}`, t.state] as const)));
  const before = states(a);
  const after = states(b);
  const out: ToggleChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort(byText)) {
    const x = before.get(key) ?? null;
    const y = after.get(key) ?? null;
    if (x === y) continue;
    const [region = '', toggle = ''] = key.split('\u0000');
    out.push({ region, key: toggle, before: x, after: y });
  }
  return out;
}

const compared = (v: Violation): ComparedViolation => ({ id: v.id, subject: v.subject, rule: v.rule, regions: v.regions, components: v.components, firstSeen: v.firstSeen, sentence: v.sentence });

function signalDeltas(a: readonly SignalMean[], b: readonly SignalMean[]): SignalDelta[] {
  const key = (m: SignalMean) => `${m.region}\u0000${m.component}\u0000${m.version}\u0000${m.signal}`;
  const rows = new Map<string, SignalDelta>();
  const row = (m: SignalMean): SignalDelta => rows.get(key(m)) ?? { region: m.region, component: m.component, version: m.version, signal: m.signal, before: null, after: null, delta: null, relativeDelta: null };
  for (const m of a) rows.set(key(m), { ...row(m), before: m.mean });
  for (const m of b) rows.set(key(m), { ...row(m), after: m.mean });
  return [...rows.entries()]
    .sort(([x], [y]) => byText(x, y))
    .map(([, r]) => {
      const delta = r.before !== null && r.after !== null ? r.after - r.before : null;
      return { ...r, delta, relativeDelta: delta !== null && r.before !== 0 && r.before !== null ? delta / r.before : null };
    });
}

/**
 * What changed from `a` to `b`: region connection states, the live versions of each component in
 * each region (pairs whose versions differ), toggle states, violations that appeared or were
 * resolved, each version's signal means over the last minutes before each side's time, and the
 * audit entries between the two times (from the later side). Plain JSON.
 */
export async function compareSnapshots(a: ComparableSide, b: ComparableSide, options: CompareOptions = {}): Promise<SnapshotComparison> {
  const windowSeconds = options.signalWindowSeconds ?? 900;
  const signals = options.signals ?? DEFAULT_SIGNALS;
  const limit = options.auditLimit ?? 1_000;

  const stateOf = (side: ComparableSide) => new Map(side.statuses.map((s) => [s.id, s.state]));
  const sa = stateOf(a);
  const sb = stateOf(b);
  const regions = [...new Set([...sa.keys(), ...sb.keys()])]
    .sort(byText)
    .flatMap((region) => (sa.get(region) === sb.get(region) ? [] : [{ region, before: sa.get(region) ?? null, after: sb.get(region) ?? null }]));

  const ids = (side: ComparableSide) => new Map(side.violations.map((v) => [v.id, v]));
  const va = ids(a);
  const vb = ids(b);
  const appeared = [...vb.values()].filter((v) => !va.has(v.id)).map(compared);
  const resolved = [...va.values()].filter((v) => !vb.has(v.id)).map(compared);

  const [meansA, meansB] = await Promise.all([a.signalMeans(windowSeconds, signals), b.signalMeans(windowSeconds, signals)]);

  const [earlier, later] = Date.parse(a.takenAt) <= Date.parse(b.takenAt) ? [a, b] : [b, a];
  const from = new Date(earlier.takenAt).toISOString();
  const to = new Date(later.takenAt).toISOString();
  const between = later.hasAudit ? await later.auditBetween(from, to, limit) : { entries: [], total: 0 };
  const gap = !later.hasAudit
    ? `${later.label} holds no audit entries`
    : later.auditHeldFrom !== null && later.auditHeldFrom > from
      ? `${later.label} holds audit entries from ${later.auditHeldFrom} on; entries between ${from} and then are not in it`
      : null;

  return {
    a: { label: a.label, file: a.file, takenAt: a.takenAt },
    b: { label: b.label, file: b.file, takenAt: b.takenAt },
    regions,
    versions: versionChanges(a.states, b.states),
    toggles: toggleChanges(a.states, b.states),
    violations: { appeared, resolved, unchanged: [...va.keys()].filter((id) => vb.has(id)).length },
    signals: { windowSeconds, deltas: signalDeltas(meansA, meansB) },
    audit: { from, to, entries: between.entries, total: between.total, limit, gap },
  };
}
