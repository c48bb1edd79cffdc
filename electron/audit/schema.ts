import { GENESIS_HASH } from './entry.ts';

/** `audit_meta.format`: what marks a SQLite file as an audit store. */
export const STORE_FORMAT = 'rcc-audit';
/** 2: entries in a compact table, the filtered fields in their own (1 kept them as generated columns). */
export const SCHEMA_VERSION = '2';
/**
 * Page size of a new store. Verify reads every entry: with 16 KiB pages it touches a quarter of the
 * pages it would with SQLite's 4 KiB default, which made it ~1.5× faster over a million entries.
 */
export const PAGE_SIZE = 16384;

/** Every table the store needs (a file lacking one is not an audit store, or was damaged). */
export const TABLES = ['audit_meta', 'audit_entries', 'audit_fields', 'audit_checkpoints', 'audit_verifications', 'audit_fts'] as const;

const appendOnly = (table: string, what: string) => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, 'the audit store is append-only: UPDATE of ${what} refused'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, 'the audit store is append-only: DELETE of ${what} refused'); END;`;

const field = (name: string) => `(NEW.entry ->> '$.${name}')`;

/**
 * The `tags` column of the FTS index: one exact token per filtered field — `k<kind>`, `o<outcome>`,
 * and `r`, `a`, `u`, `n` + the hex of the region, action, actor user and actor name (empty when
 * null) — so that FTS5 alone answers equality filters, without a row lookup per candidate.
 */
export function tagsSql(v: Record<'kind' | 'outcome' | 'region' | 'action' | 'actorUser' | 'actorName', string>): string {
  return (
    `'k' || coalesce(${v.kind}, '') || ' o' || coalesce(${v.outcome}, '') || ' r' || coalesce(hex(${v.region}), '') || ` +
    `' a' || coalesce(hex(${v.action}), '') || ' u' || coalesce(hex(${v.actorUser}), '') || ' n' || coalesce(hex(${v.actorName}), '')`
  );
}

/**
 * The schema.
 *
 * - `audit_entries (seq, entry, prev_hash, hash)`: each entry's canonical serialization — the text
 *   its hash covers — and its chain links; nothing else. Verify reads only this compact table.
 * - `audit_fields`: the fields queries filter on (time, kind, actor, action, region, outcome, intent),
 *   read out of `entry` by the insert trigger, with an index each. Like an index, it is derived data:
 *   what a query returns is always parsed from `entry`, the text the chain covers.
 * - `audit_fts`: an external-content FTS5 index over reason, target, ticket, action, region and actor
 *   (user and display name), plus exact-value `tags` (see tagsSql), fed by the same trigger; its
 *   content is the `audit_fts_source` view.
 * - `audit_checkpoints`, `audit_verifications`, `audit_meta`.
 *
 * Every table refuses UPDATE and DELETE (triggers); an entry is accepted only as the next seq,
 * linked to the last hash.
 */
export const SCHEMA_SQL = `
CREATE TABLE audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE audit_entries (
  seq INTEGER PRIMARY KEY,
  entry TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

CREATE TABLE audit_fields (
  seq INTEGER PRIMARY KEY,
  at TEXT,
  kind TEXT,
  actor_user TEXT,
  actor_name TEXT,
  action TEXT,
  region TEXT,
  outcome TEXT,
  intent_seq INTEGER
);
CREATE INDEX audit_fields_at ON audit_fields(at);
CREATE INDEX audit_fields_kind ON audit_fields(kind);
CREATE INDEX audit_fields_actor_user ON audit_fields(actor_user);
CREATE INDEX audit_fields_actor_name ON audit_fields(actor_name);
CREATE INDEX audit_fields_action ON audit_fields(action);
CREATE INDEX audit_fields_region ON audit_fields(region);
CREATE INDEX audit_fields_outcome ON audit_fields(outcome) WHERE outcome IS NOT NULL;
CREATE INDEX audit_fields_intent ON audit_fields(intent_seq) WHERE intent_seq IS NOT NULL;

CREATE VIEW audit_fts_source AS
  SELECT e.seq AS seq, e.entry ->> '$.reason' AS reason, e.entry ->> '$.target' AS target, e.entry ->> '$.ticket' AS ticket,
         f.action AS action, f.region AS region, f.actor_user || ' ' || f.actor_name AS actor,
         ${tagsSql({ kind: 'f.kind', outcome: 'f.outcome', region: 'f.region', action: 'f.action', actorUser: 'f.actor_user', actorName: 'f.actor_name' })} AS tags
  FROM audit_entries AS e JOIN audit_fields AS f ON f.seq = e.seq;
CREATE VIRTUAL TABLE audit_fts USING fts5(
  reason, target, ticket, action, region, actor, tags,
  content = 'audit_fts_source', content_rowid = 'seq'
);

CREATE TRIGGER audit_entries_in_order BEFORE INSERT ON audit_entries
WHEN NEW.seq IS NOT coalesce((SELECT max(seq) FROM audit_entries), 0) + 1
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1), '${GENESIS_HASH}')
BEGIN SELECT RAISE(ABORT, 'audit entries are appended in order: seq must follow the last entry and prev_hash must be its hash'); END;

CREATE TRIGGER audit_entries_derive AFTER INSERT ON audit_entries BEGIN
  INSERT INTO audit_fields (seq, at, kind, actor_user, actor_name, action, region, outcome, intent_seq)
  VALUES (NEW.seq, ${field('at')}, ${field('kind')}, ${field('actorUser')}, ${field('actorName')}, ${field('action')},
          ${field('region')}, ${field('outcome')}, ${field('intentSeq')});
  INSERT INTO audit_fts (rowid, reason, target, ticket, action, region, actor, tags)
  VALUES (NEW.seq, ${field('reason')}, ${field('target')}, ${field('ticket')}, ${field('action')}, ${field('region')},
          ${field('actorUser')} || ' ' || ${field('actorName')},
          ${tagsSql({ kind: field('kind'), outcome: field('outcome'), region: field('region'), action: field('action'), actorUser: field('actorUser'), actorName: field('actorName') })});
END;
${appendOnly('audit_entries', 'audit entries')}
${appendOnly('audit_fields', 'audit fields')}

CREATE TABLE audit_checkpoints (
  seq INTEGER PRIMARY KEY,
  hash TEXT NOT NULL,
  signature TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
${appendOnly('audit_checkpoints', 'checkpoints')}

CREATE TABLE audit_verifications (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  from_seq INTEGER NOT NULL,
  to_seq INTEGER NOT NULL,
  hash TEXT NOT NULL
) STRICT;
${appendOnly('audit_verifications', 'verification records')}
${appendOnly('audit_meta', 'store metadata')}
`;
