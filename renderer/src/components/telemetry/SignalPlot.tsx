import { memo, useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { PlotLine, PlotView } from './chart-data.ts';
import { plotGeometry, type PlotGeometry } from './plot-geometry.ts';
import { rowNearest, valueAxis } from './plot-lines.ts';
import { PlotStatic } from './PlotStatic.tsx';
import { PlotTooltip } from './PlotTooltip.tsx';
import { formatNumber, SIGNAL_DISPLAY } from './signal-format.ts';

interface Props {
  view: PlotView;
  /** Label the annotation lines (only the first chart does, so stacked charts stay readable). */
  labelAnnotations: boolean;
  width: number;
  height: number;
}

/**
 * One signal, every version of the component in the region as one line; time in UTC on the x axis.
 * Drawn as plain SVG from d3 scales rather than as a recharts chart: four recharts charts cost
 * about 40 ms each to mount (each builds its own store and selectors), which made the component
 * chart miss its render budget (≤ 100 ms for 24 h × every version × 4 signals).
 */
export const SignalPlot = memo(function SignalPlot({ view, labelAnnotations, width, height }: Props) {
  const { plot, from, to, range } = view;
  const display = SIGNAL_DISPLAY[plot.signal];
  const geometry = useMemo(() => plotGeometry(width, height, from, to, range, valueAxis(plot)), [width, height, from, to, range, plot]);
  const format = (value: number) => `${formatNumber(value)} ${display.unit}`;
  const summary = plot.lines.map((l) => `${l.name}: ${l.last === null ? 'no data' : format(l.last)}`).join('; ');
  return (
    <figure className="signal-plot" data-signal={plot.signal} data-lines={plot.lines.length} aria-label={`${display.label} (${display.unit}) by version, ${summary}`}>
      <figcaption>
        {display.label} <span className="muted">({display.unit})</span>
      </figcaption>
      {plot.lines.length === 0 ? (
        <p className="muted plot-empty">No data for this signal in the range.</p>
      ) : (
        <InteractivePlot geometry={geometry} view={view} labelAnnotations={labelAnnotations} width={width} height={height} unit={display.unit} label={display.label} format={format} />
      )}
      {plot.lines.length > 0 && <PlotLegend lines={plot.lines} />}
    </figure>
  );
});

interface InteractiveProps {
  geometry: PlotGeometry;
  view: PlotView;
  labelAnnotations: boolean;
  width: number;
  height: number;
  unit: string;
  label: string;
  format: (value: number) => string;
}

/**
 * The plot with a cursor: the pointer, or the arrow keys once the plot has focus, pick the
 * nearest grid row; a vertical line, a dot on each line and the tooltip show its values.
 */
function InteractivePlot({ geometry, view, labelAnnotations, width, height, unit, label, format }: InteractiveProps) {
  const { plot, from, to, range, annotations } = view;
  const [active, setActive] = useState<number | null>(null);
  const row = active === null ? undefined : plot.rows[active];
  const last = plot.rows.length - 1;

  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
    const { area } = geometry;
    if (x < area.left || x > area.right) return setActive(null);
    const nearest = rowNearest(plot.rows, x, geometry.scale);
    setActive(nearest ? plot.rows.indexOf(nearest) : null);
  };
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const step = e.shiftKey ? 10 : 1;
    const at = active ?? last;
    const next = e.key === 'ArrowLeft' ? at - step : e.key === 'ArrowRight' ? at + step : e.key === 'Home' ? 0 : e.key === 'End' ? last : undefined;
    if (e.key === 'Escape') setActive(null);
    if (next === undefined) return;
    e.preventDefault();
    setActive(Math.min(last, Math.max(0, next)));
  };

  return (
    <div className="plot-frame" style={{ width, height }}>
      <svg
        className="plot-surface"
        width={width}
        height={height}
        role="application"
        tabIndex={0}
        aria-label={`${label} chart: arrow keys move the cursor through time`}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setActive(null)}
        onFocus={() => setActive((a) => a ?? last)}
        onBlur={() => setActive(null)}
        onKeyDown={onKeyDown}
      >
        <PlotStatic geometry={geometry} lines={plot.lines} rows={plot.rows} range={range} unit={unit} annotations={annotations} from={from} to={to} labelAnnotations={labelAnnotations} />
        {row?.t !== undefined && <Cursor geometry={geometry} lines={plot.lines} row={row} t={row.t} />}
      </svg>
      {row?.t !== undefined && <PlacedTooltip geometry={geometry} width={width} t={row.t} lines={plot.lines} format={format} maxGap={(to - from) / 60} />}
    </div>
  );
}

function Cursor({ geometry, lines, row, t }: { geometry: PlotGeometry; lines: readonly PlotLine[]; row: Record<string, number>; t: number }) {
  const { area, scale } = geometry;
  const x = scale.x(t);
  return (
    <g className="plot-cursor" pointerEvents="none">
      <line x1={x} x2={x} y1={area.top} y2={area.bottom} stroke="#8b98a5" />
      {lines.map((l) => {
        const v = row[l.key];
        return v === undefined ? null : <circle key={l.key} className="plot-active-dot" cx={x} cy={scale.y(v)} r={4} fill={l.colour} stroke="var(--bg-raised)" strokeWidth={2} />;
      })}
    </g>
  );
}

/** The tooltip beside the cursor, on the side with more room. */
function PlacedTooltip({ geometry, width, t, lines, format, maxGap }: { geometry: PlotGeometry; width: number; t: number; lines: readonly PlotLine[]; format: (value: number) => string; maxGap: number }) {
  const x = geometry.scale.x(t);
  const right = x < width / 2;
  return (
    <div className="plot-tooltip-place" style={{ left: right ? x + 12 : undefined, right: right ? undefined : width - x + 12, top: geometry.area.top }}>
      <PlotTooltip active label={t} lines={lines} format={format} maxGap={maxGap} />
    </div>
  );
}

/** The lines' names under the plot. */
function PlotLegend({ lines }: { lines: readonly PlotLine[] }) {
  return (
    <ul className="plot-legend">
      {lines.map((l) => (
        <li key={l.key} className="plot-legend-item">
          <svg width={18} height={8} aria-hidden="true">
            <line x1={0} x2={18} y1={4} y2={4} stroke={l.colour} strokeWidth={l.width} strokeDasharray={l.dash} />
          </svg>
          <span className="plot-legend-text">{l.name}</span>
        </li>
      ))}
    </ul>
  );
}
