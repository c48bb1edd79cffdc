import type { HistoryPoint } from '../../../shared/contract/compat.ts';

export interface ChartData {
  rows: Record<string, number | string>[];
  /** Train names, oldest first (stack order). */
  series: { key: string; train: number }[];
}

/** Flattens sampled history into recharts rows: one row per sample, one column per train. */
export function historyChartData(points: HistoryPoint[]): ChartData {
  const trains = new Map<number, string>();
  for (const p of points) for (const t of p.trains) trains.set(t.train, t.trainName);
  const series = [...trains.entries()].sort((a, b) => a[0] - b[0]).map(([train, key]) => ({ key, train }));
  const rows = points.map((p) => {
    const row: Record<string, number | string> = { at: p.at.slice(11, 19) };
    for (const s of series) row[s.key] = 0;
    for (const t of p.trains) row[t.trainName] = t.count;
    return row;
  });
  return { rows, series };
}
