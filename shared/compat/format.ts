/** Wording helpers for violation sentences and error fields. */

// One formatter: Number#toLocaleString builds a new one on every call, which showed in render profiles.
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
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

export { formatPath } from '../zod-issues.ts';
