import { z } from 'zod';
import { RuleId, type Violation } from '../compat/schemas.ts';

const Time = z.iso.datetime({ offset: true });

/** A component version a violation involved (regions folded together). */
export const EpisodeVersion = z.object({ component: z.string(), version: z.string(), train: z.number().int() });
export type EpisodeVersion = z.infer<typeof EpisodeVersion>;

/**
 * One stretch of time during which the compatibility engine kept finding the same violation (same
 * id): from when it was first seen to when it was no longer found. The history store records them
 * as the compat service sees them, so durations survive a restart.
 */
export const ViolationEpisode = z.object({
  violationId: z.string().min(1),
  rule: RuleId,
  subject: z.string(),
  regions: z.array(z.string()),
  components: z.array(z.string()),
  trains: z.array(z.number().int()),
  versions: z.array(EpisodeVersion),
  sentence: z.string(),
  firstSeen: Time,
  lastSeen: Time,
  resolvedAt: Time.nullable(),
});
export type ViolationEpisode = z.infer<typeof ViolationEpisode>;

/** The versions a violation involves, one per component and version, in a stable order. */
export function episodeVersions(violation: Pick<Violation, 'versions'>): EpisodeVersion[] {
  const seen = new Map<string, EpisodeVersion>();
  for (const v of violation.versions) seen.set(JSON.stringify([v.component, v.version]), { component: v.component, version: v.version, train: v.train });
  return [...seen.values()].sort((a, b) => a.component.localeCompare(b.component) || a.train - b.train || a.version.localeCompare(b.version));
}

/** An open episode for a violation seen at `at`. */
export function openEpisode(violation: Violation, at: string): ViolationEpisode {
  return {
    violationId: violation.id,
    rule: violation.rule,
    subject: violation.subject,
    regions: [...violation.regions],
    components: [...violation.components],
    trains: [...violation.trains],
    versions: episodeVersions(violation),
    sentence: violation.sentence,
    firstSeen: violation.firstSeen,
    lastSeen: at,
    resolvedAt: null,
  };
}
