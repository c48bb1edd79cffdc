import { GENESIS_HASH } from './entry.ts';

/** `audit_meta.format`: what marks a SQLite file as an audit store. */
export const STORE_FORMAT = 'rcc-audit';
export const SCHEMA_VERSION = '1';

/** Every table the store needs (a file lacking one is not an audit store, or was damaged). */
export const TABLES = ['audit_meta', 'audit_entries', 'audit_checkpoints', 'audit_verifications', 'audit_fts'] as const;

const appendOnly = (table: string, what: string) => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, 'the audit store is append-only: UPDATE of ${what} refused'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, 'the audit store is append-only: DELETE of ${what} refused'); END;`;

/**
 * The schema. `audit_entries.entry` holds each entry's canonical serialization — the text its hash
 * covers — and nothing else holds entry data: the columns queries filter on are VIRTUAL generated
 * columns read out of it, so what a query shows is always what the chain covers. Every table refuses
 * UPDATE and DELETE (triggers); an entry is accepted only as the next seq, linked to the last hash.
 * `audit_fts` is an external-content FTS5 index over reason, target, ticket, action, region and actor
 * (user and display name), fed by an AFTER INSERT trigger.
 */
export const SCHEMA_SQL = `
CREATE TABLE audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE audit_entries (
  seq INTEGER PRIMARY KEY,
  entry TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  at TEXT GENERATED ALWAYS AS (entry ->> '$.at') VIRTUAL,
  kind TEXT GENERATED ALWAYS AS (entry ->> '$.kind') VIRTUAL,
  actor_user TEXT GENERATED ALWAYS AS (entry ->> '$.actorUser') VIRTUAL,
  actor_name TEXT GENERATED ALWAYS AS (entry ->> '$.actorName') VIRTUAL,
  action TEXT GENERATED ALWAYS AS (entry ->> '$.action') VIRTUAL,
  region TEXT GENERATED ALWAYS AS (entry ->> '$.region') VIRTUAL,
  target TEXT GENERATED ALWAYS AS (entry ->> '$.target') VIRTUAL,
  reason TEXT GENERATED ALWAYS AS (entry ->> '$.reason') VIRTUAL,
  ticket TEXT GENERATED ALWAYS AS (entry ->> '$.ticket') VIRTUAL,
  outcome TEXT GENERATED ALWAYS AS (entry ->> '$.outcome') VIRTUAL,
  intent_seq INTEGER GENERATED ALWAYS AS (entry ->> '$.intentSeq') VIRTUAL
);
CREATE INDEX audit_entries_at ON audit_entries(at);
CREATE INDEX audit_entries_kind ON audit_entries(kind);
CREATE INDEX audit_entries_actor_user ON audit_entries(actor_user);
CREATE INDEX audit_entries_actor_name ON audit_entries(actor_name);
CREATE INDEX audit_entries_action ON audit_entries(action);
CREATE INDEX audit_entries_region ON audit_entries(region);
CREATE INDEX audit_entries_outcome ON audit_entries(outcome) WHERE outcome IS NOT NULL;
CREATE INDEX audit_entries_intent ON audit_entries(intent_seq) WHERE intent_seq IS NOT NULL;

CREATE TRIGGER audit_entries_in_order BEFORE INSERT ON audit_entries
WHEN NEW.seq IS NOT coalesce((SELECT max(seq) FROM audit_entries), 0) + 1
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1), '${GENESIS_HASH}')
BEGIN SELECT RAISE(ABORT, 'audit entries are appended in order: seq must follow the last entry and prev_hash must be its hash'); END;
${appendOnly('audit_entries', 'audit entries')}

CREATE VIEW audit_fts_source AS
  SELECT seq, reason, target, ticket, action, region, actor_user || ' ' || actor_name AS actor FROM audit_entries;
CREATE VIRTUAL TABLE audit_fts USING fts5(
  reason, target, ticket, action, region, actor,
  content = 'audit_fts_source', content_rowid = 'seq'
);
CREATE TRIGGER audit_entries_fts AFTER INSERT ON audit_entries BEGIN
  INSERT INTO audit_fts(rowid, reason, target, ticket, action, region, actor)
  VALUES (NEW.seq, NEW.reason, NEW.target, NEW.ticket, NEW.action, NEW.region, NEW.actor_user || ' ' || NEW.actor_name);
END;

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
