import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { SkewMatrix } from '../../../../shared/contract/compat.ts';
import { count } from '../../lib/format.ts';
import { filterRows, skewRows, sortRows, type SortKey } from './table-rows.ts';

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'componentName', label: 'Component' },
  { key: 'regionName', label: 'Region' },
  { key: 'train', label: 'Train' },
  { key: 'version', label: 'Version' },
  { key: 'instances', label: 'Instances', numeric: true },
  { key: 'activeUsers', label: 'Active users', numeric: true },
  { key: 'status', label: 'Compliance' },
];
const ROW_HEIGHT = 32;

/** The matrix as a sortable, filterable table; only visible rows are in the DOM. */
export function SkewTable({ matrix, onOpen }: { matrix: SkewMatrix; onOpen(component: string): void }) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'status', descending: false });
  const all = useMemo(() => skewRows(matrix), [matrix]);
  const rows = useMemo(() => sortRows(filterRows(all, query), sort.key, sort.descending), [all, query, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  return (
    <div className="skew-table">
      <div className="table-toolbar">
        <input type="search" placeholder="Filter: component, region, version, train, status…" aria-label="Filter rows" value={query} onChange={(e) => setQuery(e.target.value)} />
        <span className="muted" role="status">{count(rows.length)} of {count(all.length)} rows</span>
      </div>
      <div className="vtable" role="table" aria-label="Version skew table" aria-rowcount={rows.length + 1}>
        <div className="vrow vhead" role="row">
          {COLUMNS.map((c) => (
            <button
              type="button"
              role="columnheader"
              key={c.key}
              className={c.numeric ? 'num' : undefined}
              aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              onClick={() => setSort((s) => ({ key: c.key, descending: s.key === c.key ? !s.descending : false }))}
            >
              {c.label} {sort.key === c.key ? (sort.descending ? '▼' : '▲') : ''}
            </button>
          ))}
        </div>
        <div ref={scroller} className="vbody" tabIndex={0} aria-label="Rows">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              return (
                <div
                  key={row.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className={`vrow status-${row.status}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                >
                  <span role="cell">
                    <button type="button" className="link" onClick={() => onOpen(row.component)}>{row.componentName}</button>
                  </span>
                  <span role="cell">{row.regionName}</span>
                  <span role="cell">{row.trainName}</span>
                  <span role="cell"><code>{row.version}</code></span>
                  <span role="cell" className="num">{count(row.instances)}</span>
                  <span role="cell" className="num">{count(row.activeUsers)}</span>
                  <span role="cell"><span className={`badge badge-status-${row.status}`}>{row.status}</span></span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
