import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { AuditEntryView } from '../../../../shared/contract/audit.ts';

const ROW_HEIGHT = 32;
const features = tableFeatures({});
const helper = createColumnHelper<typeof features, AuditEntryView>();

const columns = helper.columns([
  helper.accessor('seq', { header: '#', cell: (info) => info.getValue() }),
  helper.accessor('at', { header: 'Time (UTC)', cell: (info) => info.getValue().slice(0, 19).replace('T', ' ') }),
  helper.accessor((e) => e.actorName || e.actorUser, { id: 'actor', header: 'Actor', cell: (info) => info.getValue() }),
  helper.accessor('action', { header: 'Action', cell: (info) => info.getValue() }),
  helper.accessor('region', { header: 'Region', cell: (info) => info.getValue() ?? '—' }),
  helper.accessor('target', { header: 'Target', cell: (info) => info.getValue() ?? '—' }),
  helper.accessor('outcome', {
    header: 'Result',
    cell: (info) => {
      const entry = info.row.original;
      const outcome = info.getValue();
      if (outcome) return <span className={`badge badge-outcome-${outcome}`}>{outcome}</span>;
      return <span className={`kind kind-${entry.kind}`}>{entry.kind}</span>;
    },
  }),
  helper.accessor('reason', {
    header: 'Ticket · reason',
    cell: (info) => {
      const e = info.row.original;
      return (
        <>
          {e.breakGlass && <span className="badge badge-break-glass">break-glass</span>}
          {e.override && <span className="badge badge-status-violation">override</span>}
          {e.ticket && <span className="ticket">{e.ticket}</span>}
          {info.getValue() ?? (e.kind === 'outcome' ? <span className="muted">{e.response}</span> : '')}
        </>
      );
    },
  }),
]);

interface Props {
  entries: AuditEntryView[];
  total: number;
  selected: number | null;
  onSelect(seq: number): void;
  /** Asked when the last loaded rows come into view and more exist. */
  onNeedMore(): void;
  loadingMore: boolean;
}

/**
 * Audit entries, newest first. Only the rows in view are in the DOM (TanStack Virtual over the
 * TanStack Table row model); the grid is one tab stop whose arrow keys move the selection.
 */
export function AuditTable({ entries, total, selected, onSelect, onNeedMore, loadingMore }: Props) {
  const table = useTable({ features, columns, data: entries, getRowId: (e) => String(e.seq) });
  const rows = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 16,
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (lastIndex >= rows.length - 20 && rows.length < total && !loadingMore) onNeedMore();
  }, [lastIndex, rows.length, total, loadingMore, onNeedMore]);

  const selectedIndex = selected === null ? -1 : rows.findIndex((r) => r.original.seq === selected);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    let next: number | null = null;
    if (event.key in moves) next = (selectedIndex < 0 ? -1 : selectedIndex) + moves[event.key]!;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = rows.length - 1;
    if (next === null || rows.length === 0) return;
    event.preventDefault();
    const index = Math.max(0, Math.min(rows.length - 1, next));
    onSelect(rows[index]!.original.seq);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  return (
    <div
      className="vtable audit-table"
      role="grid"
      aria-label="Audit entries, newest first"
      aria-rowcount={total + 1}
      tabIndex={0}
      aria-activedescendant={selectedIndex >= 0 ? `audit-row-${selected}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div className="vrow vhead audit-row" role="row" aria-rowindex={1}>
        {headers.map((header) => (
          <span key={header.id} role="columnheader" className={`col-${header.column.id}`}>
            <table.FlexRender header={header} />
          </span>
        ))}
      </div>
      <div ref={scroller} className="vbody audit-body">
        {rows.length === 0 && <p className="muted empty-rows">No entries match.</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            const entry = row.original;
            const isSelected = entry.seq === selected;
            return (
              <div
                key={row.id}
                id={`audit-row-${entry.seq}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isSelected}
                data-seq={entry.seq}
                className={`vrow audit-row${isSelected ? ' selected' : ''}${entry.outcome === 'failed' ? ' outcome-failed' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => onSelect(entry.seq)}
              >
                {row.getAllCells().map((cell) => (
                  <span key={cell.id} role="gridcell" className={`col-${cell.column.id}`}>
                    <table.FlexRender cell={cell} />
                  </span>
                ))}
              </div>
            );
          })}
        </div>
        {loadingMore && <p className="muted loading-more" aria-busy="true">Loading more…</p>}
      </div>
    </div>
  );
}
