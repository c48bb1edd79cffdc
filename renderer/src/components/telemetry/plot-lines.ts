import { scaleLinear } from 'd3-scale';
import type { SignalPlot } from './chart-data.ts';

/** The chart's scales: unix seconds → x pixels, a display-unit value → y pixels. */
export interface PlotScale {
  x: (t: number) => number;
  y: (v: number) => number;
}

/**
 * One line's SVG path over the shared time grid: `M` at its first column, `L` to each next one
 * (a line has a value in every column from its first point to its last). Empty when it has none.
 */
export function linePath(rows: readonly Record<string, number>[], key: string, scale: PlotScale): string {
  let d = '';
  for (const row of rows) {
    const v = row[key];
    const t = row.t;
    if (v === undefined || t === undefined) continue;
    const x = scale.x(t);
    const y = scale.y(v);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    d += `${d === '' ? 'M' : 'L'}${Math.round(x * 10) / 10},${Math.round(y * 10) / 10}`;
  }
  return d;
}

/** The grid row drawn nearest to pixel `x` (the hovered time), undefined when there are none. */
export function rowNearest(rows: readonly Record<string, number>[], x: number, scale: PlotScale): Record<string, number> | undefined {
  let best: Record<string, number> | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const row of rows) {
    if (row.t === undefined) continue;
    const distance = Math.abs(scale.x(row.t) - x);
    if (distance < bestDistance) {
      best = row;
      bestDistance = distance;
    }
  }
  return best;
}

/** A y axis: its domain rounded to nice values and the ticks on it. */
export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
}

const TICKS = 5;

/**
 * The y axis from the lines' values: from 0 to the highest value, and for health (a percentage
 * normally near 100) from the lowest value to 100, rounded outwards to nice ticks. Computed here
 * from the lines themselves, which the plot draws from d3 scales.
 */
export function valueAxis(plot: SignalPlot): ValueAxis {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const row of plot.rows) {
    for (const line of plot.lines) {
      const v = row[line.key];
      if (v === undefined) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const health = plot.signal === 'health';
  const raw: [number, number] = !Number.isFinite(lo) ? (health ? [0, 100] : [0, 1]) : health ? [Math.min(lo, 99), 100] : [0, hi > 0 ? hi : 1];
  const scale = scaleLinear().domain(raw).nice(TICKS);
  const [a, b] = scale.domain() as [number, number];
  return { domain: [a, b], ticks: scale.ticks(TICKS) };
}
