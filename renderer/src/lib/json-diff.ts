export type DiffKind = 'added' | 'removed' | 'changed' | 'same';

export interface DiffRow {
  /** `state`, `versions[0]`, `limits.fleetBytes`; empty for a value that is not an object or array. */
  path: string;
  before: string | undefined;
  after: string | undefined;
  kind: DiffKind;
}

/** Leaves of a JSON value by path; an empty object or array is a leaf of its own. */
function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, '[]');
    value.forEach((v, i) => flatten(v, `${path}[${i}]`, out));
    return;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) out.set(path, '{}');
    for (const [k, v] of entries) flatten(v, path ? `${path}.${k}` : k, out);
    return;
  }
  out.set(path, JSON.stringify(value) ?? 'undefined');
}

/**
 * A field-by-field comparison of two JSON values (an audit entry's before and after): every leaf
 * path of either side, in the order they first appear (before's, then after's new ones).
 * A side that is null or absent contributes nothing.
 */
export function jsonDiff(before: unknown, after: unknown): DiffRow[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  if (before !== null && before !== undefined) flatten(before, '', a);
  if (after !== null && after !== undefined) flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.map((path) => {
    const x = a.get(path);
    const y = b.get(path);
    const kind: DiffKind = x === undefined ? 'added' : y === undefined ? 'removed' : x === y ? 'same' : 'changed';
    return { path, before: x, after: y, kind };
  });
}
