import { describe, expect, it } from 'vitest';
import { useConsoleInBrowser } from './support/console-in-browser.ts';

const KEYS = ['frequency', 'lead-time', 'change-failure', 'restore'] as const;

describe('cadence on the demo fleet', () => {
  const ctx = useConsoleInBrowser({}, { viewport: { width: 1440, height: 1300 } });

  it('shows the four keys with their period and sample size, per-region frequency against the target, and trends (Alt+9)', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Alt+9');
    await page.getByRole('heading', { name: 'Cadence', exact: true }).waitFor();
    await page.getByRole('list', { name: 'DORA keys' }).waitFor({ timeout: 20_000 });

    for (const key of KEYS) {
      const card = page.getByTestId(`cadence-key-${key}`);
      const value = (await card.getByTestId('value').textContent()) ?? '';
      expect(value, key).not.toBe('—');
      expect(value.trim(), key).not.toBe('');
      await expect(card.textContent()).resolves.toMatch(/\d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2} UTC \(13 weeks\)/);
    }
    // The demo fleet's history: every region releases, below the weekly target (about twice a month).
    await expect(page.getByTestId('cadence-key-frequency').textContent()).resolves.toMatch(/releases \/ region \/ week \(target 1\).*releases? to production in 4 regions; on target in \d+ of 52 region-weeks/);
    await expect(page.getByTestId('cadence-key-lead-time').textContent()).resolves.toMatch(/n = \d+ trains/);
    await expect(page.getByTestId('cadence-key-change-failure').textContent()).resolves.toMatch(/\d+ of \d+ trains needed a rollback or a toggle-off/);
    await expect(page.getByTestId('cadence-key-restore').textContent()).resolves.toMatch(/n = [1-9]\d*/);

    const regions = page.getByRole('table', { name: 'Releases per region' });
    await expect(regions.locator('tbody tr').count()).resolves.toBe(4);
    // The frequency chart draws bars for each region and the target line; four trend charts follow.
    const frequency = page.getByRole('img', { name: /Releases to production per region and week against the target of 1 a week/ });
    await frequency.locator('.recharts-bar-rectangle').first().waitFor();
    await expect(frequency.locator('.recharts-legend-item').allTextContents()).resolves.toEqual(['ap-southeast', 'ca-central', 'eu-west', 'us-east']);
    await expect(frequency.locator('.recharts-reference-line').count()).resolves.toBe(1);
    await expect(page.locator('figure.cadence-trend').count()).resolves.toBe(4);
    await expect(page.locator('figure.cadence-trend .recharts-line-curve').count()).resolves.toBeGreaterThanOrEqual(5);
    await ctx.browser.screenshot('cadence');

    // A monthly trend over the year: the period follows.
    await page.getByRole('button', { name: 'Year', exact: true }).click();
    await page.getByRole('button', { name: 'Monthly' }).click();
    await expect.poll(() => page.getByTestId('cadence-key-frequency').textContent(), { timeout: 20_000 }).toMatch(/UTC \(52 weeks\)/);
    await expect(page.locator('figure.cadence-trend figcaption').first().textContent()).resolves.toContain('per month');
  });

  it('is in the command palette', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Control+k');
    const input = page.getByPlaceholder('Type a command or screen…');
    await input.fill('cadence');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Cadence', exact: true }).waitFor();
    expect(page.url()).toContain('#/cadence');
  });
});
