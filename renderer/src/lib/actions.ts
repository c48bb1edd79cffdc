import type { Violation, VersionMixEntry } from '../../../shared/compat/schemas.ts';
import type { ActionDraft } from '../../../shared/contract/actions.ts';
import type { ActionRequest } from '../../../shared/protocol/index.ts';

export type ActionType = ActionRequest['type'];

/** Every action type, in the order the audit filter lists them. */
export const ACTION_TYPES: readonly ActionType[] = ['toggle.set', 'component.rollback', 'schema.rollback', 'rollout.pause', 'rollout.resume', 'rollout.abort'];

/** A proposed action and the words of the button or menu item that proposes it. */
export interface ActionChoice {
  label: string;
  draft: ActionDraft;
}

/** What the run button says for an action (before any override or break-glass). */
export function actionVerb(action: ActionRequest): string {
  switch (action.type) {
    case 'toggle.set':
      return action.state === 'on' ? 'Turn on' : action.state === 'off' ? 'Turn off' : 'Set dormant';
    case 'rollout.pause':
      return 'Pause rollout';
    case 'rollout.resume':
      return 'Resume rollout';
    case 'rollout.abort':
      return 'Abort rollout';
    case 'component.rollback':
      return 'Roll back';
    case 'schema.rollback':
      return 'Roll back schema';
  }
}

/** "train 5 (2026.10)" when the name is known, else "train 5". */
export function trainLabel(train: number, names: ReadonlyMap<number, string>): string {
  const name = names.get(train);
  return name ? `train ${train} (${name})` : `train ${train}`;
}

/** Train index → name, from any version mixes at hand. */
export function trainNames(mixes: Iterable<readonly VersionMixEntry[]>): Map<number, string> {
  const names = new Map<number, string>();
  for (const mix of mixes) for (const m of mix) names.set(m.train, m.trainName);
  return names;
}

/**
 * Rolling a component in a region back one train: from the newest train live there (N, read from
 * the region's version mix) to N−1. Null when nothing runs there or N is the first train.
 */
export function previousTrainRollback(component: string, region: string, mix: readonly VersionMixEntry[], names: ReadonlyMap<number, string>): ActionChoice | null {
  if (mix.length === 0) return null;
  const newest = Math.max(...mix.map((m) => m.train));
  if (newest <= 0) return null;
  const toTrain = newest - 1;
  return {
    label: `Roll back ${component} in ${region} to train N−1: ${trainLabel(toTrain, names)}`,
    draft: { region, action: { type: 'component.rollback', component, toTrain } },
  };
}

/**
 * The one action a violation suggests, kept simple: roll the newer side back just far enough to be
 * within the rule's limit (never past the older side), or turn off a toggle enabled too early. The
 * confirmation's what-if says whether it really resolves the violation.
 */
export function suggestedAction(v: Violation): ActionChoice | null {
  const names = new Map<number, string>();
  v.trains.forEach((t, i) => names.set(t, v.trainNames[i] ?? `#${t}`));
  for (const iv of v.versions) names.set(iv.train, iv.trainName);
  const excess = v.gap - v.limit;
  switch (v.rule) {
    case 'toggle-min-version': {
      const region = v.regions[0];
      if (!v.toggle || !region) return null;
      return { label: `Turn off ${v.toggle} in ${region}`, draft: { region, action: { type: 'toggle.set', key: v.toggle, state: 'off' } } };
    }
    case 'schema-skew': {
      const [componentTrain, schemaTrain] = v.trains;
      const region = v.regions[0];
      if (componentTrain === undefined || schemaTrain === undefined || !region || excess <= 0) return null;
      if (schemaTrain > componentTrain && v.databaseGroup) {
        const toTrain = Math.max(componentTrain, schemaTrain - excess);
        return {
          label: `Roll back the schema of ${v.databaseGroup} in ${region} to ${trainLabel(toTrain, names)}`,
          draft: { region, action: { type: 'schema.rollback', databaseGroup: v.databaseGroup, toTrain } },
        };
      }
      const newest = newestVersion(v);
      if (!newest) return null;
      const toTrain = Math.max(schemaTrain, newest.train - excess);
      return {
        label: `Roll back ${newest.component} in ${newest.region} to ${trainLabel(toTrain, names)}`,
        draft: { region: newest.region, action: { type: 'component.rollback', component: newest.component, toTrain } },
      };
    }
    case 'version-window':
    case 'peer-skew': {
      const newest = newestVersion(v);
      if (!newest || excess <= 0) return null;
      const oldest = Math.min(...v.versions.map((iv) => iv.train));
      const toTrain = Math.max(oldest, newest.train - excess);
      if (toTrain >= newest.train) return null;
      return {
        label: `Roll back ${newest.component} in ${newest.region} to ${trainLabel(toTrain, names)}`,
        draft: { region: newest.region, action: { type: 'component.rollback', component: newest.component, toTrain } },
      };
    }
  }
}

function newestVersion(v: Violation) {
  let newest: Violation['versions'][number] | undefined;
  for (const iv of v.versions) if (!newest || iv.train > newest.train) newest = iv;
  return newest;
}

/** Readable text of a before/after JSON value: `state on · environment production`. */
export function describeJson(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map((v) => describeJson(v)).join(', ');
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '—';
    return entries.map(([k, v]) => `${k} ${typeof v === 'object' && v !== null && !Array.isArray(v) ? `{${describeJson(v)}}` : describeJson(v)}`).join(' · ');
  }
  return String(value);
}
