/** The first issue of a failed zod parse as `path: message`, with that path. */
export function firstIssue(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }, prefix: (string | number)[] = []): { text: string; path: (string | number)[] } {
  const issue = error.issues[0];
  const path = [...prefix, ...(issue?.path ?? [])].filter((p): p is string | number => typeof p !== 'symbol');
  return { text: `${path.join('.') || '(value)'}: ${issue?.message ?? 'invalid'}`, path };
}
