import type { Violation } from '../compat/schemas.ts';
import { openEpisode, type ViolationEpisode } from './episode.ts';
import type { ReportEpisode } from './schema.ts';
import type { TrainScope } from './train-scope.ts';

export interface SkewSection {
  compliant: boolean;
  open: number;
  episodes: ReportEpisode[];
  totalSeconds: number;
  longestSeconds: number;
  recordedSince: string | null;
}

const seconds = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

/**
 * The train's violation episodes, newest first. A violation open now that the record does not hold
 * (no history store, or a snapshot without one) still appears, from the engine's first-seen time; a
 * recorded episode marked open whose violation the engine no longer finds ends at its last sighting.
 */
export function skewSection(scope: TrainScope, episodes: readonly ViolationEpisode[], current: readonly Violation[], now: string, recordedSince: string | null): SkewSection {
  const currentIds = new Set(current.map((v) => v.id));
  const mine = episodes.filter((e) => scope.involves(e) && Date.parse(e.firstSeen) <= Date.parse(now));
  const openIds = new Set(mine.filter((e) => e.resolvedAt === null).map((e) => e.violationId));
  const fromEngine = current.filter((v) => scope.involves(v) && !openIds.has(v.id)).map((v) => openEpisode(v, now));
  const rows = [...mine, ...fromEngine].map((e): ReportEpisode => {
    const stillOpen = e.resolvedAt === null && currentIds.has(e.violationId);
    const resolvedAt = stillOpen ? null : (e.resolvedAt ?? e.lastSeen);
    return {
      violationId: e.violationId,
      rule: e.rule,
      regions: e.regions,
      components: e.components,
      sentence: e.sentence,
      firstSeen: e.firstSeen,
      lastSeen: stillOpen ? now : e.lastSeen,
      resolvedAt,
      durationSeconds: seconds(e.firstSeen, resolvedAt ?? now),
    };
  });
  rows.sort((a, b) => Date.parse(b.firstSeen) - Date.parse(a.firstSeen) || a.violationId.localeCompare(b.violationId));
  const open = rows.filter((r) => r.resolvedAt === null).length;
  return {
    compliant: open === 0,
    open,
    episodes: rows,
    totalSeconds: rows.reduce((sum, r) => sum + r.durationSeconds, 0),
    longestSeconds: rows.reduce((max, r) => Math.max(max, r.durationSeconds), 0),
    recordedSince,
  };
}
