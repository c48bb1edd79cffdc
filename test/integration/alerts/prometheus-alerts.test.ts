import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../support/demo-fleet.ts';
import { startPrometheusConsole, type PrometheusConsole } from '../../support/prometheus-console.ts';

let pc: PrometheusConsole;

beforeAll(async () => {
  pc = await startPrometheusConsole({ scenario: 'steady', regions: ['us-east', 'eu-west'] });
}, 120_000);
afterAll(async () => {
  await pc?.stop();
});

describe('alerts from a real Prometheus scraping the demo fleet', () => {
  it('the Signals table and a chart come from Prometheus, with no problems', { timeout: 90_000 }, async () => {
    const h = pc.fixture.core.handlers;
    // A 15 min range asks for 15 s steps: the first aligned step needs a few scrapes of history.
    const table = await waitFor(async () => {
      const t = await h['telemetry.signals']({ range: '15m' });
      return t.rows.filter((r) => r.region === 'us-east' && r.error_rate.value !== null).length > 10 ? t : null;
    }, 'Signals rows with values from Prometheus', 60_000, 500);
    expect(table.problems).toEqual([]);
    expect(table.rows.every((r) => r.region === 'us-east' || r.region === 'eu-west')).toBe(true);
    // p95 latency is a quantile of bucket rates: its first point can come a scrape after the error ratio's.
    const chart = await waitFor(async () => {
      const c = await h['telemetry.chart']({ region: 'us-east', component: 'document-store', range: '15m', widthPx: 400, signals: ['error_rate', 'latency_p95'] });
      return c.series.some((s) => s.signal === 'latency_p95') ? c : null;
    }, 'a p95 latency series from Prometheus', 30_000, 500);
    expect(chart.source).toBe('prometheus');
    expect(chart.problems).toEqual([]);
    expect(chart.series.filter((s) => s.signal === 'latency_p95').length).toBeGreaterThan(0);
    for (const s of chart.series) expect(s.points.length).toBeLessThanOrEqual(400);
  });

  it('switching us-east to bad-canary raises the alert with the toggle-off suggestion within two scrape intervals + 5 s', async () => {
    const h = pc.fixture.core.handlers;
    const canaryAlert = pc.nextAlert((a) => a.region === 'us-east' && a.component === 'document-store' && (a.rule === 'error-vs-baseline' || a.rule === 'error-threshold'));
    const t0 = performance.now();
    pc.demo.fleet.setScenario('bad-canary');
    const seenAt = await canaryAlert;
    expect(seenAt - t0).toBeLessThan(2 * 1_000 + 5_000);
    const alert = await waitFor(async () => (await h['alerts.list']({ state: 'open', limit: 100 })).alerts.find((a) => a.rule === 'error-vs-baseline' && a.component === 'document-store'), 'the alert in the list');
    expect(alert.suggestion?.step).toBe('toggle-off');
    expect(alert.evidence?.points.length).toBeGreaterThan(1);
    expect(alert.evidence?.baselinePoints.length).toBeGreaterThan(1);
  }, 60_000);
});
