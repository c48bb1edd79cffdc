import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { TABLE_SIGNALS, type SignalCell as Cell, type SignalRow } from '../../../../shared/contract/telemetry.ts';
import type { Signal } from '../../../../shared/protocol/index.ts';
import { count } from '../../lib/format.ts';
import { formatDelta, formatSignal, SIGNAL_DISPLAY, STATUS_TEXT } from './signal-format.ts';
import { filterSignalRows, sortSignalRows, tableRows, type SignalSort, type SignalSortKey, type SignalTableRow } from './signal-rows.ts';
import { Sparkline } from './Sparkline.tsx';
import './telemetry.css';

const COLUMNS: { key: SignalSortKey | null; label: string; numeric?: boolean }[] = [
  { key: 'status', label: 'Status' },
  { key: 'component', label: 'Component' },
  { key: 'region', label: 'Region' },
  { key: 'version', label: 'Version' },
  { key: null, label: 'Baseline' },
  { key: 'instances', label: 'Instances', numeric: true },
  { key: 'error_rate', label: `${SIGNAL_DISPLAY.error_rate.label} · Δ`, numeric: true },
  { key: 'latency_p95', label: `${SIGNAL_DISPLAY.latency_p95.label} · Δ`, numeric: true },
  { key: 'health', label: `${SIGNAL_DISPLAY.health.label} · Δ`, numeric: true },
  { key: null, label: 'Trend' },
];
const ROW_HEIGHT = 34;

interface Props {
  rows: readonly SignalRow[];
  /** The row whose chart is open. */
  openKey: string | null;
  onOpen(row: SignalTableRow): void;
  onOpenComponent(component: string, region: string): void;
}

/**
 * Every live version per component and region against its baseline: sortable, filterable, one tab
 * stop whose arrow keys move through the rows and whose Enter opens the row's chart. Only the rows
 * in view are in the DOM.
 */
