import type { Component, DatabaseGroup, Dependency, FleetState } from '../protocol/index.ts';

/** Components, regions, edges and database groups across regions (first definition wins). */
export interface FleetCatalog {
  regions: { id: string; name: string }[];
  components: Component[];
  componentById: Map<string, Component>;
  /** Edges keyed by from→to, with the regions that declare them. */
  edges: { edge: Dependency; regions: string[] }[];
  groups: { region: string; group: DatabaseGroup }[];
}

const TIER_ORDER = { ui: 0, gateway: 1, service: 2, worker: 3, store: 4 } as const;

export function buildCatalog(states: readonly FleetState[]): FleetCatalog {
  const componentById = new Map<string, Component>();
  const edges = new Map<string, { edge: Dependency; regions: string[] }>();
  const groups: { region: string; group: DatabaseGroup }[] = [];
  for (const state of states) {
    for (const c of state.components) if (!componentById.has(c.id)) componentById.set(c.id, c);
    for (const d of state.dependencies) {
      const key = `${d.from}\u0000${d.to}`;
      const entry = edges.get(key);
      if (entry) entry.regions.push(state.region.id);
      else edges.set(key, { edge: d, regions: [state.region.id] });
    }
    for (const g of state.databaseGroups) groups.push({ region: state.region.id, group: g });
  }
  const components = [...componentById.values()].sort((a, b) => TIER_ORDER[a.tier] - TIER_ORDER[b.tier] || a.name.localeCompare(b.name));
  return { regions: states.map((s) => ({ id: s.region.id, name: s.region.name })), components, componentById, edges: [...edges.values()], groups };
}
