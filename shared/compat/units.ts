import type { EdgeIndex } from './edge-index.ts';
import { joinKey } from './ids.ts';
import type { RegionIndex } from './region-index.ts';
import type { RuleContext, UnitFindings } from './rules/context.ts';
import { peerSkewFindings, type PeerPair } from './rules/peer-skew.ts';
import { schemaSkewFindings } from './rules/schema-skew.ts';
import { toggleMinVersionViolations } from './rules/toggle-min-version.ts';
import { fleetWindowViolations, regionWindowViolations } from './rules/version-window.ts';

/**
 * A unit is the smallest piece of the verdict that is recomputed on its own. A change marks the
 * units it can affect dirty; everything else keeps its cached violations.
 */
export type Unit =
  | { kind: 'window'; region: string; component: string }
  | { kind: 'fleet-window'; component: string }
  | { kind: 'peer'; pair: PeerPair }
  | { kind: 'schema'; region: string; group: string }
  | { kind: 'toggle'; region: string; key: string };

export function unitKey(unit: Unit): string {
  switch (unit.kind) {
    case 'window':
      return joinKey('w', unit.region, unit.component);
    case 'fleet-window':
      return joinKey('f', unit.component);
    case 'peer':
      return joinKey('p', unit.pair.from, unit.pair.to, unit.pair.callerRegion, unit.pair.calleeRegion);
    case 'schema':
      return joinKey('s', unit.region, unit.group);
    case 'toggle':
      return joinKey('t', unit.region, unit.key);
  }
}

export function computeUnit(ctx: RuleContext, unit: Unit): UnitFindings {
  switch (unit.kind) {
    case 'window':
      return { violations: regionWindowViolations(ctx, unit.region, unit.component), exceptions: [] };
    case 'fleet-window':
      return { violations: fleetWindowViolations(ctx, unit.component), exceptions: [] };
    case 'peer':
      return peerSkewFindings(ctx, unit.pair);
    case 'schema':
      return schemaSkewFindings(ctx, unit.region, unit.group);
    case 'toggle':
      return { violations: toggleMinVersionViolations(ctx, unit.region, unit.key), exceptions: [] };
  }
}

/** Units that depend on the live instances of `component` in `region`. */
export function unitsOfComponent(region: RegionIndex, edges: EdgeIndex, component: string): Unit[] {
  const id = region.info.id;
  const units: Unit[] = [
    { kind: 'window', region: id, component },
    { kind: 'fleet-window', component },
  ];
  for (const pair of edges.touching(id, component)) units.push({ kind: 'peer', pair });
  for (const group of region.groupsByComponent.get(component) ?? []) units.push({ kind: 'schema', region: id, group });
  for (const toggle of region.toggles.values()) {
    if (toggle.minVersion?.component === component) units.push({ kind: 'toggle', region: id, key: toggle.key });
  }
  return units;
}

/** Every unit of one region, including the cross-region ones it takes part in. */
export function unitsOfRegion(region: RegionIndex, edges: EdgeIndex): Unit[] {
  const id = region.info.id;
  const units: Unit[] = [];
  for (const component of region.instanceTallies.keys()) {
    units.push({ kind: 'window', region: id, component }, { kind: 'fleet-window', component });
  }
  for (const pair of edges.pairs) {
    if (pair.callerRegion === id || pair.calleeRegion === id) units.push({ kind: 'peer', pair });
  }
  for (const group of region.databaseGroups.keys()) units.push({ kind: 'schema', region: id, group });
  for (const key of region.toggles.keys()) units.push({ kind: 'toggle', region: id, key });
  return units;
}
