import { memo } from 'react';
import { CartesianGrid, LineChart, Tooltip, useActiveTooltipCoordinate, useIsTooltipActive, usePlotArea, useXAxisScale, useYAxisScale, XAxis, YAxis } from 'recharts';
import type { ChartAnnotation, TelemetryRange } from '../../../../shared/contract/telemetry.ts';
import { linePath, rowNearest, valueAxis, type PlotScale } from './plot-lines.ts';
import { utcTick, type PlotLine, type PlotView } from './chart-data.ts';
import { PlotTooltip } from './PlotTooltip.tsx';
import { formatNumber, SIGNAL_DISPLAY } from './signal-format.ts';

const AXIS = '#8b98a5';
const ANNOTATION_COLOUR = { rollout: '#a371f7', action: '#d29922' } as const;
/** Left axis width and chart margins: what the plot area leaves of the measured width. */
export const Y_AXIS_WIDTH = 58;
export const PLOT_MARGIN = { top: 14, right: 14, bottom: 4, left: 4 };

/** Tick spacing per range (seconds), aligned to whole minutes / hours / days in UTC. */
const TICK_STEP: Record<TelemetryRange, number> = { '15m': 180, '1h': 600, '6h': 3_600, '24h': 14_400, '7d': 86_400 };

export function timeTicks(from: number, to: number, range: TelemetryRange): number[] {
  const step = TICK_STEP[range];
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** Ticks whose label fits in the plot's width (about 6.6 px per character at 11 px), so none is cut at an edge. */
function fittingTicks(from: number, to: number, range: TelemetryRange, plotPx: number): number[] {
  const span = to - from;
  return timeTicks(from, to, range).filter((t) => {
    const x = span > 0 ? ((t - from) / span) * plotPx : 0;
    const half = (utcTick(t, range).length * 6.6) / 2;
    return x - half >= -PLOT_MARGIN.left && x + half <= plotPx + PLOT_MARGIN.right;
  });
}

interface Props {
  view: PlotView;
  /** Label the annotation lines (only the first chart does, so stacked charts stay readable). */
  labelAnnotations: boolean;
  width: number;
  height: number;
}

/**
 * One signal, every version of the component in the region as one line; time in UTC on the x axis.
 * Memoized: a parent re-render (refreshing, the fleet changing) must not re-render the chart, as
 * recharts re-measures every line's path on each render.
 */
export const SignalPlot = memo(function SignalPlot({ view, labelAnnotations, width, height }: Props) {
  const { plot, from, to, range, annotations } = view;
  const display = SIGNAL_DISPLAY[plot.signal];
  const format = (value: number) => `${formatNumber(value)} ${display.unit}`;
  const axis = valueAxis(plot);
  return (
    <figure
      className="signal-plot"
      data-signal={plot.signal}
      data-lines={plot.lines.length}
      aria-label={`${display.label} (${display.unit}) by version, ${plot.lines.map((l) => `${l.name}: ${l.last === null ? 'no data' : format(l.last)}`).join('; ')}`}
    >
      <figcaption>
        {display.label} <span className="muted">({display.unit})</span>
      </figcaption>
      {plot.lines.length === 0 ? (
        <p className="muted plot-empty">No data for this signal in the range.</p>
      ) : (
        <LineChart width={width} height={height} data={plot.rows} margin={PLOT_MARGIN}>
          <CartesianGrid strokeDasharray="3 3" stroke="#8b98a540" />
          <XAxis
            dataKey="t"
            type="number"
            domain={[from, to]}
            allowDataOverflow
            ticks={fittingTicks(from, to, range, width - Y_AXIS_WIDTH - PLOT_MARGIN.left - PLOT_MARGIN.right)}
            // Every tick given is shown (spaced to fit, none cut at the edges): recharts then measures no tick label to thin them out.
            interval={0}
            tickFormatter={(t: number) => utcTick(t, range)}
            tick={{ fontSize: 11, fill: AXIS }}
            height={34}
            label={{ value: 'time (UTC)', position: 'insideBottomRight', offset: 0, fontSize: 10, fill: AXIS }}
          />
          <YAxis
            width={Y_AXIS_WIDTH}
            interval={0}
            tick={{ fontSize: 11, fill: AXIS }}
            tickFormatter={(v: number) => formatNumber(v)}
            domain={axis.domain}
            ticks={axis.ticks}
            allowDataOverflow
            label={{ value: display.unit, angle: -90, position: 'insideLeft', offset: 10, fontSize: 10, fill: AXIS }}
          />
          <HoverTooltip lines={plot.lines} format={format} maxGap={(to - from) / 60} />
          <AnnotationLines annotations={annotations} from={from} to={to} labelled={labelAnnotations} />
          <PlotLines lines={plot.lines} rows={plot.rows} />
        </LineChart>
      )}
      {plot.lines.length > 0 && <PlotLegend lines={plot.lines} />}
    </figure>
  );
});

/**
 * Every version's line as one SVG path from the chart's scales, and a dot on each at the hovered
 * time. Drawn in one layer rather than as recharts Lines: each Line registers in the chart's store
 * and recomputes its selectors on every registration, which made a chart cost tens of
 * milliseconds to mount; the axes, grid and tooltip stay recharts'.
 */
function PlotLines({ lines, rows }: { lines: readonly PlotLine[]; rows: readonly Record<string, number>[] }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  const active = useIsTooltipActive();
  const cursor = useActiveTooltipCoordinate();
  if (!x || !y) return null;
  const scale: PlotScale = { x: (t) => x(t) ?? Number.NaN, y: (v) => y(v) ?? Number.NaN };
  const activeRow = active && cursor ? rowNearest(rows, cursor.x, scale) : undefined;
  return (
    <g className="plot-lines">
      {lines.map((l) => (
        <path key={l.key} className="plot-line" data-role={l.role} d={linePath(rows, l.key, scale)} fill="none" stroke={l.colour} strokeWidth={l.width} strokeDasharray={l.dash} strokeLinejoin="round" />
      ))}
      {activeRow &&
        lines.map((l) => {
          const v = activeRow[l.key];
          if (v === undefined) return null;
          return <circle key={l.key} className="plot-active-dot" cx={scale.x(activeRow.t!)} cy={scale.y(v)} r={4} fill={l.colour} stroke="var(--bg-raised)" strokeWidth={2} />;
        })}
    </g>
  );
}

/**
 * recharts' tooltip, shown while the pointer or keyboard is on the plot: recharts would keep it
 * hidden, as no recharts Line gives it a payload; the values come from the lines themselves.
 */
function HoverTooltip({ lines, format, maxGap }: { lines: readonly PlotLine[]; format: (value: number) => string; maxGap: number }) {
  const active = useIsTooltipActive();
  return (
    <Tooltip
      isAnimationActive={false}
      wrapperStyle={{ visibility: active ? 'visible' : 'hidden' }}
      content={(props) => <PlotTooltip active={props.active} label={props.label} lines={lines} format={format} maxGap={maxGap} />}
    />
  );
}

/**
 * The lines' names under the plot, drawn in HTML: recharts' own legend measures itself after
 * mounting and re-renders the whole chart to make room for it.
 */
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

/**
 * Rollout stage changes and actions as dashed vertical lines, labelled on the first chart. Drawn
 * from the chart's x scale in one layer rather than as recharts ReferenceLines: each of those is
 * registered in the chart's store, and every registration recomputes the chart's selectors.
 */
function AnnotationLines({ annotations, from, to, labelled }: { annotations: readonly ChartAnnotation[]; from: number; to: number; labelled: boolean }) {
  const scale = useXAxisScale();
  const area = usePlotArea();
  if (!scale || !area) return null;
  return (
    <g className="plot-annotations">
      {annotations.map((a, i) => {
        const t = Date.parse(a.at) / 1000;
        const x = t >= from && t <= to ? scale(t) : undefined;
        if (x === undefined || !Number.isFinite(x)) return null;
        const colour = ANNOTATION_COLOUR[a.kind];
        // Labels read away from the nearer edge, so none runs out of the plot.
        const right = t > (from + to) / 2;
        return (
          <g key={`${a.at}-${i}`} className="plot-annotation" data-kind={a.kind}>
            <line x1={x} x2={x} y1={area.y} y2={area.y + area.height} stroke={colour} strokeDasharray="4 3" />
            {labelled && (
              <text x={right ? x - 5 : x + 5} y={area.y + 5} dy="0.71em" textAnchor={right ? 'end' : 'start'} fontSize={10} fill={colour}>
                {a.label}
              </text>
            )}
          </g>
        );
      })}
    </g>
  );
}
