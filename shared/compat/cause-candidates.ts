import type { CauseDirection, CauseKind } from './cause-schemas.ts';
import { FLEET_REGION_TOKEN } from './ids.ts';
import type { Violation } from './schemas.ts';

/** What a violation says about the outlier it could be blamed on, seen from that outlier. */
export type Relation =
  | { kind: 'callers'; component: string }
  | { kind: 'callees'; component: string }
  | { kind: 'window'; region: string }
  | { kind: 'fleet'; regions: string[] }
  | { kind: 'schema'; group: string; train: number; trainName: string }
  | { kind: 'users'; component: string }
  | { kind: 'toggle'; sentence: string };

/** One explanation of one violation: "consent at train 44 in eu-west is behind its caller scheduling". */
export interface CandidateRef {
  key: string;
  kind: CauseKind;
  region: string;
  component: string | null;
  group: string | null;
  toggle: string | null;
  train: number | null;
  trainName: string | null;
  direction: CauseDirection | null;
  relation: Relation;
}

export function causeKey(kind: CauseKind, region: string, subject: string, train: number | null): string {
  return [kind, region, subject, ...(train === null ? [] : [String(train)])].map(encodeURIComponent).join(':');
}

function componentRef(region: string, component: string, train: number, trainName: string, direction: CauseDirection, relation: Relation): CandidateRef {
  return { key: causeKey('component', region, component, train), kind: 'component', region, component, group: null, toggle: null, train, trainName, direction, relation };
}

const behindIf = (lower: boolean): CauseDirection => (lower ? 'behind' : 'ahead');

/**
 * Every outlier that, changed, would resolve the violation: the oldest or the newest train of a
 * window; the caller or the callee side of a peer pair; the component or the schema of a schema
 * skew; the toggle of a toggle-minimum-version violation.
 */
export function candidatesOf(v: Violation): CandidateRef[] {
  const [a = 0, b = 0] = v.trains;
  const [nameA = `#${a}`, nameB = `#${b}`] = v.trainNames;
  switch (v.rule) {
    case 'version-window': {
      const component = v.components[0] ?? '';
      const fleetWide = v.id.startsWith(`version-window:${FLEET_REGION_TOKEN}:`);
      const ends: [number, string, CauseDirection][] = [[a, nameA, 'behind'], [b, nameB, 'ahead']];
      return ends.flatMap(([train, name, direction]) => {
        const regions = [...new Set(v.versions.filter((x) => x.train === train).map((x) => x.region))];
        return regions.map((region) => {
          const others = v.regions.filter((r) => r !== region);
          return componentRef(region, component, train, name, direction, fleetWide ? { kind: 'fleet', regions: others } : { kind: 'window', region });
        });
      });
    }
    case 'peer-skew': {
      const [from = '', to = from] = v.components;
      const [callerRegion = '', calleeRegion = callerRegion] = v.regions;
      return [
        componentRef(callerRegion, from, a, nameA, behindIf(a < b), { kind: 'callees', component: to }),
        componentRef(calleeRegion, to, b, nameB, behindIf(b < a), { kind: 'callers', component: from }),
      ];
    }
    case 'schema-skew': {
      const component = v.components[0] ?? '';
      const group = v.databaseGroup ?? '';
      const region = v.regions[0] ?? '';
      return [
        componentRef(region, component, a, nameA, behindIf(a < b), { kind: 'schema', group, train: b, trainName: nameB }),
        { key: causeKey('schema', region, group, b), kind: 'schema', region, component: null, group, toggle: null, train: b, trainName: nameB, direction: behindIf(b < a), relation: { kind: 'users', component } },
      ];
    }
    case 'toggle-min-version': {
      const region = v.regions[0] ?? '';
      const toggle = v.toggle ?? '';
      return [{ key: causeKey('toggle', region, toggle, null), kind: 'toggle', region, component: v.components[0] ?? null, group: null, toggle, train: null, trainName: null, direction: null, relation: { kind: 'toggle', sentence: v.sentence } }];
    }
  }
}

/** Live instances and users at the candidate's own cell, as the violation reports them. */
export function touchedAt(ref: CandidateRef, v: Violation): Map<string, { instances: number; users: number }> {
  const out = new Map<string, { instances: number; users: number }>();
  if (ref.kind !== 'component') return out;
  for (const x of v.versions) {
    if (x.region === ref.region && x.component === ref.component && x.train === ref.train) {
      out.set(versionCell(x.region, x.component, x.version), { instances: x.instances, users: x.activeUsers });
    }
  }
  return out;
}

export function versionCell(region: string, component: string, version: string): string {
  return `${region}\u0000${component}\u0000${version}`;
}
