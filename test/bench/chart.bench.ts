import { buildAll } from '../../scripts/build.ts';
import { openBrowser, waitForShell } from '../e2e/support/browser.ts';
import { startWebConsole } from '../e2e/support/web-console.ts';
import type { Benchmark } from './harness.ts';

/**
 * A component's 24 h chart in Chromium through the web host: every live version × 4 signals, the
 * component with the most live versions in the 6-region demo fleet. Measured from the chart data
 * arriving in the page to the painted chart; long tasks observed from the click to the paint.
 * Baseline, in the same page: bare SVG paths with the same number of points.
 */
const chartRender: Benchmark = {
  name: 'component chart render, 24 h × live versions × 4 signals (6-region demo fleet)',
  async run() {
    await buildAll({ quiet: true });
    const app = await startWebConsole({ scenario: 'bad-canary', regions: 6, scale: 24_000, changesPerSecond: 20 });
    const browser = await openBrowser({ viewport: { width: 1440, height: 960 } });
    try {
      const { rows } = await app.booted.core.handlers['telemetry.signals']({ range: '15m' });
      const versions = new Map<string, number>();
      for (const r of rows) versions.set(`${r.region}|${r.component}`, (versions.get(`${r.region}|${r.component}`) ?? 0) + 1);
      const [busiest, count] = [...versions.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['us-east|document-store', 0];
      const [region, component] = busiest.split('|') as [string, string];
      const { page } = browser;
      await page.addInitScript(() => {
        const w = window as unknown as { __longTasks: number[] };
        w.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(app.host.launchUrl);
      await waitForShell(page);
      await page.goto(`${new URL(app.host.launchUrl).origin}/#/component/${component}`);
      const section = page.locator('section.component-signals');
      await section.getByLabel('Region').selectOption(region);
      await section.locator(`section.signal-chart[data-region="${region}"] .signal-plot`).first().waitFor({ timeout: 60_000 });
      await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
      await section.getByRole('button', { name: 'Last 24 h' }).click();
      await page.waitForFunction(() => performance.getEntriesByName('rcc:chart:24h:first-render').length > 0, null, { timeout: 60_000 });
      const render = await page.evaluate(() => performance.getEntriesByName('rcc:chart:24h:first-render')[0]!.duration);
      const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
      const chart = await app.booted.core.handlers['telemetry.chart']({ region, component, range: '24h', widthPx: 650 });
      const points = chart.series.reduce((n, s) => n + s.points.length, 0);
      const baseline = await page.evaluate(
        ({ series, perSeries }) => {
          const t0 = performance.now();
          const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
          for (let s = 0; s < series; s++) {
            const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
            let d = 'M0 0';
            for (let i = 0; i < perSeries; i++) d += ` L${i} ${(Math.sin(i + s) + 1) * 50}`;
            path.setAttribute('d', d);
            svg.appendChild(path);
          }
          document.body.appendChild(svg);
          void svg.getBoundingClientRect();
          svg.remove();
          return performance.now() - t0;
        },
        { series: chart.series.length, perSeries: Math.round(points / Math.max(1, chart.series.length)) },
      );
      const worst = Math.max(0, ...longTasks);
      return {
        pass: render <= 100 && worst <= 50,
        summary: `${render.toFixed(0)} ms after data (budget <= 100 ms) for ${component} in ${region}: ${count} live versions × 4 signals, ${chart.series.length} series, ${points} points at a ${chart.stepSeconds} s step; ${(render / Math.max(baseline, 0.1)).toFixed(1)}x bare SVG paths of the same points (${baseline.toFixed(1)} ms); longest task ${worst.toFixed(0)} ms (budget <= 50 ms; ${longTasks.length} long tasks)`,
      };
    } finally {
      await browser.close();
      await app.close();
    }
  },
};

export const benchmarks: Benchmark[] = [chartRender];
