import type { HistoryPoint } from '../../../shared/contract/compat.ts';

export interface ChartData {
  /** `at` in epoch milliseconds (a numeric time axis: samples are uneven and may span days). */
  rows: Record<string, number>[];
  /** Train names, oldest first (stack order). */
  series: { key: string; train: number }[];
  /** Milliseconds from the first sample to the last. */
  spanMs: number;
}

/** Flattens sampled history into recharts rows: one row per sample, one column per train. */
export function historyChartData(points: HistoryPoint[]): ChartData {
  const trains = new Map<number, string>();
  for (const p of points) for (const t of p.trains) trains.set(t.train, t.trainName);
  const series = [...trains.entries()].sort((a, b) => a[0] - b[0]).map(([train, key]) => ({ key, train }));
  const rows = points.map((p) => {
    const row: Record<string, number> = { at: Date.parse(p.at) };
    for (const s of series) row[s.key] = 0;
    for (const t of p.trains) row[t.trainName] = t.count;
    return row;
  });
  const spanMs = rows.length > 1 ? (rows[rows.length - 1]?.at ?? 0) - (rows[0]?.at ?? 0) : 0;
  return { rows, series, spanMs };
}

/** An axis tick in UTC: the time of day within a day, the date and hour beyond. */
export function historyTick(ms: number, spanMs: number): string {
  const iso = new Date(ms).toISOString();
  return spanMs > 86_400_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : spanMs > 3_600_000 ? iso.slice(11, 16) : iso.slice(11, 19);
}
