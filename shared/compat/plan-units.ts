import { FLEET_REGION_TOKEN } from './ids.ts';
import type { Violation } from './schemas.ts';
import { unitKey } from './units.ts';

/** The rule unit a violation comes from (the engine recomputes it when its inputs change). */
export function violationUnit(v: Violation): string {
  const region = v.regions[0] ?? '';
  const component = v.components[0] ?? '';
  switch (v.rule) {
    case 'version-window':
      return v.id.startsWith(`version-window:${FLEET_REGION_TOKEN}:`)
        ? unitKey({ kind: 'fleet-window', component })
        : unitKey({ kind: 'window', region, component });
    case 'peer-skew':
      return unitKey({ kind: 'peer', pair: { from: component, to: v.components[1] ?? component, callerRegion: region, calleeRegion: v.regions[1] ?? region } });
    case 'schema-skew':
      return unitKey({ kind: 'schema', region, group: v.databaseGroup ?? '' });
    case 'toggle-min-version':
      return unitKey({ kind: 'toggle', region, key: v.toggle ?? '' });
  }
}
