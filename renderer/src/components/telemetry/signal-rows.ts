import { TABLE_SIGNALS, type SignalRow, type SignalStatus } from '../../../../shared/contract/telemetry.ts';
import { STATUS_RANK, worstStatus } from './signal-format.ts';

export type SignalSortKey = 'status' | 'component' | 'region' | 'version' | 'instances' | 'error_rate' | 'latency_p95' | 'health';
export interface SignalSort {
  key: SignalSortKey;
  descending: boolean;
}

/** A table row: the contract row with its key and its worst status across the signals. */
export interface SignalTableRow extends SignalRow {
  key: string;
  status: SignalStatus;
}

export const rowKey = (r: Pick<SignalRow, 'region' | 'component' | 'version'>) => `${r.component}\u0000${r.region}\u0000${r.version}`;

export function tableRows(rows: readonly SignalRow[]): SignalTableRow[] {
  return rows.map((r) => ({ ...r, key: rowKey(r), status: worstStatus(TABLE_SIGNALS.map((s) => r[s].status)) }));
}

/** Every word must match the component, region, version, baseline version or status (case-insensitive). */
export function filterSignalRows(rows: readonly SignalTableRow[], query: string, onlyWorse: boolean): SignalTableRow[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (onlyWorse && STATUS_RANK[r.status] < STATUS_RANK.worse) return false;
    if (words.length === 0) return true;
    const text = `${r.component} ${r.region} ${r.version} ${r.baseline?.version ?? ''} ${r.status}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

const byText = (a: string, b: string) => a.localeCompare(b);
/** Rows without a value sort last whichever the direction. */
function byNullable(a: number | null, b: number | null, descending: boolean): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  return descending ? b - a : a - b;
}

const statusRank = (r: SignalTableRow) => (r.baseline === null ? -1 : STATUS_RANK[r.status]);

export function sortSignalRows(rows: readonly SignalTableRow[], sort: SignalSort): SignalTableRow[] {
  const dir = sort.descending ? -1 : 1;
  const tie = (a: SignalTableRow, b: SignalTableRow) => byText(a.component, b.component) || byText(a.region, b.region) || b.train - a.train;
  const compare = (a: SignalTableRow, b: SignalTableRow): number => {
    switch (sort.key) {
      case 'status':
        // Ascending = worst first; among equals, the larger error-ratio delta first; rows without a baseline (nothing to judge) last.
        return dir * (statusRank(b) - statusRank(a)) || byNullable(a.error_rate.relativeDelta, b.error_rate.relativeDelta, true) || tie(a, b);
      case 'component':
      case 'region':
        return dir * byText(a[sort.key], b[sort.key]) || tie(a, b);
      case 'version':
        return dir * (a.train - b.train) || byText(a.version, b.version) || tie(a, b);
      case 'instances':
        return dir * (a.instances - b.instances) || tie(a, b);
      default:
        return byNullable(a[sort.key].value, b[sort.key].value, sort.descending) || tie(a, b);
    }
  };
  return [...rows].sort(compare);
}
