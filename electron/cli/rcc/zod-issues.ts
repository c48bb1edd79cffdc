import type { z } from 'zod';
import { formatPath, issuePath } from '../../../shared/zod-issues.ts';

/** `instances[3].version: expected string, received number` — one line per issue, at most `limit`. */
export function describeIssues(error: z.ZodError, prefix: readonly (string | number)[] = [], limit = 10): string[] {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const path = issuePath(issue);
    return `${formatPath([...prefix, ...path])}: ${simplify(issue.message)}`;
  });
  if (error.issues.length > limit) lines.push(`… and ${error.issues.length - limit} more problems`);
  return lines;
}

/** zod says "Invalid input: expected string, received number"; the field path already says where. */
function simplify(message: string): string {
  return message.replace(/^Invalid (input|option): /, '');
}
