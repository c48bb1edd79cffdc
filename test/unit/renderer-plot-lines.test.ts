import { describe, expect, it } from 'vitest';
import type { SignalPlot } from '../../renderer/src/components/telemetry/chart-data.ts';
import { linePath, rowNearest, valueAxis, type PlotScale } from '../../renderer/src/components/telemetry/plot-lines.ts';

// 10 px per second from t = 100; 2 px per unit, y downwards from 200.
const scale: PlotScale = { x: (t) => (t - 100) * 10, y: (v) => 200 - v * 2 };
const rows: Record<string, number>[] = [{ t: 100, a: 1 }, { t: 101, a: 2, b: 5 }, { t: 102, b: 6 }, { t: 103, a: 4.44 }];

function plot(signal: SignalPlot['signal'], values: number[]): SignalPlot {
  return {
    signal,
    lines: [{ key: 's0', name: 'v1', version: 'v1', role: 'other', colour: '#000', dash: undefined, width: 1, last: values.at(-1) ?? null, points: [] }],
    rows: values.map((v, i) => ({ t: i, s0: v })),
  };
}

describe('signal plot lines', () => {
  it('draws a line through the rows that hold its key, in pixels rounded to a tenth', () => {
    expect(linePath(rows, 'a', scale)).toBe('M0,198L10,196L30,191.1');
    expect(linePath(rows, 'b', scale)).toBe('M10,190L20,188');
    expect(linePath(rows, 'missing', scale)).toBe('');
  });

  it('skips points the scale cannot place', () => {
    const partial: PlotScale = { x: (t) => (t === 101 ? Number.NaN : t), y: (v) => v };
    expect(linePath(rows, 'a', partial)).toBe('M100,1L103,4.4');
  });

  it('finds the row drawn nearest to a pixel', () => {
    expect(rowNearest(rows, 14, scale)?.t).toBe(101);
    expect(rowNearest(rows, 24, scale)?.t).toBe(102);
    expect(rowNearest(rows, 26, scale)?.t).toBe(103);
    expect(rowNearest(rows, 999, scale)?.t).toBe(103);
    expect(rowNearest([], 5, scale)).toBeUndefined();
  });

  it('fits the y axis from zero to the highest value, on nice ticks', () => {
    expect(valueAxis(plot('error_rate', [0.4, 3.7, 2]))).toEqual({ domain: [0, 4], ticks: [0, 1, 2, 3, 4] });
    expect(valueAxis(plot('latency_p95', [120, 480]))).toEqual({ domain: [0, 500], ticks: [0, 100, 200, 300, 400, 500] });
    expect(valueAxis(plot('request_rate', []))).toEqual({ domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
  });

  it('fits health from its lowest value up to 100', () => {
    expect(valueAxis(plot('health', [99.8, 86.9]))).toEqual({ domain: [86, 100], ticks: [86, 88, 90, 92, 94, 96, 98, 100] });
    // Near 100 everywhere: the axis still spans at least a point, so noise does not fill the plot.
    expect(valueAxis(plot('health', [99.9, 99.95])).domain).toEqual([99, 100]);
  });
});
