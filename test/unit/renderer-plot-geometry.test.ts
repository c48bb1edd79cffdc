import { describe, expect, it } from 'vitest';
import { utcTick } from '../../renderer/src/components/telemetry/chart-data.ts';
import { annotationLabels, plotGeometry, PLOT_MARGIN, timeTicks, X_AXIS_HEIGHT, Y_AXIS_WIDTH } from '../../renderer/src/components/telemetry/plot-geometry.ts';

const FROM = Date.UTC(2026, 10, 29, 2, 0) / 1000;
const TO = FROM + 86_400;

describe('plot geometry', () => {
  it('maps the time window onto the plot area between the axes, and the value domain upwards', () => {
    const g = plotGeometry(600, 210, FROM, TO, '24h', { domain: [0, 10], ticks: [0, 5, 10] });
    expect(g.area).toEqual({ left: PLOT_MARGIN.left + Y_AXIS_WIDTH, top: PLOT_MARGIN.top, right: 600 - PLOT_MARGIN.right, bottom: 210 - PLOT_MARGIN.bottom - X_AXIS_HEIGHT });
    expect(g.scale.x(FROM)).toBeCloseTo(g.area.left);
    expect(g.scale.x(TO)).toBeCloseTo(g.area.right);
    expect(g.scale.y(0)).toBeCloseTo(g.area.bottom);
    expect(g.scale.y(10)).toBeCloseTo(g.area.top);
    expect(g.yTicks).toEqual([0, 5, 10]);
  });

  it('keeps only the time ticks whose label fits inside the chart', () => {
    const all = timeTicks(FROM, TO, '24h');
    expect(all.every((t) => t % 14_400 === 0)).toBe(true);
    const narrow = plotGeometry(220, 210, FROM, TO, '24h', { domain: [0, 1], ticks: [0, 1] });
    expect(narrow.xTicks.length).toBeLessThan(all.length);
    for (const t of narrow.xTicks) {
      const half = (utcTick(t, '24h').length * 6.6) / 2;
      expect(narrow.scale.x(t) - half).toBeGreaterThanOrEqual(0);
      expect(narrow.scale.x(t) + half).toBeLessThanOrEqual(220);
    }
    const wide = plotGeometry(1400, 210, FROM, TO, '24h', { domain: [0, 1], ticks: [0, 1] });
    expect(wide.xTicks).toEqual(all);
  });

  it('leaves out an annotation label that would overlap one already drawn', () => {
    const marks = [
      { x: 100, label: 'started', right: false },
      { x: 110, label: 'stage canary-1 started', right: false },
      { x: 400, label: 'stage canary-5 started', right: true },
      { x: 600, label: 'rolled back', right: true },
    ];
    expect(annotationLabels(marks)).toEqual([true, false, true, true]);
    // Far enough apart, both are drawn; a mark the scale could not place never is.
    expect(annotationLabels([{ x: 100, label: 'a', right: false }, { x: 120, label: 'b', right: false }, { x: Number.NaN, label: 'c', right: false }])).toEqual([true, true, false]);
  });
});
