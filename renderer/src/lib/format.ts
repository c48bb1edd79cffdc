export const count = (n: number) => n.toLocaleString('en-US');

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

export const RULE_LABELS: Record<string, string> = {
  'version-window': 'Rule 1 · version window',
  'peer-skew': 'Rule 2 · peer skew',
  'schema-skew': 'Rule 3 · schema skew',
  'toggle-min-version': 'Toggle minimum version',
};
