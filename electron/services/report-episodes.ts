import type { Violation } from '../../shared/compat/schemas.ts';
import { openEpisode, type ViolationEpisode } from '../../shared/report/episode.ts';
import type { HistoryStore } from '../history/index.ts';
import { StoreAttempts } from '../history/store-attempts.ts';

/** A still-open episode's last sighting is written at most this often (and when it resolves, and at close). */
const WRITE_LAST_SEEN_EVERY_MS = 60_000;
/** Episodes kept in memory when there is no history store. */
const MEMORY_CAP = 2_000;

interface Open {
  episode: ViolationEpisode;
  writtenMs: number;
}

/**
 * Turns the verdicts the compat service settles into violation episodes — first seen, last seen,
 * resolved — kept in the history store so their durations survive a restart. Without a store (or
 * while it fails) they are kept in memory. At the first verdict after a start, an episode the store
 * still holds open continues when its violation is still found, and otherwise ends at its last
 * sighting (the console was not watching after that).
 */
export class ViolationEpisodeRecorder {
  private readonly open = new Map<string, Open>();
  private readonly closed: ViolationEpisode[] = [];
  private started = false;
  private readonly startedAt: string;
  private readonly attempts: StoreAttempts;

  constructor(
    private readonly store: HistoryStore | null,
    now: string,
    onProblem: (message: string) => void = () => {},
  ) {
    this.startedAt = now;
    this.attempts = new StoreAttempts(onProblem);
  }

  observe(violations: readonly Violation[], at: string): void {
    if (!this.started) this.resume(violations, at);
    const atMs = Date.parse(at);
    const seen = new Set<string>();
    for (const v of violations) {
      seen.add(v.id);
      const known = this.open.get(v.id);
      if (!known) {
        const episode = openEpisode(v, at);
        this.open.set(v.id, { episode, writtenMs: atMs });
        this.write(episode);
        continue;
      }
      known.episode = { ...known.episode, lastSeen: at, sentence: v.sentence };
      if (atMs - known.writtenMs >= WRITE_LAST_SEEN_EVERY_MS) {
        known.writtenMs = atMs;
        this.write(known.episode);
      }
    }
    for (const [id, known] of this.open) {
      if (seen.has(id)) continue;
      this.open.delete(id);
      this.finish({ ...known.episode, resolvedAt: at });
    }
  }

  /** Recorded episodes, newest first, with the open ones as last seen. */
  list(): ViolationEpisode[] {
    const stored = this.store ? this.attempts.run('reading violation episodes', () => this.store?.episodes()) : undefined;
    const base = stored ?? this.closed;
    const open = [...this.open.values()].map((o) => o.episode);
    const openKeys = new Set(open.map((e) => `${e.violationId}\u0000${e.firstSeen}`));
    return [...open, ...base.filter((e) => !openKeys.has(`${e.violationId}\u0000${e.firstSeen}`))].sort((a, b) => Date.parse(b.firstSeen) - Date.parse(a.firstSeen));
  }

  /** Since when episodes are on record: the oldest stored one, or this console's start. */
  recordedSince(): string {
    const oldest = this.store ? this.attempts.run('reading violation episodes', () => this.store?.oldestEpisodeMs()) : null;
    return oldest != null && oldest < Date.parse(this.startedAt) ? new Date(oldest).toISOString() : this.startedAt;
  }

  /** Writes the open episodes' last sightings (before the store closes). */
  flush(): void {
    for (const known of this.open.values()) this.write(known.episode);
  }

  private resume(violations: readonly Violation[], at: string): void {
    this.started = true;
    if (!this.store) return;
    const present = new Map(violations.map((v) => [v.id, v]));
    for (const episode of this.attempts.run('reading open violation episodes', () => this.store?.openEpisodes()) ?? []) {
      if (present.has(episode.violationId) && !this.open.has(episode.violationId)) {
        this.open.set(episode.violationId, { episode: { ...episode, lastSeen: at }, writtenMs: Date.parse(at) });
      } else {
        this.finish({ ...episode, resolvedAt: episode.lastSeen });
      }
    }
  }

  private finish(episode: ViolationEpisode): void {
    this.write(episode);
    if (this.store) return;
    this.closed.unshift(episode);
    if (this.closed.length > MEMORY_CAP) this.closed.length = MEMORY_CAP;
  }

  private write(episode: ViolationEpisode): void {
    if (this.store) this.attempts.run('storing a violation episode', () => this.store?.upsertEpisode(episode));
  }

}
