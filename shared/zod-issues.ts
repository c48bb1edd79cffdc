import type { z } from 'zod';

export type FieldPath = (string | number)[];

/** `['instances', 3, 'version']` → `instances[3].version`; `(root)` for the document itself. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(root)' : out;
}

/** The field path of a zod issue (zod allows symbol keys; JSON documents never have them). */
export function issuePath(issue: z.ZodError['issues'][number] | undefined): FieldPath {
  return (issue?.path ?? []).map((p) => (typeof p === 'symbol' ? String(p) : p));
}

/** The first issue's path, and up to `limit` issues as `field: message`, for one readable error line. */
export function describeZodError(error: z.ZodError, limit = 5): { message: string; path: FieldPath } {
  const message = error.issues
    .slice(0, limit)
    .map((issue) => `${formatPath(issuePath(issue))}: ${issue.message}`)
    .join('; ');
  return { message, path: issuePath(error.issues[0]) };
}
