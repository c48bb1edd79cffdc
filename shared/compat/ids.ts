import type { RuleId } from './schemas.ts';

/**
 * Violation ids are built from rule, regions, subject and trains. Each part is URI-encoded so
 * ids containing ':' cannot collide: `version-window:eu-west:search:44-47`.
 */
export function violationSubject(rule: RuleId, regions: readonly string[], subject: readonly string[]): string {
  return [rule, regions.map(encodeURIComponent).join('>'), subject.map(encodeURIComponent).join('>')].join(':');
}

export function violationId(subject: string, trains: readonly number[]): string {
  return `${subject}:${trains.join('-')}`;
}

/** The region token of fleet-wide (cross-region) version-window violations. */
export const FLEET_REGION_TOKEN = '*';

/** Internal table key from ids. NUL cannot occur in the protocol's ids in practice, so keys never collide. */
export function joinKey(...parts: string[]): string {
  let key = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) key += `\u0000${parts[i] ?? ''}`;
  return key;
}
