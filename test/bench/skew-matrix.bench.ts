import { buildAll } from '../../scripts/build.ts';
import { openBrowser, waitForShell } from '../e2e/support/browser.ts';
import { startWebConsole } from '../e2e/support/web-console.ts';
import type { Benchmark } from './harness.ts';

/**
 * Skew matrix first render in Chromium through the web host, on a 100,000-instance demo fleet that
 * streams 1,000 changes/s. Baseline, in the same page: building a bare DOM table with the same
 * number of cells. Long tasks are observed for 5 s of streaming with the matrix on screen.
 */
const matrixRender: Benchmark = {
  name: 'skew matrix first render (6 regions, 100,000 instances, 1,000 changes/s)',
  async run() {
    await buildAll({ quiet: true });
    const app = await startWebConsole({ scale: 100_000, regions: 6, changesPerSecond: 1_000 });
    const browser = await openBrowser({ viewport: { width: 1440, height: 960 } });
    try {
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
      await page.waitForFunction(() => document.querySelectorAll('article.region-card .stats').length === 6, null, { timeout: 60_000 });
      await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
      await page.keyboard.press('Alt+2');
      await page.waitForFunction(() => performance.getEntriesByName('rcc:matrix:first-render').length > 0, null, { timeout: 60_000 });
      const firstRender = await page.evaluate(() => performance.getEntriesByName('rcc:matrix:first-render')[0]!.duration);
      const cells = await page.locator('td.cell').count();
      const baseline = await page.evaluate((n) => {
        const t0 = performance.now();
        const table = document.createElement('table');
        for (let r = 0; r < n / 6; r++) {
          const tr = table.insertRow();
          for (let c = 0; c < 6; c++) tr.insertCell().textContent = `2026.46 · 2026.47 · ${r * c}`;
        }
        document.body.appendChild(table);
        void table.offsetHeight;
        table.remove();
        return performance.now() - t0;
      }, cells);
      await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
      const revisionBefore = app.booted.regions.list().reduce((sum, r) => sum + (r.revision ?? 0), 0);
      await page.waitForTimeout(5_000);
      const revisionAfter = app.booted.regions.list().reduce((sum, r) => sum + (r.revision ?? 0), 0);
      const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
      const worst = Math.max(0, ...longTasks);
      const rate = (revisionAfter - revisionBefore) / 5;
      return {
        pass: firstRender <= 200 && worst <= 50,
        summary: `${firstRender.toFixed(0)} ms after data arrived (budget <= 200 ms); ${(firstRender / Math.max(baseline, 0.1)).toFixed(1)}x a bare DOM table of the same ${cells} cells (${baseline.toFixed(1)} ms); longest task while streaming ${worst.toFixed(0)} ms (budget <= 50 ms; ${longTasks.length} long tasks) at ${Math.round(rate)} changes/s applied`,
      };
    } finally {
      await browser.close();
      await app.close();
    }
  },
};

export const benchmarks: Benchmark[] = [matrixRender];
