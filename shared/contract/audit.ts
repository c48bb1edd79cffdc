import { z } from 'zod';
import { call, event } from './define.ts';

export const AuditEntryKind = z.enum(['intent', 'outcome', 'setting', 'note']);
export const AuditOutcome = z.enum(['succeeded', 'failed', 'unknown']);

/** One immutable audit record (NIST SP 800-53 AU-3 fields), hash-chained to the one before it. */
export const AuditEntryView = z.object({
  seq: z.number().int().min(1),
  at: z.iso.datetime(),
  kind: AuditEntryKind,
  actorUser: z.string(),
  actorName: z.string(),
  workstation: z.string(),
  action: z.string(),
  region: z.string().nullable(),
  target: z.string().nullable(),
  before: z.json().nullable(),
  after: z.json().nullable(),
  whatIf: z.json().nullable(),
  override: z.string().nullable(),
  reason: z.string().nullable(),
  ticket: z.string().nullable(),
  breakGlass: z.boolean(),
  idempotencyKey: z.string().nullable(),
  intentSeq: z.number().int().nullable(),
  outcome: AuditOutcome.nullable(),
  response: z.string().nullable(),
  consoleVersion: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditFilter = z
  .object({
    since: z.iso.datetime().optional(),
    until: z.iso.datetime().optional(),
    actor: z.string().min(1).max(200).optional(),
    region: z.string().min(1).max(100).optional(),
    action: z.string().min(1).max(100).optional(),
    outcome: AuditOutcome.optional(),
    /** Full-text search over reasons, targets, tickets, actions, regions and actors. */
    text: z.string().min(1).max(200).optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditHead = z.object({ seq: z.number().int().min(0), hash: z.string() });

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int().min(0),
  head: AuditHead,
  /** The first entry that does not verify, and why. */
  firstBad: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  /** The latest signed checkpoint: `valid`, `invalid` (a rewritten file), or `none` yet. */
  signature: z.enum(['valid', 'invalid', 'none']),
  verifiedAt: z.iso.datetime(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

export const auditCalls = {
  'audit.query': call({
    kind: 'query',
    summary: 'Audit entries matching a filter, newest first, with the total and the chain head',
    input: AuditFilter.extend({ limit: z.number().int().min(1).max(1_000).default(200), offset: z.number().int().min(0).default(0) }).strict(),
    output: z.object({ entries: z.array(AuditEntryView), total: z.number().int(), head: AuditHead }),
  }),
  'audit.verify': call({
    kind: 'query',
    summary: 'Recompute the hash chain and check the signed checkpoints; names the first bad entry',
    input: z.object({}),
    output: AuditVerifyResult,
  }),
  'audit.export': call({
    kind: 'query',
    summary: 'The filtered entries as CSV (RFC 4180) or JSON Lines, with the chain head, its signature and the public key',
    input: z.object({ filter: AuditFilter, format: z.enum(['csv', 'jsonl']) }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
  }),
};

export const auditEvents = {
  'audit.appended': event({ summary: 'New audit entries were written', payload: z.object({ head: AuditHead }) }),
};
