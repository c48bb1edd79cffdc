import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { TelemetryRange } from '../../../../shared/contract/telemetry.ts';
import { utcTick, type PlotView } from './chart-data.ts';
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
            ticks={timeTicks(from, to, range)}
            // Every tick shown (they are spaced to fit): recharts then measures no tick label to thin them out.
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
            domain={plot.signal === 'health' ? ['auto', 100] : [0, 'auto']}
            label={{ value: display.unit, angle: -90, position: 'insideLeft', offset: 10, fontSize: 10, fill: AXIS }}
          />
          <Tooltip
            isAnimationActive={false}
            content={(props) => <PlotTooltip active={props.active} label={props.label} lines={plot.lines} format={format} maxGap={(to - from) / 60} />}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {annotations.map((a, i) => {
            const x = Date.parse(a.at) / 1000;
            // Labels read away from the nearer edge, so none runs out of the plot.
            const position = x > (from + to) / 2 ? 'insideTopRight' : 'insideTopLeft';
            return (
              <ReferenceLine
                key={`${a.at}-${i}`}
                x={x}
                ifOverflow="discard"
                stroke={ANNOTATION_COLOUR[a.kind]}
                strokeDasharray="4 3"
                label={labelAnnotations ? { value: a.label, position, fontSize: 10, fill: ANNOTATION_COLOUR[a.kind] } : undefined}
              />
            );
          })}
          {plot.lines.map((l) => (
            <Line
              key={l.key}
              dataKey={l.key}
              name={l.name}
              type="linear"
              stroke={l.colour}
              strokeWidth={l.width}
              strokeDasharray={l.dash}
              dot={false}
              legendType="plainline"
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </figure>
  );
});
