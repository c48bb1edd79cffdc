/** Wording helpers for violation sentences and error fields. */

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}

/** "a", "a and b", "a, b and c" */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** "(312 instances, 1,840 active users)" */
export function impact(instances: number, activeUsers: number): string {
  return `(${plural(instances, 'instance')}, ${plural(activeUsers, 'active user')})`;
}

/** `['instances', 3, 'version']` → `instances[3].version` */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(root)' : out;
}
