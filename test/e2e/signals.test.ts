import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useConsoleInBrowser } from './support/console-in-browser.ts';

const CANARY_ROW = '.signals-row[data-component="document-store"][data-region="us-east"]:not([data-baseline=""])';

/** The us-east document-store canary row once telemetry judged it worse than its baseline: its version, its baseline's, and both error ratios. */
async function worseCanary(page: Page) {
  await expect
    .poll(async () => page.locator(CANARY_ROW).first().getAttribute('data-status').catch(() => null), { timeout: 60_000, interval: 500 })
    .toMatch(/^(worse|bad)$/);
  const row = page.locator(CANARY_ROW).first();
  const cell = row.locator('[data-signal="error_rate"]');
  return {
    row,
    version: (await row.getAttribute('data-version'))!,
    baseline: (await row.getAttribute('data-baseline'))!,
    value: Number(await cell.getAttribute('data-value')),
    baselineValue: Number(await cell.getAttribute('data-baseline-value')),
    status: await cell.getAttribute('data-status'),
  };
}

describe('signals: bad-canary scenario', () => {
  const ctx = useConsoleInBrowser({ scenario: 'bad-canary' }, { viewport: { width: 1440, height: 960 } });

  it('shows the us-east document-store canary worse than its baseline, and opens its chart from the keyboard', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Alt+6');
    await page.getByRole('heading', { name: 'Signals', exact: true }).waitFor();
    expect(page.url()).toContain('#/signals');
    // The regression began minutes ago: judged over the last 15 minutes it stands out (over an hour, most samples predate it).
    await page.getByRole('button', { name: 'Last 15 min' }).click();

    // Sorted worst first: the canary is judged worse, its error ratio above its baseline's.
    const canary = await worseCanary(page);
    expect(canary.baseline).not.toBe('');
    expect(canary.baseline).not.toBe(canary.version);
    expect(canary.status).toMatch(/^(worse|bad)$/);
    expect(canary.value).toBeGreaterThan(canary.baselineValue);
    expect(await canary.row.locator('svg.sparkline').count()).toBe(1);

    // The baseline version has a row of its own in the same region, with a lower error ratio.
    await page.getByLabel('Filter signals').fill('document-store us-east');
    const baselineRow = page.locator(`.signals-row[data-component="document-store"][data-region="us-east"][data-version="${canary.baseline}"]`);
    await baselineRow.waitFor();
    expect(Number(await baselineRow.locator('[data-signal="error_rate"]').getAttribute('data-value'))).toBeLessThan(canary.value);
    await expect(page.locator('.signals-body [role="row"]').count()).resolves.toBeGreaterThanOrEqual(2);

    // Keyboard: one tab stop, arrows move, Enter opens the chart of the active row.
    await page.getByRole('grid', { name: /^Signals by component/ }).focus();
    const rows = await page.locator('.signals-body [role="row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-version')));
    const target = rows.indexOf(canary.version);
    for (let i = 0; i <= target; i++) await page.keyboard.press('ArrowDown');
    expect(await page.locator('.signals-row.active').getAttribute('data-version')).toBe(canary.version);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'document-store in us-east' }).waitFor();
    const plot = page.locator('.chart-panel .signal-plot[data-signal="error_rate"]');
    await plot.locator('.plot-line').nth(1).waitFor({ timeout: 30_000 });
    const legend = await plot.locator('.plot-legend-text').allTextContents();
    expect(legend).toContain(`${canary.version} · canary`);
    expect(legend).toContain(`${canary.baseline} · baseline`);

    // Sorting by a column reverses on the second click.
    await page.getByLabel('Filter signals').fill('');
    await page.getByRole('button', { name: /^Error ratio/ }).click();
    await expect(page.locator('[role="columnheader"][aria-sort="descending"]').textContent()).resolves.toMatch(/^Error ratio/);
    await page.getByRole('button', { name: /^Status/ }).click();
    await ctx.browser.screenshot('signals');
  }, 120_000);

  it('draws the canary apart from its baseline on the component page, in UTC with units, at the measured width', async () => {
    const { page } = ctx.browser;
    const asked: { widthPx: number; range: string; region: string }[] = [];
    const onRequest = (request: import('playwright-core').Request) => {
      if (request.url().endsWith('/api/call/telemetry.chart')) asked.push(JSON.parse(request.postData() ?? '{}'));
    };
    page.on('request', onRequest);
    try {
      await ctx.open('/component/document-store');
      await page.locator('#component-title').waitFor();
      const section = page.locator('section.component-signals');
      await section.getByLabel('Region').selectOption('us-east');
      const chart = section.locator('section.signal-chart[data-region="us-east"]');
      const plot = chart.locator('.signal-plot[data-signal="error_rate"]');
      await plot.locator('.plot-line').nth(1).waitFor({ timeout: 30_000 });

      // Two series for the error ratio with distinct legend names: the canary and its baseline, drawn differently.
      const legend = await plot.locator('.plot-legend-text').allTextContents();
      const canaryName = legend.find((l) => l.endsWith(' · canary'));
      const baselineName = legend.find((l) => l.endsWith(' · baseline'));
      expect(canaryName).toBeDefined();
      expect(baselineName).toBeDefined();
      expect(canaryName).not.toBe(baselineName);
      const curves = await plot.locator('path.plot-line').evaluateAll((paths) => paths.map((p) => `${p.getAttribute('stroke')}|${p.getAttribute('stroke-dasharray') ?? ''}`));
      expect(new Set(curves).size).toBe(curves.length);

      // Units on every axis: the y axis says %, the x axis says UTC.
      await expect(plot.locator('figcaption').textContent()).resolves.toContain('(%)');
      const labels = await plot.locator('.plot-axis-label').allTextContents();
      expect(labels).toContain('%');
      expect(labels).toContain('time (UTC)');
      await expect(chart.locator('.signal-plot[data-signal="latency_p95"] .plot-axis-label').allTextContents()).resolves.toContain('ms');
      const ticks = await plot.locator('.plot-axis-x .plot-tick').allTextContents();
      expect(ticks.filter((t) => /^\d\d:\d\d$/.test(t)).length).toBeGreaterThanOrEqual(3);

      // The width asked for is the plot's, in steps of 50 px.
      const surface = await plot.locator('svg.plot-surface').boundingBox();
      const last = asked.filter((a) => a.region === 'us-east').at(-1)!;
      expect(last.widthPx % 50).toBe(0);
      expect(last.widthPx).toBeLessThanOrEqual(surface!.width);
      expect(last.widthPx).toBeGreaterThan(surface!.width - 140);

      // Hover: the tooltip gives the time in UTC and in local time.
      await plot.scrollIntoViewIfNeeded();
      const box = (await plot.locator('svg.plot-surface').boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.4);
      const tooltip = plot.locator('.plot-tooltip');
      await tooltip.waitFor();
      await expect(tooltip.textContent()).resolves.toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTClocal: /);
      // Every line's value at that time, each in the signal's unit (the lines are downsampled apart, so not only the one under the cursor).
      const values = await tooltip.locator('li').allTextContents();
      expect(values.find((v) => v.startsWith(canaryName!))).toMatch(/: \d[\d.]* %$/);
      expect(values.find((v) => v.startsWith(baselineName!))).toMatch(/: \d[\d.]* %$/);

      // Keyboard: the plot takes focus, arrows move the cursor back through time, Escape hides it.
      await page.mouse.move(0, 0);
      await tooltip.waitFor({ state: 'detached' });
      await plot.locator('svg.plot-surface').focus();
      const newest = await tooltip.locator('.plot-tooltip-time').textContent();
      await page.keyboard.press('Shift+ArrowLeft');
      await expect.poll(() => tooltip.locator('.plot-tooltip-time').textContent()).not.toBe(newest);
      expect(Date.parse((await tooltip.locator('.plot-tooltip-time').textContent())!.replace(' UTC', 'Z').replace(' ', 'T'))).toBeLessThan(Date.parse(newest!.replace(' UTC', 'Z').replace(' ', 'T')));
      await page.keyboard.press('Escape');
      await tooltip.waitFor({ state: 'detached' });

      // The canary judgement of the rollout is on the page, with p-values.
      const verdict = section.locator('.canary-verdict[data-region="us-east"]');
      await verdict.waitFor({ timeout: 30_000 });
      expect(await verdict.getAttribute('data-verdict')).toMatch(/^(fail|marginal|pass|none)$/);
      // For the picture: the tooltip on the latency chart, so the error-ratio chart shows its annotation labels.
      await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      const latency = chart.locator('.signal-plot[data-signal="latency_p95"]');
      const latencyBox = (await latency.locator('svg.plot-surface').boundingBox())!;
      await page.mouse.move(latencyBox.x + latencyBox.width * 0.55, latencyBox.y + latencyBox.height * 0.5);
      await latency.locator('.plot-tooltip').waitFor();
      await ctx.browser.screenshot('chart');

      // The range picker asks again for the new range.
      await chart.getByRole('button', { name: 'Last 6 h' }).click();
      await expect.poll(() => asked.some((a) => a.range === '6h'), { timeout: 10_000 }).toBe(true);
      await expect(chart.getByRole('button', { name: 'Last 6 h' }).getAttribute('aria-pressed')).resolves.toBe('true');
      await plot.locator('.plot-line').nth(1).waitFor();
      await chart.getByRole('button', { name: 'Last 1 h' }).click();
    } finally {
      page.off('request', onRequest);
    }
  }, 120_000);
});
