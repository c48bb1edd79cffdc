/** `PRAGMA user_version` of the schema this console writes; a file with a higher one is refused. */
export const SCHEMA_VERSION = 1;

/** `PRAGMA application_id` ('RCCH'): marks a SQLite file as a history store. */
export const APPLICATION_ID = 0x52434348;

/** Every table the store needs (a file lacking one was damaged). */
export const TABLES = ['mix_components', 'mix_samples', 'alerts'] as const;

/**
 * The schema.
 *
 * - `mix_components (id, name)`: component ids, so sample rows carry a small integer.
 * - `mix_samples`: one row per stored sample of one component — `seq` counts the component's samples
 *   (the row cap deletes by it), `at_ms` the sample time, `trains` the JSON array of `TrainCount`.
 * - `alerts`: one row per alert id, the validated `Alert` JSON plus the columns filters use.
 */
export const SCHEMA_SQL = `
CREATE TABLE mix_components (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;

CREATE TABLE mix_samples (
  component_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  trains TEXT NOT NULL,
  PRIMARY KEY (component_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX mix_samples_at ON mix_samples (component_id, at_ms);

CREATE TABLE alerts (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  last_seen INTEGER NOT NULL,
  resolved_at INTEGER,
  alert TEXT NOT NULL
) STRICT;
CREATE INDEX alerts_last_seen ON alerts (last_seen);
CREATE INDEX alerts_state ON alerts (state, last_seen);
`;
