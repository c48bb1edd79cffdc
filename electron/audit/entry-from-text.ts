import { AuditKind, AuditOutcome, type AuditEntry } from './entry.ts';

/** A row of `audit_entries`: seq, the canonical text the chain hashes, and the links. */
export type AuditEntryRow = [seq: number, entry: string, prevHash: string, hash: string];

/**
 * An entry read back from its canonical text, in the console's store and in a snapshot alike. A
 * damaged text still shows what can be read: fields of the wrong type read as empty, an unknown kind
 * as a note, an unknown outcome as none, and text that is not JSON at all as its first 200 characters.
 */
export function entryFromText([seq, text, prevHash, hash]: AuditEntryRow): AuditEntry {
  let f: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) f = parsed as Record<string, unknown>;
  } catch {
    f = { response: `unreadable entry: ${text.slice(0, 200)}` };
  }
  const s = (k: string): string | null => (typeof f[k] === 'string' ? (f[k] as string) : null);
  const j = (k: string): AuditEntry['before'] => (f[k] === undefined ? null : (f[k] as AuditEntry['before']));
  const kind = AuditKind.safeParse(f.kind);
  const outcome = AuditOutcome.safeParse(f.outcome);
  return {
    seq,
    at: s('at') ?? new Date(0).toISOString(),
    kind: kind.success ? kind.data : 'note',
    actorUser: s('actorUser') ?? '',
    actorName: s('actorName') ?? '',
    workstation: s('workstation') ?? '',
    action: s('action') ?? '',
    region: s('region'),
    target: s('target'),
    before: j('before'),
    after: j('after'),
    whatIf: j('whatIf'),
    override: s('override'),
    reason: s('reason'),
    ticket: s('ticket'),
    breakGlass: f.breakGlass === true,
    idempotencyKey: s('idempotencyKey'),
    intentSeq: typeof f.intentSeq === 'number' ? f.intentSeq : null,
    outcome: outcome.success ? outcome.data : null,
    response: s('response'),
    consoleVersion: s('consoleVersion') ?? '',
    prevHash,
    hash,
  };
}
