import type Database from 'better-sqlite3';
import type { AuditEntryView, AuditFilter, SnapshotAudit } from '../../shared/contract/index.ts';
import { entryFromText, type AuditEntryRow } from '../audit/entry-from-text.ts';

const field = (name: string) => `(entry ->> '$.${name}')`;
// The same filters as the audit store's; text matches (case-insensitively) the fields its full-text index covers.
const WHERE = `
  (@since IS NULL OR ${field('at')} >= @since) AND (@until IS NULL OR ${field('at')} <= @until)
  AND (@actor IS NULL OR ${field('actorUser')} = @actor OR ${field('actorName')} = @actor)
  AND (@region IS NULL OR ${field('region')} = @region) AND (@action IS NULL OR ${field('action')} = @action) AND (@outcome IS NULL OR ${field('outcome')} = @outcome)
  AND (@text IS NULL OR instr(lower(concat_ws(' ', ${['reason', 'target', 'ticket', 'action', 'region', 'actorUser', 'actorName'].map(field).join(', ')})), lower(@text)) > 0)`;

/** The audit entries a snapshot holds, read from its file. */
export class SnapshotAuditView {
  constructor(
    private readonly db: Database.Database,
    readonly audit: SnapshotAudit | null,
  ) {}

  head(): { seq: number; hash: string } {
    return this.audit?.head ?? { seq: 0, hash: '' };
  }

  /** Filtered entries, newest first, with the total (as `audit.query` answers). */
  query(filter: AuditFilter, page: { limit: number; offset: number }): { entries: AuditEntryView[]; total: number } {
    const iso = (t: string | undefined) => (t === undefined ? null : new Date(t).toISOString());
    const args = { since: iso(filter.since), until: iso(filter.until), actor: filter.actor ?? null, region: filter.region ?? null, action: filter.action ?? null, outcome: filter.outcome ?? null, text: filter.text ?? null };
    const total = this.db.prepare(`SELECT count(*) FROM audit_entries WHERE ${WHERE}`).pluck().get(args) as number;
    const rows = this.db.prepare(`SELECT seq, entry, prev_hash, hash FROM audit_entries WHERE ${WHERE} ORDER BY seq DESC LIMIT @limit OFFSET @offset`).raw().all({ ...args, limit: page.limit, offset: page.offset }) as AuditEntryRow[];
    return { entries: rows.map(entryFromText), total };
  }

  /** Entries after `from` up to `to` (ISO times): the latest `limit`, oldest first, with the total. */
  between(from: string, to: string, limit: number): { entries: AuditEntryView[]; total: number } {
    const where = `${field('at')} > ? AND ${field('at')} <= ?`;
    const total = this.db.prepare(`SELECT count(*) FROM audit_entries WHERE ${where}`).pluck().get(from, to) as number;
    const rows = this.db.prepare(`SELECT seq, entry, prev_hash, hash FROM audit_entries WHERE ${where} ORDER BY seq DESC LIMIT ?`).raw().all(from, to, limit) as AuditEntryRow[];
    return { entries: rows.reverse().map(entryFromText), total };
  }

  /** The time of the first entry held (null when none): entries before it are not in the snapshot. */
  firstAt(): string | null {
    const text = this.db.prepare('SELECT entry FROM audit_entries ORDER BY seq LIMIT 1').pluck().get() as string | undefined;
    return text === undefined ? null : entryFromText([0, text, '', '']).at;
  }
}