export function SignalsTable({ rows: input, openKey, onOpen, onOpenComponent }: Props) {
  const [query, setQuery] = useState('');
  const [onlyWorse, setOnlyWorse] = useState(false);
  const [sort, setSort] = useState<SignalSort>({ key: 'status', descending: false });
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const all = useMemo(() => tableRows(input), [input]);
  const rows = useMemo(() => sortSignalRows(filterSignalRows(all, query, onlyWorse), sort), [all, query, onlyWorse, sort]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10, getItemKey: (i) => rows[i]?.key ?? i });
  const activeIndex = activeKey === null ? -1 : rows.findIndex((r) => r.key === activeKey);
  const openRow = useCallback(
    (row: SignalTableRow) => {
      setActiveKey(row.key);
      onOpen(row);
    },
    [onOpen],
  );
  const worse = all.filter((r) => r.status === 'worse' || r.status === 'bad').length;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0) return;
    if (event.key === 'Enter' || event.key === ' ') {
      if (activeIndex < 0) return;
      event.preventDefault();
      onOpen(rows[activeIndex]!);
      return;
    }
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    let next: number | null = null;
    if (event.key in moves) next = Math.max(-1, activeIndex) + moves[event.key]!;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = rows.length - 1;
    if (next === null) return;
    event.preventDefault();
    const index = Math.max(0, Math.min(rows.length - 1, next));
    setActiveKey(rows[index]!.key);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  return (
    <div className="signals-table">
      <div className="table-toolbar">
        <input type="search" placeholder="Filter: component, region, version, status…" aria-label="Filter signals" value={query} onChange={(e) => setQuery(e.target.value)} />
        <label className="checkbox">
          <input type="checkbox" checked={onlyWorse} onChange={(e) => setOnlyWorse(e.target.checked)} /> worse than baseline only ({worse})
        </label>
        <span className="muted" role="status">{count(rows.length)} of {count(all.length)} rows</span>
      </div>
      <div
        className="vtable signals-grid"
        role="grid"
        aria-label="Signals by component, region and version; arrow keys move, Enter opens the chart"
        aria-rowcount={rows.length + 1}
        tabIndex={0}
        aria-activedescendant={activeIndex >= 0 ? rowId(rows[activeIndex]!) : undefined}
        onKeyDown={onKeyDown}
      >
        <div className="vrow vhead signals-row" role="row" aria-rowindex={1}>
          {COLUMNS.map((c) =>
            c.key === null ? (
              <span key={c.label} role="columnheader" title={c.label === 'Trend' ? 'Error ratio over the range' : undefined}>{c.label}</span>
            ) : (
              <span key={c.label} role="columnheader" aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'} className={c.numeric ? 'num' : undefined}>
                <button type="button" tabIndex={-1} onClick={() => setSort((s) => ({ key: c.key!, descending: s.key === c.key ? !s.descending : c.numeric === true }))}>
                  {c.label} {sort.key === c.key ? (sort.descending ? '▼' : '▲') : ''}
                </button>
              </span>
            ),
          )}
        </div>
        <div ref={scroller} className="vbody signals-body">
          {rows.length === 0 && <p className="muted empty-rows">No row matches.</p>}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              return (
                <SignalsRow
                  key={row.key}
                  row={row}
                  index={item.index}
                  top={item.start}
                  active={row.key === activeKey}
                  open={row.key === openKey}
                  onOpen={openRow}
                  onOpenComponent={onOpenComponent}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

const rowId = (r: SignalTableRow) => `signal-row-${r.key.replace(/[^a-zA-Z0-9_.-]/g, '_')}`;

interface RowProps {
  row: SignalTableRow;
  index: number;
  top: number;
  active: boolean;
  open: boolean;
  onOpen(row: SignalTableRow): void;
  onOpenComponent(component: string, region: string): void;
}

const SignalsRow = memo(function SignalsRow({ row, index, top, active, open, onOpen, onOpenComponent }: RowProps) {
  return (
    <div
      id={rowId(row)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      aria-current={open ? 'true' : undefined}
      data-component={row.component}
      data-region={row.region}
      data-version={row.version}
      data-baseline={row.baseline?.version ?? ''}
      data-status={row.status}
      className={`vrow signals-row status-${row.status}${active ? ' active' : ''}${open ? ' open' : ''}`}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      onClick={() => onOpen(row)}
    >
      <span role="gridcell">
        <span className={`badge signal-status status-${row.status}`}>{row.baseline ? STATUS_TEXT[row.status] : 'no baseline'}</span>
      </span>
      <span role="gridcell">
        <button
          type="button"
          className="link"
          tabIndex={-1}
          title={`Open the component page of ${row.component}`}
          onClick={(e) => {
            e.stopPropagation();
            onOpenComponent(row.component, row.region);
          }}
        >
          {row.component}
        </button>
      </span>
      <span role="gridcell">{row.region}</span>
      <span role="gridcell" title={`train ${row.train}`}><code>{row.version}</code></span>
      <span role="gridcell">{row.baseline ? <code className="muted">{row.baseline.version}</code> : <span className="muted">none</span>}</span>
      <span role="gridcell" className="num">{count(row.instances)}</span>
      {TABLE_SIGNALS.map((s) => <SignalValue key={s} signal={s} cell={row[s]} />)}
      <span role="gridcell">
        <Sparkline values={row.sparkline} tone={row.error_rate.status} label={`Error ratio of ${row.version} over the range`} />
      </span>
    </div>
  );
});

function SignalValue({ signal, cell }: { signal: Signal; cell: Cell }) {
  const delta = formatDelta(cell.relativeDelta);
  return (
    <span
      role="gridcell"
      className={`num signal-cell status-${cell.status}`}
      data-signal={signal}
      data-status={cell.status}
      data-value={cell.value ?? ''}
      data-baseline-value={cell.baseline ?? ''}
      title={`${SIGNAL_DISPLAY[signal].label}: ${formatSignal(signal, cell.value)} against the baseline's ${formatSignal(signal, cell.baseline)} (${STATUS_TEXT[cell.status]})`}
    >
      {formatSignal(signal, cell.value)}
      {delta && <small className="delta"> {delta}</small>}
    </span>
  );
}
