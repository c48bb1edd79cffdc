import type { ChartSeries, TelemetryRange } from '../../../../shared/contract/telemetry.ts';
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
  /** One row per timestamp (unix seconds in `t`), values in the display unit; a line without a value at `t` has none. */
  rows: Record<string, number>[];
}

/** Canary and baseline in contrasting hues and dashes (distinguishable without colour); others thinner and muted. */
const ROLE_STYLE = {
  canary: { colour: '#f0883e', dash: undefined, width: 2.25 },
  baseline: { colour: '#3b8eea', dash: '6 4', width: 2 },
} as const;
const OTHER_COLOURS = ['#8f6ee0', '#3fb950', '#8b98a5', '#d29922'];
const ROLE_ORDER = { baseline: 0, canary: 1, other: 2 } as const;

/** Groups series by signal (in the order asked) and merges each group's points into recharts rows. */
export function signalPlots(series: readonly ChartSeries[], signals: readonly Signal[]): SignalPlot[] {
  return signals.map((signal) => {
    const scale = SIGNAL_DISPLAY[signal].scale;
    const own = series.filter((s) => s.signal === signal).sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || b.train - a.train);
    const byTime = new Map<number, Record<string, number>>();
    let other = 0;
    const lines = own.map((s, i): PlotLine => {
      const key = `s${i}`;
      const points: [number, number][] = [];
      for (const [t, v] of s.points) {
        let row = byTime.get(t);
        if (!row) byTime.set(t, (row = { t }));
        row[key] = v * scale;
        points.push([t, v * scale]);
      }
      points.sort((a, b) => a[0] - b[0]);
      const style = s.role === 'other' ? { colour: OTHER_COLOURS[other++ % OTHER_COLOURS.length]!, dash: '2 3', width: 1.25 } : ROLE_STYLE[s.role];
      const last = points.at(-1);
      return { key, name: s.role === 'other' ? s.version : `${s.version} · ${s.role}`, version: s.version, role: s.role, ...style, last: last ? last[1] : null, points };
    });
    const rows = [...byTime.values()].sort((a, b) => a.t! - b.t!);
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
