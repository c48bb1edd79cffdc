import { describe, expect, it } from 'vitest';
import { useConsoleInBrowser } from './support/console-in-browser.ts';

describe('fleet overview on the embedded demo fleet', () => {
  const ctx = useConsoleInBrowser({ timeScale: 60 }, { viewport: { width: 1440, height: 900 } });
  const fleet = () => ctx.app.booted.demoFleet!;
  const waitForState = (region: string, state: string) =>
    ctx.browser.page.waitForFunction(([id, want]) => document.querySelector(`article[data-region="${id}"]`)?.getAttribute('data-state') === want, [region, state] as const, { timeout: 30_000 });

  it('shows four connected regions with live counts and a data age', async () => {
    fleet().setScenario('steady');
    await ctx.open('/');
    const { page } = ctx.browser;
    const cards = page.locator('article.region-card');
    await page.waitForFunction(() => document.querySelectorAll('article.region-card[data-state="connected"] .stats').length === 4, null, { timeout: 30_000 });
    expect(await cards.count()).toBe(4);
    const ids = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-region')));
    expect(ids.sort()).toEqual(['ap-southeast', 'ca-central', 'eu-west', 'us-east']);
    for (const age of await page.getByTestId('data-age').allTextContents()) expect(age).toMatch(/just now|\d+ s ago/);
    const instances = await page.locator('article[data-region="us-east"] .stats dd').first().textContent();
    expect(Number(instances!.replace(/[^\d]/g, ''))).toBeGreaterThan(1000);
    await ctx.browser.screenshot('overview');
  });

  it('turns ap-southeast unreachable during an outage while the others keep updating', async () => {
    fleet().setScenario('steady');
    await ctx.open('/');
    const { page } = ctx.browser;
    for (const id of ['us-east', 'eu-west', 'ca-central', 'ap-southeast']) await waitForState(id, 'connected');
    const revisionsBefore = Object.fromEntries(ctx.app.booted.regions.list().map((r) => [r.id, r.revision ?? 0]));
    fleet().setScenario('region-outage');
    await waitForState('ap-southeast', 'unreachable');
    await page.locator('.status-bar [data-region="ap-southeast"][data-state="unreachable"]').waitFor();
    await expect(page.locator('article[data-region="ap-southeast"] .region-error').textContent()).resolves.toMatch(/ap-southeast/);
    for (const id of ['us-east', 'eu-west', 'ca-central']) {
      await expect(page.locator(`article[data-region="${id}"]`).getAttribute('data-state')).resolves.toBe('connected');
    }
    // The other regions keep applying changes (their revisions move on) while ap-southeast is down.
    const advanced = () => {
      const now = Object.fromEntries(ctx.app.booted.regions.list().map((r) => [r.id, r.revision ?? 0]));
      return ['us-east', 'eu-west', 'ca-central'].every((id) => now[id]! > revisionsBefore[id]!);
    };
    await expect.poll(advanced, { timeout: 20_000 }).toBe(true);
    for (const age of await page.locator('article[data-state="connected"] [data-testid="data-age"]').allTextContents()) expect(age).toMatch(/just now|^[1-9] s ago/);
    await ctx.browser.screenshot('overview-outage');
  });

  it('flags the unreachable region’s data as stale once it is older than the setting', async () => {
    // ap-southeast must have had good data before the outage for it to go stale.
    await expect.poll(() => ctx.app.booted.regions.list().find((r) => r.id === 'ap-southeast')?.revision ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
    fleet().setScenario('region-outage');
    await ctx.app.booted.core.handlers['settings.set']({ staleAfterSeconds: 30 });
    await ctx.open('/');
    const { page } = ctx.browser;
    await waitForState('ap-southeast', 'unreachable');
    await ctx.app.booted.core.handlers['settings.set']({ staleAfterSeconds: 5 });
    await page.keyboard.press('Control+Shift+R'); // "Reload data" refetches the settings
    const card = page.locator('article[data-region="ap-southeast"]');
    await card.getByText('· stale').waitFor({ timeout: 20_000 });
    expect(await card.getByTestId('data-age').textContent()).toMatch(/^([5-9]|\d\d) s ago$/);
    await expect(page.locator('article[data-region="us-east"]').getByText('· stale').count()).resolves.toBe(0);
  });
});
