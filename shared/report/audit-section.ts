import type { AuditEntryView } from '../contract/audit.ts';
import type { ReportAction } from './schema.ts';
import type { TrainScope } from './train-scope.ts';

/** Most actions listed; the report says how many more it found. */
export const MAX_ACTIONS = 200;

/** True for an intent about the train: its rollouts, components, toggles or database groups. */
function concernsTrain(e: AuditEntryView, scope: TrainScope): boolean {
  if (e.target === null) return false;
  if (e.action.startsWith('rollout.')) return scope.rolloutIds.has(e.target);
  switch (e.action) {
    case 'component.rollback':
      return scope.components.has(e.target);
    case 'toggle.set':
      return scope.toggleKeys.has(e.target);
    case 'schema.rollback':
      return scope.databaseGroups.has(e.target);
    default:
      return false;
  }
}

const actorOf = (e: AuditEntryView) => (e.actorName ? `${e.actorName} (${e.actorUser})` : e.actorUser);

/**
 * The train's actions, newest first: each intent with its final outcome (a later `unknown` is
 * replaced by a final one), with reason, ticket, override and break-glass. Entries before the
 * train's cut are left out: they were about an earlier train.
 */
export function auditSection(entries: readonly AuditEntryView[], scope: TrainScope): { actions: ReportAction[]; omitted: number } {
  const cut = Date.parse(scope.train.date);
  const outcomes = new Map<number, AuditEntryView>();
  for (const e of entries) {
    if (e.kind !== 'outcome' || e.intentSeq === null) continue;
    const known = outcomes.get(e.intentSeq);
    // Prefer a final outcome over `unknown`, then the later entry.
    if (!known || (known.outcome === 'unknown' && e.outcome !== 'unknown') || (e.outcome !== 'unknown' && e.seq > known.seq)) outcomes.set(e.intentSeq, e);
  }
  const intents = entries.filter((e) => e.kind === 'intent' && Date.parse(e.at) >= cut && concernsTrain(e, scope)).sort((a, b) => b.seq - a.seq);
  const actions = intents.slice(0, MAX_ACTIONS).map((e): ReportAction => {
    const outcome = outcomes.get(e.seq) ?? null;
    return {
      seq: e.seq,
      at: e.at,
      kind: e.kind,
      actor: actorOf(e),
      action: e.action,
      region: e.region,
      target: e.target,
      reason: e.reason,
      ticket: e.ticket,
      override: e.override,
      breakGlass: e.breakGlass,
      outcome: outcome?.outcome ?? null,
      outcomeSeq: outcome?.seq ?? null,
      response: outcome?.response ?? null,
      hash: e.hash,
    };
  });
  return { actions, omitted: intents.length - actions.length };
}
