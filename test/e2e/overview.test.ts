import { describe, expect, it } from 'vitest';
import { useConsoleInBrowser, type ConsoleInBrowser } from './support/console-in-browser.ts';

const OTHERS = ['us-east', 'eu-west', 'ca-central'];

const waitForState = (ctx: ConsoleInBrowser, region: string, state: string) =>
  ctx.browser.page.waitForFunction(([id, want]) => document.querySelector(`article[data-region="${id}"]`)?.getAttribute('data-state') === want, [region, state] as const, { timeout: 30_000 });

describe('fleet overview on the embedded demo fleet', () => {
  // A console of its own: a region that was down reconnects only after its backoff, so this block never sees an outage.
  const ctx = useConsoleInBrowser({ timeScale: 60 }, { viewport: { width: 1440, height: 900 } });

  it('shows four connected regions with live counts and a data age', async () => {
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
});

describe('fleet overview during a region outage', () => {
  const ctx = useConsoleInBrowser({ timeScale: 60 }, { viewport: { width: 1440, height: 900 } });
  const revisions = () => Object.fromEntries(ctx.app.booted.regions.list().map((r) => [r.id, r.revision ?? 0]));

  /** Every region has had good data, then ap-southeast goes down (idempotent: each test calls it). */
  async function startOutage(): Promise<Record<string, number>> {
    await expect.poll(() => Math.min(...Object.values(revisions())), { timeout: 30_000 }).toBeGreaterThan(0);
    const before = revisions();
    ctx.app.booted.demoFleet!.setScenario('region-outage');
    return before;
  }

  it('turns ap-southeast unreachable while the others keep updating', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    const before = await startOutage();
    await waitForState(ctx, 'ap-southeast', 'unreachable');
    await page.locator('.status-bar [data-region="ap-southeast"][data-state="unreachable"]').waitFor();
    await expect(page.locator('article[data-region="ap-southeast"] .region-error').textContent()).resolves.toMatch(/ap-southeast/);
    for (const id of OTHERS) await expect(page.locator(`article[data-region="${id}"]`).getAttribute('data-state')).resolves.toBe('connected');
    // The other regions keep applying changes (their revisions move on) while ap-southeast is down.
    await expect.poll(() => OTHERS.every((id) => revisions()[id]! > before[id]!), { timeout: 20_000 }).toBe(true);
    for (const age of await page.locator('article[data-state="connected"] [data-testid="data-age"]').allTextContents()) expect(age).toMatch(/just now|^[1-9] s ago/);
    await ctx.browser.screenshot('overview-outage');
  });

  it('flags the unreachable region’s data as stale once it is older than the setting', async () => {
    await ctx.app.booted.core.handlers['settings.set']({ staleAfterSeconds: 30 });
    await ctx.open('/');
    const { page } = ctx.browser;
    await startOutage();
    await waitForState(ctx, 'ap-southeast', 'unreachable');
    await ctx.app.booted.core.handlers['settings.set']({ staleAfterSeconds: 5 });
    await page.keyboard.press('Control+Shift+R'); // "Reload data" refetches the settings
    const card = page.locator('article[data-region="ap-southeast"]');
    await card.getByText('· stale').waitFor({ timeout: 20_000 });
    expect(await card.getByTestId('data-age').textContent()).toMatch(/^([5-9]|\d\d) s ago$/);
    await expect(page.locator('article[data-region="us-east"]').getByText('· stale').count()).resolves.toBe(0);
  });
});
