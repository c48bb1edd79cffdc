import type Database from 'better-sqlite3';
import type { Violation } from '../../shared/compat/schemas.ts';
import { openEpisode, ViolationEpisode } from '../../shared/report/episode.ts';

/**
 * What the board report needs of a snapshot beyond the screens: the violation episodes (how long
 * each violation involving a train lasted) and the latest signed audit checkpoint.
 */

/** Most episodes a snapshot keeps (the newest by first seen). */
export const MAX_SNAPSHOT_EPISODES = 2_000;

/**
 * The console's recorded episodes at T, newest first, and an open one for every violation of the
 * verdict the record lacks (a console without a history store still knows when each was first seen).
 */
export function episodesAt(recorded: readonly ViolationEpisode[], violations: readonly Violation[], at: number): ViolationEpisode[] {
  const t = new Date(at).toISOString();
  const open = new Set(recorded.filter((e) => e.resolvedAt === null).map((e) => e.violationId));
  const fromVerdict = violations.filter((v) => !open.has(v.id)).map((v) => openEpisode(v, t));
  return [...recorded.filter((e) => Date.parse(e.firstSeen) <= at), ...fromVerdict]
    .sort((a, b) => Date.parse(b.firstSeen) - Date.parse(a.firstSeen))
    .slice(0, MAX_SNAPSHOT_EPISODES);
}

export function writeEpisodes(db: Database.Database, episodes: readonly ViolationEpisode[]): void {
  const insert = db.prepare('INSERT OR REPLACE INTO violation_episodes (violation_id, first_seen, episode) VALUES (?, ?, ?)');
  for (const e of episodes) insert.run(e.violationId, e.firstSeen, JSON.stringify(e));
}

/** The stored episodes, newest first (each validated: a file rebuilt with matching hashes is still only data). */
export function readEpisodes(db: Database.Database): ViolationEpisode[] {
  const rows = db.prepare('SELECT episode FROM violation_episodes').pluck().all() as string[];
  return rows.map((text) => ViolationEpisode.parse(JSON.parse(text))).sort((a, b) => Date.parse(b.firstSeen) - Date.parse(a.firstSeen));
}

/** The copied chain's latest signed checkpoint, or null. */
export function readLatestCheckpoint(db: Database.Database): { seq: number; hash: string; signature: string; at: string } | null {
  const row = db.prepare('SELECT seq, hash, signature, at FROM audit_checkpoints ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string; signature: string; at: string } | undefined;
  return row ?? null;
}
