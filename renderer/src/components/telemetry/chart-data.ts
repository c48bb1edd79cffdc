import type { ChartAnnotation, ChartSeries, TelemetryRange } from '../../../../shared/contract/telemetry.ts';
import type { Signal } from '../../../../shared/protocol/index.ts';
import { SIGNAL_DISPLAY } from './signal-format.ts';

export interface PlotLine {
  /** The row field holding this line's values. */
  key: string;
  /** Legend and tooltip name: "2026.48.0 · canary". */
  name: string;
  version: string;
  role: ChartSeries['role'];
  colour: string;
  dash: string | undefined;
  width: number;
  /** The newest value (display unit), null when the series is empty. */
  last: number | null;
  /** [unix seconds, value in the display unit], oldest first: what the tooltip reads at any time. */
  points: [number, number][];
}

export interface SignalPlot {
  signal: Signal;
  lines: PlotLine[];
  /**
   * One row per column of the shared time grid (unix seconds in `t`), values in the display unit:
   * every line has a value in every column from its first point to its last, none outside.
   */
  rows: Record<string, number>[];
}

/** What one chart draws: its plot and the time window (unix seconds) of the data it came with. */
export interface PlotView {
  plot: SignalPlot;
  from: number;
  to: number;
  range: TelemetryRange;
  annotations: readonly ChartAnnotation[];
}

/** Grid columns are this many pixels wide: the server keeps about one point per two pixels per line. */
export const GRID_COLUMN_PX = 2;

/** Canary and baseline in contrasting hues and dashes (distinguishable without colour); others thinner and muted. */
const ROLE_STYLE = {
  canary: { colour: '#f0883e', dash: undefined, width: 2.25 },
  baseline: { colour: '#3b8eea', dash: '6 4', width: 2 },
} as const;
const OTHER_COLOURS = ['#8f6ee0', '#3fb950', '#8b98a5', '#d29922'];
const ROLE_ORDER = { baseline: 0, canary: 1, other: 2 } as const;

/**
 * Groups series by signal (in the order asked) and puts each group's points on one time grid of
 * `plotWidth / GRID_COLUMN_PX` columns between `from` and `to`, so the lines share their rows:
 * each series is downsampled on its own and they rarely share timestamps, and a union of their
 * timestamps would leave every line without a value in half the rows. A column holding several
 * points of a line keeps the one furthest from the line's previous value (peaks survive); a column
 * holding none is interpolated between its neighbours, as a line joining them draws it anyway.
 */
export function signalPlots(series: readonly ChartSeries[], signals: readonly Signal[], from: number, to: number, plotWidth: number): SignalPlot[] {
  const columns = Math.max(2, Math.floor(plotWidth / GRID_COLUMN_PX));
  const span = to - from;
  const columnOf = (t: number) => (span > 0 ? Math.min(columns - 1, Math.max(0, Math.round(((t - from) / span) * (columns - 1)))) : 0);
  const timeOf = (c: number) => (span > 0 ? from + (span * c) / (columns - 1) : from);
  return signals.map((signal) => {
    const scale = SIGNAL_DISPLAY[signal].scale;
    const own = series.filter((s) => s.signal === signal).sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || b.train - a.train);
    const grid: (Record<string, number> | undefined)[] = new Array(columns);
    const rowAt = (c: number) => (grid[c] ??= { t: timeOf(c) });
    let other = 0;
    const lines = own.map((s, i): PlotLine => {
      const key = `s${i}`;
      const points: [number, number][] = s.points.map(([t, v]) => [t, v * scale]);
      points.sort((a, b) => a[0] - b[0]);
      let lastColumn = -1;
      let lastValue = 0;
      for (const [t, v] of points) {
        const c = columnOf(t);
        if (c === lastColumn) {
          // Another point in the same column: keep the one that moves the line furthest.
          const prev = c > 0 && grid[c - 1]?.[key] !== undefined ? grid[c - 1]![key]! : lastValue;
          if (Math.abs(v - prev) > Math.abs(rowAt(c)[key]! - prev)) rowAt(c)[key] = v;
          continue;
        }
        if (lastColumn >= 0) {
          // Columns between two points: on the segment joining them.
          const before = rowAt(lastColumn)[key]!;
          for (let g = lastColumn + 1; g < c; g++) rowAt(g)[key] = before + ((v - before) * (g - lastColumn)) / (c - lastColumn);
        }
        rowAt(c)[key] = v;
        lastColumn = c;
        lastValue = v;
      }
      const style = s.role === 'other' ? { colour: OTHER_COLOURS[other++ % OTHER_COLOURS.length]!, dash: '2 3', width: 1.25 } : ROLE_STYLE[s.role];
      const last = points.at(-1);
      return { key, name: s.role === 'other' ? s.version : `${s.version} · ${s.role}`, version: s.version, role: s.role, ...style, last: last ? last[1] : null, points };
    });
    const rows = grid.filter((r): r is Record<string, number> => r !== undefined);
    return { signal, lines, rows };
  });
}

/**
 * A line's value nearest to `t` (each series is downsampled on its own, so the lines rarely share
 * timestamps): null when its nearest point is more than `maxGap` seconds away.
 */
export function valueNear(points: readonly (readonly [number, number])[], t: number, maxGap: number): number | null {
  let lo = 0;
  let hi = points.length - 1;
  if (hi < 0) return null;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]![0] < t) lo = mid + 1;
    else hi = mid;
  }
  const candidates = [points[lo], points[lo - 1]].filter((p): p is readonly [number, number] => p !== undefined);
  const best = candidates.reduce((a, b) => (Math.abs(b[0] - t) < Math.abs(a[0] - t) ? b : a));
  return Math.abs(best[0] - t) <= maxGap ? best[1] : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Axis ticks in UTC: "14:05" for ranges within a day, "11-27 14:00" beyond. */
export function utcTick(unixSeconds: number, range: TelemetryRange): string {
  const d = new Date(unixSeconds * 1000);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return range === '7d' || range === '24h' ? `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${time}` : time;
}

const localFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short' });

/** The tooltip's heading: the UTC time with its zone, then the reader's local time with theirs. */
export function tooltipTime(unixSeconds: number): { utc: string; local: string } {
  const d = new Date(unixSeconds * 1000);
  return { utc: `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`, local: localFormat.format(d) };
}
