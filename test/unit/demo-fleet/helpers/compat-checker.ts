import type { ComponentVersion, FleetState } from '../../../../shared/protocol/index.ts';

/**
 * A deliberately small, independent reading of the +1/−1 rules (DESIGN §3), for testing the demo
 * fleet only. It does not share code with shared/compat or the generator. Declared peer ranges on
 * component versions are honoured (the demo fleet declares no schema ranges).
 */
export interface Violation {
  rule: 'version-window' | 'peer-skew' | 'schema-skew' | 'toggle-min-version';
  region: string;
  detail: string;
  /** The train gap that breaks the rule (window span, peer distance, schema distance). */
  gap: number;
}

function trainIndex(state: FleetState): (component: string, version: string) => number {
  const map = new Map(state.componentVersions.map((v) => [`${v.component}@${v.version}`, v.train]));
  return (component, version) => {
    const t = map.get(`${component}@${version}`);
    if (t === undefined) throw new Error(`${state.region.id}: ${component}@${version} has no train`);
    return t;
  };
}

/** Trains of the live instances per component. */
export function liveTrains(state: FleetState): Map<string, Set<number>> {
  const train = trainIndex(state);
  const out = new Map<string, Set<number>>();
  for (const i of state.instances) {
    const set = out.get(i.component) ?? new Set<number>();
    set.add(train(i.component, i.version));
    out.set(i.component, set);
  }
  return out;
}

const span = (s: Iterable<number>): number => {
  const a = [...s];
  return a.length === 0 ? 0 : Math.max(...a) - Math.min(...a);
};


interface LiveVersion {
  train: number;
  compatibility: ComponentVersion['compatibility'];
}

/** The distinct versions of a component that instances run, with their declarations. */
function versionsOf(state: FleetState, component: string): LiveVersion[] {
  const running = new Set(state.instances.filter((i) => i.component === component).map((i) => i.version));
  return state.componentVersions.filter((v) => v.component === component && running.has(v.version)).map((v) => ({ train: v.train, compatibility: v.compatibility }));
}

/**
 * Declared ranges replace ±1 for a pair: the caller's range for the callee and the callee's range
 * for the caller must hold where given; ±1 only where neither declares. The largest gap of a
 * failing pair, or null.
 */
function worstPeerGap(callers: LiveVersion[], callees: LiveVersion[], from: string, to: string): number | null {
  let worst: number | null = null;
  for (const a of callers) {
    const forCallee = a.compatibility?.callees?.find((r) => r.component === to)?.trains;
    for (const b of callees) {
      const forCaller = b.compatibility?.callers?.find((r) => r.component === from)?.trains;
      const gap = Math.abs(a.train - b.train);
      const within = (r: { min: number; max: number } | undefined, t: number) => r === undefined || (t >= r.min && t <= r.max);
      const ok = forCallee || forCaller ? within(forCallee, b.train) && within(forCaller, a.train) : gap <= 1;
      if (!ok) worst = Math.max(worst ?? 0, gap);
    }
  }
  return worst;
}

export function checkFleet(states: readonly FleetState[]): Violation[] {
  const out: Violation[] = [];
  const live = new Map(states.map((s) => [s.region.id, liveTrains(s)]));
  const fleetWide = new Map<string, Set<number>>();
  for (const trains of live.values()) {
    for (const [c, set] of trains) fleetWide.set(c, new Set([...(fleetWide.get(c) ?? []), ...set]));
  }
  for (const [c, set] of fleetWide) {
    if (span(set) > 2) out.push({ rule: 'version-window', region: '*', detail: `${c} spans ${[...set].join(',')}`, gap: span(set) });
  }

  for (const state of states) {
    const region = state.region.id;
    const here = live.get(region) ?? new Map<string, Set<number>>();
    for (const [c, set] of here) {
      if (span(set) > 2) out.push({ rule: 'version-window', region, detail: `${c} spans ${[...set].join(',')}`, gap: span(set) });
    }
    for (const dep of state.dependencies) {
      const callers = versionsOf(state, dep.from);
      const calleeStates = dep.crossRegion ? states : [state];
      for (const calleeState of calleeStates) {
        const d = worstPeerGap(callers, versionsOf(calleeState, dep.to), dep.from, dep.to);
        if (d !== null) out.push({ rule: 'peer-skew', region, detail: `${dep.from} → ${dep.to}`, gap: d });
      }
    }
    for (const group of state.databaseGroups) {
      const userTrains = group.usedBy.flatMap((c) => [...(here.get(c) ?? [])]);
      for (const db of state.databases) {
        if (db.group !== group.id) continue;
        const schemas = db.migration ? [db.schemaTrain, db.migration.toTrain] : [db.schemaTrain];
        for (const k of userTrains) {
          for (const s of schemas) {
            if (s < k - 1 || s > k + 1) out.push({ rule: 'schema-skew', region, detail: `${db.id} schema ${s} vs instance train ${k}`, gap: s - k });
          }
        }
      }
    }
    const train = trainIndex(state);
    for (const toggle of state.toggles) {
      if (toggle.state !== 'on' || !toggle.minVersion) continue;
      const need = train(toggle.minVersion.component, toggle.minVersion.version);
      const have = Math.min(...(here.get(toggle.minVersion.component) ?? [Infinity]));
      if (have < need) out.push({ rule: 'toggle-min-version', region, detail: `${toggle.key} needs ${need}, runs ${have}`, gap: need - have });
    }
  }
  return dedupe(out);
}

function dedupe(vs: Violation[]): Violation[] {
  const seen = new Set<string>();
  return vs.filter((v) => {
    const key = `${v.rule}|${v.region}|${v.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
