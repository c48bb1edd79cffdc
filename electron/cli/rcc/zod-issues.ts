import type { z } from 'zod';
import { formatPath, issuePath } from '../../../shared/zod-issues.ts';
import type { Problems } from './problems.ts';

/**
 * `source: instances[3].version: expected string, received number` — one problem per issue; lines
 * are built only while under the total cap, later issues are only counted.
 */
export function addIssues(problems: Problems, source: string, error: z.ZodError, prefix: readonly (string | number)[] = []): void {
  const { issues } = error;
  for (let i = 0; i < issues.length; i++) {
    if (problems.full) {
      problems.omit(issues.length - i);
      return;
    }
    const issue = issues[i];
    problems.add(`${source}: ${formatPath([...prefix, ...issuePath(issue)])}: ${simplify(issue?.message ?? '')}`);
  }
}

/** zod says "Invalid input: expected string, received number"; the field path already says where. */
function simplify(message: string): string {
  return message.replace(/^Invalid (input|option): /, '');
}
