import { assertNever } from '../../../shared/assert-never.ts';
import type { ChangeEvent, FleetState } from '../../../shared/protocol/index.ts';

/** The obvious, slow way to apply a change event: the oracle the incremental evaluator must match. */
function upsert<T>(items: readonly T[], item: T, same: (a: T) => boolean): T[] {
  const i = items.findIndex(same);
  return i >= 0 ? items.map((x, j) => (j === i ? item : x)) : [...items, item];
}

export function referenceApply(state: FleetState, event: ChangeEvent): FleetState {
  const next = { ...state, revision: event.revision };
  switch (event.type) {
    case 'instance.upsert':
      return { ...next, instances: upsert(state.instances, event.instance, (i) => i.id === event.instance.id) };
    case 'instance.remove':
      return { ...next, instances: state.instances.filter((i) => i.id !== event.id) };
    case 'database.upsert':
      return { ...next, databases: upsert(state.databases, event.database, (d) => d.id === event.database.id) };
    case 'rollout.upsert':
      return { ...next, rollouts: upsert(state.rollouts, event.rollout, (r) => r.id === event.rollout.id) };
    case 'toggle.upsert':
      return { ...next, toggles: upsert(state.toggles, event.toggle, (t) => t.key === event.toggle.key) };
    case 'componentVersion.upsert': {
      const cv = event.componentVersion;
      return { ...next, componentVersions: upsert(state.componentVersions, cv, (c) => c.component === cv.component && c.version === cv.version) };
    }
    case 'stageGate.upsert': {
      const gate = event.stageGate;
      return { ...next, stageGates: upsert(state.stageGates, gate, (g) => g.train === gate.train && g.stage === gate.stage) };
    }
    default:
      return assertNever(event, 'change event');
  }
}
