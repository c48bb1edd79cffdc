import type Database from 'better-sqlite3';
import { ViolationEpisode } from '../../shared/report/episode.ts';
import { firstIssue } from './zod-issue.ts';

type Db = Database.Database;
type Statement = Database.Statement<unknown[], unknown>;
type Row = [violationId: string, firstSeenMs: number, episode: string];

/**
 * Created when a store opens (also in files written before it existed, so the schema version stays):
 * one row per violation episode, keyed by the violation id and when it was first seen, with the
 * validated `ViolationEpisode` JSON and the times filters and pruning use.
 */
export const EPISODE_TABLE_SQL = `
CREATE TABLE IF NOT EXISTS violation_episodes (
  violation_id TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  resolved_at INTEGER,
  episode TEXT NOT NULL,
  PRIMARY KEY (violation_id, first_seen)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS violation_episodes_last_seen ON violation_episodes (last_seen);
`;

/** Violation episodes: when each violation was first seen, last seen and resolved. */
export class ViolationEpisodeTable {
  private readonly sql: Record<'upsert' | 'all' | 'open' | 'prune' | 'cap' | 'oldest', Statement>;

  constructor(
    db: Db,
    private readonly problem: (message: string) => void,
  ) {
    db.exec(EPISODE_TABLE_SQL);
    const prepare = (sql: string) => db.prepare(sql) as Statement;
    this.sql = {
      upsert: prepare(
        `INSERT INTO violation_episodes (violation_id, first_seen, last_seen, resolved_at, episode) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (violation_id, first_seen) DO UPDATE SET last_seen = excluded.last_seen, resolved_at = excluded.resolved_at, episode = excluded.episode`,
      ),
      all: prepare('SELECT violation_id, first_seen, episode FROM violation_episodes ORDER BY first_seen DESC, violation_id LIMIT ?').raw(),
      open: prepare('SELECT violation_id, first_seen, episode FROM violation_episodes WHERE resolved_at IS NULL ORDER BY first_seen, violation_id').raw(),
      prune: prepare('DELETE FROM violation_episodes WHERE resolved_at IS NOT NULL AND resolved_at < ?'),
      cap: prepare('DELETE FROM violation_episodes WHERE (violation_id, first_seen) IN (SELECT violation_id, first_seen FROM violation_episodes ORDER BY last_seen DESC LIMIT -1 OFFSET ?)'),
      oldest: prepare('SELECT min(first_seen) FROM violation_episodes').pluck(),
    };
  }

  upsert(episode: ViolationEpisode): void {
    const e = ViolationEpisode.parse(episode);
    this.sql.upsert.run(e.violationId, Date.parse(e.firstSeen), Date.parse(e.lastSeen), e.resolvedAt === null ? null : Date.parse(e.resolvedAt), JSON.stringify(e));
  }

  /** The newest `limit` episodes by first seen. */
  list(limit: number): ViolationEpisode[] {
    return this.read(this.sql.all.all(Math.max(0, Math.floor(limit))) as Row[]);
  }

  /** Episodes not marked resolved (still open when the console last saw them). */
  openEpisodes(): ViolationEpisode[] {
    return this.read(this.sql.open.all() as Row[]);
  }

  /** When the oldest kept episode began (ms), or null. */
  oldestFirstSeen(): number | null {
    const value = this.sql.oldest.get() as number | null | undefined;
    return typeof value === 'number' ? value : null;
  }

  /** Drops episodes resolved before `cutoffMs`, and the oldest beyond `max`. */
  prune(cutoffMs: number, max: number): void {
    this.sql.prune.run(cutoffMs);
    this.sql.cap.run(Math.max(0, Math.floor(max)));
  }

  private read(rows: readonly Row[]): ViolationEpisode[] {
    const out: ViolationEpisode[] = [];
    for (const [id, firstSeen, text] of rows) {
      let why: string;
      try {
        const parsed = ViolationEpisode.safeParse(JSON.parse(text));
        if (!parsed.success) why = firstIssue(parsed.error).text;
        else if (parsed.data.violationId !== id || Date.parse(parsed.data.firstSeen) !== firstSeen) why = 'its JSON does not match its columns';
        else {
          out.push(parsed.data);
          continue;
        }
      } catch (error) {
        why = error instanceof Error ? error.message : String(error);
      }
      this.problem(`violation episode ${JSON.stringify(id)} skipped: ${why}`);
    }
    return out;
  }
}
