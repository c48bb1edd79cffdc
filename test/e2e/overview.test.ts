import { describe, expect, it } from 'vitest';
import { useConsoleInBrowser } from './support/console-in-browser.ts';

describe('fleet overview on the embedded demo fleet', () => {
  const ctx = useConsoleInBrowser({ timeScale: 60 }, { viewport: { width: 1440, height: 900 } });

  it('shows four connected regions with live counts and a data age', async () => {
    const { page } = ctx.browser;
    const cards = page.locator('article.region-card');
    await page.waitForFunction(() => document.querySelectorAll('article.region-card[data-state="connected"] .stats').length === 4, null, { timeout: 20_000 });
    expect(await cards.count()).toBe(4);
    const ids = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-region')));
    expect(ids.sort()).toEqual(['ap-southeast', 'ca-central', 'eu-west', 'us-east']);
    for (const age of await page.getByTestId('data-age').allTextContents()) expect(age).toMatch(/just now|\d+ s ago/);
    const instances = await page.locator('article[data-region="us-east"] .stats dd').first().textContent();
    expect(Number(instances!.replace(/[^\d]/g, ''))).toBeGreaterThan(1000);
    await ctx.browser.screenshot('overview');
  });

  it('turns ap-southeast unreachable during an outage while the others keep updating', async () => {
    const { page } = ctx.browser;
    const revisionsBefore = Object.fromEntries(ctx.app.booted.regions.list().map((r) => [r.id, r.revision ?? 0]));
    ctx.app.booted.demoFleet!.setScenario('region-outage');
    await page.waitForFunction(() => document.querySelector('article[data-region="ap-southeast"]')?.getAttribute('data-state') === 'unreachable', null, { timeout: 30_000 });
    await page.locator('.status-bar [data-region="ap-southeast"][data-state="unreachable"]').waitFor();
    await expect(page.locator('article[data-region="ap-southeast"] .region-error').textContent()).resolves.toMatch(/ap-southeast/);
    for (const id of ['us-east', 'eu-west', 'ca-central']) {
      await expect(page.locator(`article[data-region="${id}"]`).getAttribute('data-state')).resolves.toBe('connected');
    }
    await page.waitForTimeout(1500);
    const after = Object.fromEntries(ctx.app.booted.regions.list().map((r) => [r.id, r.revision ?? 0]));
    for (const id of ['us-east', 'eu-west', 'ca-central']) expect(after[id]).toBeGreaterThan(revisionsBefore[id]!);
    for (const age of await page.locator('article[data-state="connected"] [data-testid="data-age"]').allTextContents()) expect(age).toMatch(/just now|^[1-9] s ago/);
    await ctx.browser.screenshot('overview-outage');
  });

  it('flags the unreachable region’s data as stale once it is older than the setting', async () => {
    const { page } = ctx.browser;
    await ctx.app.booted.core.handlers['settings.set']({ staleAfterSeconds: 5 });
    await page.keyboard.press('Control+Shift+R'); // "Reload data" refetches the settings
    const card = page.locator('article[data-region="ap-southeast"]');
    await card.getByText('· stale').waitFor({ timeout: 20_000 });
    expect(await card.getByTestId('data-age').textContent()).toMatch(/^([5-9]|\d\d) s ago$/);
    await expect(page.locator('article[data-region="us-east"]').getByText('· stale').count()).resolves.toBe(0);
  });
});
