import { describe, expect, it } from 'vitest';
import type { CallArgs, CallName, CallOutput } from '../../shared/contract/index.ts';
import { useConsoleInBrowser, type ConsoleInBrowser } from './support/console-in-browser.ts';

/** A contract call straight to the console's handlers (what the page sees, without the page). */
async function call<N extends CallName>(ctx: ConsoleInBrowser, name: N, input: CallArgs<N>): Promise<CallOutput<N>> {
  const handler = ctx.app.booted.core.handlers[name] as (args: CallArgs<N>) => Promise<CallOutput<N>>;
  return handler(input);
}

const CARD = '.alert-card[data-component="document-store"][data-region="us-east"]';

describe('alerts: bad-canary scenario', () => {
  const ctx = useConsoleInBrowser({ scenario: 'bad-canary' }, { viewport: { width: 1440, height: 960 } });

  it('shows the us-east document-store alert with its suggested first response and its what-if; the button opens the confirmation', async () => {
    // Permission is asked only from the button, never on load.
    await ctx.browser.context.addInitScript(() => {
      const w = window as unknown as { __permissionAsks: number; Notification?: { requestPermission: (...a: unknown[]) => Promise<string> } };
      w.__permissionAsks = 0;
      const N = w.Notification;
      if (N) {
        const ask = N.requestPermission.bind(N);
        N.requestPermission = (...args: unknown[]) => {
          w.__permissionAsks += 1;
          return ask(...args);
        };
      }
    });
    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Alt+7');
    await page.getByRole('heading', { name: 'Alerts', exact: true }).waitFor();
    expect(page.url()).toContain('#/alerts');

    const card = page.locator(CARD).first();
    await card.waitFor({ timeout: 60_000 });
    expect(await card.getAttribute('data-state')).toBe('active');
    await expect(card.getByTestId('alert-where').textContent()).resolves.toMatch(/^us-east \/ document-store \/ \S+/);
    // First seen: UTC with the zone, and the age.
    await expect(card.locator('.alert-facts').textContent()).resolves.toMatch(/First seen\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \((just now|\d+ (s|min) ago)\)/);
    // The evidence, as a small chart with its unit.
    await card.locator('.evidence-chart svg').waitFor();
    await expect(card.locator('.alert-evidence p').textContent()).resolves.not.toBe('');

    // The first response follows the escalation ladder: the gating toggle off (or the rollback), with the what-if verdict.
    const suggestion = card.getByRole('region', { name: 'Suggested first response' });
    expect(await suggestion.getAttribute('data-step')).toMatch(/^(toggle-off|rollback-component)$/);
    await expect(suggestion.getByTestId('suggestion-what-if').textContent()).resolves.toMatch(/^What-if: (Introduces no violation|Would introduce)/);
    const step = await suggestion.getAttribute('data-step');

    // The status bar counts it.
    const status = page.getByTestId('alert-status');
    await expect.poll(async () => Number(await status.getAttribute('data-active')), { timeout: 10_000 }).toBeGreaterThan(0);
    await ctx.browser.screenshot('alerts');

    // Its button opens the normal confirmation for the suggested action; nothing runs until confirmed.
    await suggestion.getByTestId('suggestion-action').click();
    const dialog = page.locator('dialog.action-dialog[open]');
    await dialog.getByTestId('what-if').waitFor();
    const heading = (await dialog.locator('#action-dialog-title').textContent())!;
    expect(heading).toMatch(step === 'toggle-off' ? /^Turn off toggle \S+ in us-east/ : /^Roll document-store in us-east back to train/);
    await expect(dialog.getByLabel('Reason').inputValue()).resolves.toMatch(/^Alert: /);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator('dialog.action-dialog[open]').count()).resolves.toBe(0);

    // Notifications: nothing asked on load; the button asks once, and a refusal is said without console errors.
    expect(await page.evaluate(() => (window as unknown as { __permissionAsks: number }).__permissionAsks)).toBe(0);
    await page.getByRole('button', { name: 'Enable desktop notifications' }).click();
    await page.locator('.notify-status').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __permissionAsks: number }).__permissionAsks)).toBe(1);
  });

  it('links the alert to the component page with the chart of its region', async () => {
    await ctx.open('/alerts');
    const { page } = ctx.browser;
    const card = page.locator(CARD).first();
    await card.waitFor({ timeout: 60_000 });
    await card.getByRole('button', { name: 'Open document-store →' }).click();
    await page.locator('#component-title').waitFor();
    expect(page.url()).toContain('#/component/document-store');
    await expect(page.locator('section.component-signals').getByLabel('Region').inputValue()).resolves.toBe('us-east');
    await page.locator('section.signal-chart[data-region="us-east"] .signal-plot[data-signal="error_rate"] .plot-line').first().waitFor({ timeout: 30_000 });
  });

  it('counts it on the overview, and acknowledging it with a note moves it to Acknowledged everywhere at once', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    const summary = page.getByTestId('alert-summary');
    await expect.poll(async () => Number(await summary.getAttribute('data-active')), { timeout: 60_000 }).toBeGreaterThan(0);
    const before = await call(ctx, 'alerts.list', { state: 'active', limit: 200 });
    const alert = before.alerts.find((a) => a.component === 'document-store' && a.region === 'us-east')!;
    expect(alert).toBeDefined();
    await summary.getByRole('button', { name: 'Open alerts →' }).click();
    await page.getByRole('heading', { name: 'Alerts', exact: true }).waitFor();

    const card = page.locator(`.alert-card[data-alert="${alert.id}"]`);
    // The title carries the latest value, which moves with every evaluation: match the button by its prefix.
    await card.getByRole('button', { name: /^Acknowledge: / }).click();
    await card.getByLabel(/^Note/).fill('Paging the document-store owners; toggle off pending approval');
    await card.getByRole('button', { name: 'Acknowledge', exact: true }).click();

    // The list, the counts on this screen and the status bar follow without a reload.
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 10_000 }).toBe('acknowledged');
    await expect(card.locator('.alert-facts').textContent()).resolves.toContain('Paging the document-store owners');
    await expect
      .poll(async () => Number(await page.getByTestId('alert-status').getAttribute('data-active')), { timeout: 10_000 })
      .toBe((await call(ctx, 'alerts.list', { state: 'active', limit: 1 })).counts.active);
    await page.getByRole('button', { name: /^Acknowledged/ }).click();
    await page.locator(`.alert-card[data-alert="${alert.id}"][data-state="acknowledged"]`).waitFor();
  });
});

describe('alerts: steady scenario', () => {
  const ctx = useConsoleInBrowser({ scenario: 'steady' }, { viewport: { width: 1440, height: 960 } });

  it('raises no critical alert', async () => {
    // Telemetry has been read for every region (the rules have had data to judge) before looking.
    await expect
      .poll(async () => (await call(ctx, 'telemetry.signals', { range: '15m' })).rows.filter((r) => r.error_rate.value !== null).length, { timeout: 60_000 })
      .toBeGreaterThan(0);
    await ctx.open('/alerts');
    const { page } = ctx.browser;
    const counts = page.getByTestId('alert-counts');
    await counts.waitFor({ timeout: 30_000 });
    await expect(counts.textContent()).resolves.toMatch(/\(0 critical\)/);
    expect(await page.locator('.alert-card[data-severity="critical"]').count()).toBe(0);
    await expect.poll(() => page.getByTestId('alert-status').getAttribute('data-critical')).toBe('0');
    expect((await call(ctx, 'alerts.list', { state: 'all', limit: 1_000 })).alerts.filter((a) => a.severity === 'critical')).toEqual([]);
  });
});
