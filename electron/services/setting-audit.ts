import { callNames, calls, type CallName, type Handlers } from '../../shared/contract/index.ts';
import type { AuditStore, JsonValue } from '../audit/index.ts';
import { AuditUnavailableError } from '../audit/index.ts';
import { ConsoleError } from '../common/console-error.ts';
import type { EventBus } from '../common/event-bus.ts';
import type { Actor } from './action-service.ts';

/** The calls that change the world outside the console; each is audited by ActionService (intent → send → outcome). */
export const AUDITED_ACTION_CALLS: readonly CallName[] = ['actions.run'];

/** Values never written to the audit trail. */
const SECRET_FIELDS = new Set(['token']);

function redact(args: unknown): JsonValue {
  if (typeof args !== 'object' || args === null) return null;
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '(redacted)' : (v as JsonValue)]));
}

/**
 * The contract's `kind` decides auditing: every `setting` call writes a `setting` entry (before and
 * after, secrets redacted) BEFORE it applies — so a setting never changes unrecorded — and every
 * `action` call must be one ActionService audits; a new action call that is not fails here, at start.
 */
export function auditSettingChanges(
  handlers: Handlers,
  deps: { audit: AuditStore | null; auditProblem?: string; actor: () => Actor; bus: EventBus; before: Partial<Record<CallName, () => unknown>> },
): Handlers {
  const unaudited = callNames.filter((name) => calls[name].kind === 'action' && !AUDITED_ACTION_CALLS.includes(name));
  if (unaudited.length > 0) throw new Error(`Action calls without an audit path: ${unaudited.join(', ')}`);
  const wrapped: Record<string, (args: never) => Promise<unknown>> = { ...handlers };
  for (const name of callNames.filter((n) => calls[n].kind === 'setting')) {
    const handler = handlers[name] as (args: unknown) => Promise<unknown>;
    wrapped[name] = async (args: unknown) => {
      if (!deps.audit) throw new ConsoleError('forbidden', `${name}: not changed, because the audit store cannot be written (${deps.auditProblem ?? 'not open'}).`);
      const actor = deps.actor();
      try {
        deps.audit.append({
          kind: 'setting',
          actorUser: actor.user,
          actorName: actor.displayName,
          workstation: actor.workstation,
          action: name,
          target: typeof args === 'object' && args !== null && 'regionId' in args ? String(args.regionId) : name,
          before: redact(deps.before[name]?.() ?? null),
          after: redact(args),
        });
      } catch (error) {
        if (error instanceof AuditUnavailableError) throw new ConsoleError('forbidden', `${name}: not changed, because the audit store cannot be written: ${error.message}`);
        throw error;
      }
      const head = deps.audit.head();
      if (head) deps.bus.emit('audit.appended', { head });
      return handler(args);
    };
  }
  return wrapped as unknown as Handlers;
}
