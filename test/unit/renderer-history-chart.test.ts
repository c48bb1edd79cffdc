import { describe, expect, it } from 'vitest';
import { historyChartData, historyTick } from '../../renderer/src/lib/history-chart.ts';

const point = (at: string, counts: Array<[number, string, number]>) => ({ at, trains: counts.map(([train, trainName, count]) => ({ train, trainName, count })) });

describe('version-mix history chart data', () => {
  it('puts samples on a time axis (uneven gaps and days apart stay where they are), one column per train, missing trains at 0', () => {
    const data = historyChartData([
      point('2026-11-27T10:00:00.000Z', [[45, '2026.45', 10]]),
      point('2026-11-27T10:00:05.000Z', [[45, '2026.45', 8], [46, '2026.46', 2]]),
      point('2026-11-29T09:00:00.000Z', [[46, '2026.46', 10]]),
    ]);
    expect(data.series).toEqual([{ key: '2026.45', train: 45 }, { key: '2026.46', train: 46 }]);
    expect(data.rows.map((r) => r.at)).toEqual([Date.parse('2026-11-27T10:00:00Z'), Date.parse('2026-11-27T10:00:05Z'), Date.parse('2026-11-29T09:00:00Z')]);
    expect(data.rows[0]).toMatchObject({ '2026.45': 10, '2026.46': 0 });
    expect(data.rows[2]).toMatchObject({ '2026.45': 0, '2026.46': 10 });
    expect(data.spanMs).toBe(Date.parse('2026-11-29T09:00:00Z') - Date.parse('2026-11-27T10:00:00Z'));
  });

  it('ticks in UTC: seconds within an hour, minutes within a day, the date beyond', () => {
    const ms = Date.parse('2026-11-27T10:05:07Z');
    expect(historyTick(ms, 600_000)).toBe('10:05:07');
    expect(historyTick(ms, 6 * 3_600_000)).toBe('10:05');
    expect(historyTick(ms, 3 * 86_400_000)).toBe('11-27 10:05');
  });
});
