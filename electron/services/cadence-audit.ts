import { z } from 'zod';
import { assertNever } from '../../shared/assert-never.ts';
import type { AuditedRemedy } from '../../shared/cadence/index.ts';
import type { AuditEntry, AuditStore } from '../audit/index.ts';

/** Audited actions that remedy a failure in production. `rollout.abort` is not one: it stops a train before it reaches production. */
const REMEDY_ACTIONS = ['toggle.set', 'component.rollback', 'schema.rollback'] as const;
type RemedyAction = (typeof REMEDY_ACTIONS)[number];

const ToggleChange = z.object({ before: z.object({ state: z.string() }), after: z.object({ state: z.string() }) });
const RollbackTo = z.object({ after: z.object({ train: z.int().min(0) }) });
const PAGE = 1_000;
/** Most outcomes read per action and sync: a sync covers at most this many of each. */
const MAX_PER_ACTION = 20_000;

/** What one succeeded outcome and its intent say: a toggle turned off or a rollback, or nothing cadence counts. */
export function remedyOf(action: RemedyAction, outcome: AuditEntry, intent: AuditEntry): AuditedRemedy | null {
  const region = outcome.region ?? intent.region;
  if (region === null) return null;
  const atMs = Date.parse(intent.at);
  switch (action) {
    case 'toggle.set': {
      const change = ToggleChange.safeParse({ before: intent.before, after: intent.after });
      if (!change.success || change.data.after.state !== 'off' || change.data.before.state === 'off') return null;
      return { region, action: 'toggle-off', atMs, toTrain: null };
    }
    case 'component.rollback':
    case 'schema.rollback': {
      const to = RollbackTo.safeParse({ after: intent.after });
      return to.success ? { region, action: 'rollback', atMs, toTrain: to.data.after.train } : null;
    }
    default:
      return assertNever(action, 'remedy action');
  }
}

/** Succeeded toggle-offs and rollbacks recorded since `sinceMs`, oldest first. */
export function auditedRemedies(audit: Pick<AuditStore, 'query' | 'get'>, sinceMs: number): AuditedRemedy[] {
  const out: AuditedRemedy[] = [];
  const since = new Date(sinceMs).toISOString();
  for (const action of REMEDY_ACTIONS) {
    for (let offset = 0; offset < MAX_PER_ACTION; offset += PAGE) {
      const { entries, total } = audit.query({ action, outcome: 'succeeded', since }, { limit: PAGE, offset });
      for (const outcome of entries) {
        const intent = outcome.intentSeq === null ? null : audit.get(outcome.intentSeq);
        const remedy = intent ? remedyOf(action, outcome, intent) : null;
        if (remedy) out.push(remedy);
      }
      if (offset + PAGE >= total) break;
    }
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}
