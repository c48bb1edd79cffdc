import { scaleLinear } from 'd3-scale';
import type { TelemetryRange } from '../../../../shared/contract/telemetry.ts';
import { utcTick } from './chart-data.ts';
import type { PlotScale, ValueAxis } from './plot-lines.ts';

/** Left axis width, bottom axis height and the margins around them: what the plot area leaves of the chart's size. */
export const Y_AXIS_WIDTH = 58;
export const X_AXIS_HEIGHT = 34;
export const PLOT_MARGIN = { top: 14, right: 14, bottom: 4, left: 4 };

/** The plot area inside the axes, in SVG pixels. */
export interface PlotArea {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Tick spacing per range (seconds), aligned to whole minutes / hours / days in UTC. */
const TICK_STEP: Record<TelemetryRange, number> = { '15m': 180, '1h': 600, '6h': 3_600, '24h': 14_400, '7d': 86_400 };

export function timeTicks(from: number, to: number, range: TelemetryRange): number[] {
  const step = TICK_STEP[range];
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** About the width of one character of an 11 px tick label. */
const TICK_CHAR_PX = 6.6;

/** Everything a chart of this size draws, computed once per data and size (not on hover). */
export interface PlotGeometry {
  area: PlotArea;
  scale: PlotScale;
  xTicks: number[];
  yTicks: number[];
}

export function plotGeometry(width: number, height: number, from: number, to: number, range: TelemetryRange, axis: ValueAxis): PlotGeometry {
  const area: PlotArea = {
    left: PLOT_MARGIN.left + Y_AXIS_WIDTH,
    top: PLOT_MARGIN.top,
    right: Math.max(PLOT_MARGIN.left + Y_AXIS_WIDTH + 1, width - PLOT_MARGIN.right),
    bottom: Math.max(PLOT_MARGIN.top + 1, height - PLOT_MARGIN.bottom - X_AXIS_HEIGHT),
  };
  const x = scaleLinear()
    .domain([from, to])
    .range([area.left, area.right]);
  const y = scaleLinear().domain(axis.domain).range([area.bottom, area.top]);
  // Only ticks whose label fits inside the chart, so none is cut at an edge.
  const xTicks = timeTicks(from, to, range).filter((t) => {
    const half = (utcTick(t, range).length * TICK_CHAR_PX) / 2;
    const px = x(t);
    return px - half >= 0 && px + half <= width;
  });
  return { area, scale: { x: (t) => x(t), y: (v) => y(v) }, xTicks, yTicks: axis.ticks };
}

/** About the width of one character of a 10 px annotation label. */
const LABEL_CHAR_PX = 5.6;
/** How far an annotation label stands off its line. */
export const LABEL_GAP_PX = 5;

/**
 * Which annotation labels to draw, in order: each reads LABEL_GAP_PX away from its line (leftwards when
 * `right`), and one that would overlap a label already drawn is left out (every mark is listed
 * under the charts anyway).
 */
export function annotationLabels(marks: readonly { x: number; label: string; right: boolean }[]): boolean[] {
  const taken: [number, number][] = [];
  return marks.map(({ x, label, right }) => {
    const width = label.length * LABEL_CHAR_PX;
    const extent: [number, number] = right ? [x - LABEL_GAP_PX - width, x - LABEL_GAP_PX] : [x + LABEL_GAP_PX, x + LABEL_GAP_PX + width];
    if (!Number.isFinite(x) || taken.some(([l, r]) => extent[0] < r && l < extent[1])) return false;
    taken.push(extent);
    return true;
  });
}
