import type { CellStatus } from '../../../../shared/compat/schemas.ts';
import type { SkewMatrix } from '../../../../shared/contract/compat.ts';

export interface SkewRow {
  key: string;
  component: string;
  componentName: string;
  region: string;
  regionName: string;
  train: number;
  trainName: string;
  version: string;
  instances: number;
  activeUsers: number;
  status: CellStatus;
}

export type SortKey = 'componentName' | 'regionName' | 'train' | 'version' | 'instances' | 'activeUsers' | 'status';

const STATUS_RANK = { violation: 0, exception: 1, warning: 2, ok: 3 } as const;

/** One row per region × component × version, for the table view. */
export function skewRows(matrix: SkewMatrix): SkewRow[] {
  const components = new Map(matrix.components.map((c) => [c.id, c.name]));
  const regions = new Map(matrix.regions.map((r) => [r.id, r.name]));
  return matrix.cells.flatMap((cell) =>
    cell.mix.map((m) => ({
      key: `${cell.component}/${cell.region}/${m.version}`,
      component: cell.component,
      componentName: components.get(cell.component) ?? cell.component,
      region: cell.region,
      regionName: regions.get(cell.region) ?? cell.region,
      train: m.train,
      trainName: m.trainName,
      version: m.version,
      instances: m.count,
      activeUsers: m.activeUsers,
      status: cell.status,
    })),
  );
}

export function filterRows(rows: SkewRow[], query: string): SkewRow[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return rows;
  return rows.filter((row) => {
    const text = `${row.componentName} ${row.component} ${row.regionName} ${row.region} ${row.version} ${row.trainName} ${row.status}`.toLowerCase();
    return terms.every((t) => text.includes(t));
  });
}

export function sortRows(rows: SkewRow[], key: SortKey, descending: boolean): SkewRow[] {
  const dir = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const d =
      key === 'status'
        ? STATUS_RANK[a.status] - STATUS_RANK[b.status]
        : typeof a[key] === 'number'
          ? (a[key] as number) - (b[key] as number)
          : String(a[key]).localeCompare(String(b[key]));
    return d * dir || a.key.localeCompare(b.key);
  });
}
