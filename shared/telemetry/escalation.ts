import type { WhatIfRequest, WhatIfResult } from '../compat/schemas.ts';
import type { Suggestion } from '../contract/alerts.ts';
import type { ActionRequest, FleetState } from '../protocol/index.ts';

/**
 * The first response to a misbehaving version, following the escalation ladder: turn off the toggle
 * that gates the change (a toggle that is on and whose minimum version names this component at or
 * below the bad version), else roll the component back to the previous train, else roll back the
 * schema of a database group it uses — each with the compatibility engine's what-if verdict.
 */
export function suggestFirstResponse(state: FleetState, component: string, version: string, whatIf: (request: WhatIfRequest) => WhatIfResult): Suggestion {
  const region = state.region.id;
  const trainOf = new Map(state.componentVersions.filter((v) => v.component === component).map((v) => [v.version, v.train]));
  const badTrain = trainOf.get(version);
  const suggest = (step: Suggestion['step'], summary: string, action: ActionRequest): Suggestion => ({
    step,
    summary,
    action: { region, action },
    whatIf: whatIf({ region, action }),
    component,
  });

  if (badTrain !== undefined) {
    const gating = state.toggles
      .filter((t) => t.state === 'on' && t.minVersion?.component === component)
      .map((t) => ({ toggle: t, train: trainOf.get(t.minVersion?.version ?? '') }))
      .filter((g): g is { toggle: (typeof g)['toggle']; train: number } => g.train !== undefined && g.train <= badTrain)
      // The toggle closest to the bad version is the likeliest to gate the change that broke.
      .sort((a, b) => b.train - a.train || a.toggle.key.localeCompare(b.toggle.key));
    const first = gating[0];
    if (first) {
      return suggest('toggle-off', `Turn off toggle ${first.toggle.key} in ${region}: it gates ${component} ${first.toggle.minVersion?.version ?? ''} and later, which includes ${version}`, {
        type: 'toggle.set',
        key: first.toggle.key,
        state: 'off',
      });
    }
    const lower = [...new Set(state.componentVersions.filter((v) => v.component === component && v.train < badTrain).map((v) => v.train))].sort((a, b) => b - a);
    const previous = lower[0];
    if (previous !== undefined) {
      const name = state.trains.find((t) => t.index === previous)?.name ?? String(previous);
      return suggest('rollback-component', `Roll ${component} in ${region} back to train ${name}: no toggle gates ${version}`, {
        type: 'component.rollback',
        component,
        toTrain: previous,
      });
    }
    const groups = state.databaseGroups.filter((g) => g.usedBy.includes(component));
    for (const group of groups) {
      const trains = state.databases.filter((d) => d.group === group.id).map((d) => d.schemaTrain);
      if (trains.length === 0) continue;
      const newest = Math.max(...trains);
      if (newest > 0 && state.trains.some((t) => t.index === newest - 1)) {
        return suggest('rollback-schema', `Roll the ${group.id} schema in ${region} back one train: ${component} has no earlier train to return to`, {
          type: 'schema.rollback',
          databaseGroup: group.id,
          toTrain: newest - 1,
        });
      }
    }
  }
  return { step: 'none', summary: `No toggle, earlier train or schema to roll back for ${component} ${version} in ${region}: escalate to the component's owners`, action: null, whatIf: null, component };
}
