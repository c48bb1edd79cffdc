import { describe, expect, it } from 'vitest';
import type { CallArgs, CallName, CallOutput } from '../../shared/contract/index.ts';
import { useConsoleInBrowser, type ConsoleInBrowser } from './support/console-in-browser.ts';

async function call<N extends CallName>(ctx: ConsoleInBrowser, name: N, input: CallArgs<N>): Promise<CallOutput<N>> {
  const handler = ctx.app.booted.core.handlers[name] as (args: CallArgs<N>) => Promise<CallOutput<N>>;
  return handler(input);
}

describe('trains: the blocked-train scenario', () => {
  const ctx = useConsoleInBrowser({ scenario: 'blocked-train' }, { viewport: { width: 1440, height: 1000 } });

  /** The current train: the one with a failed pre-production gate, once every region has reported. */
  async function blockedTrain(): Promise<{ train: number; trainName: string }> {
    await expect.poll(async () => (await call(ctx, 'fleet.summary', {})).length, { timeout: 30_000 }).toBe(4);
    const blocked = await call(ctx, 'trains.blocked', {});
    const current = blocked.find((b) => b.reasons.some((r) => r.startsWith('pre-production gate failed: 3 of')));
    expect(current, JSON.stringify(blocked.map((b) => b.reasons))).toBeDefined();
    return current!;
  }

  it('shows the blocked train blocked on the skew matrix', async () => {
    const { trainName } = await blockedTrain();
    await ctx.open('/skew');
    const { page } = ctx.browser;
    await page.getByTestId('blocked-note').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('blocked-note').textContent()).resolves.toContain(`Train ${trainName} is blocked`);
    const cells = page.locator(`td.cell[data-blocked~="${trainName}"]`);
    await cells.first().waitFor();
    expect(await cells.count()).toBeGreaterThan(0);
    await expect(cells.first().getAttribute('title')).resolves.toContain(`Train ${trainName} is blocked: pre-production gate failed`);
    // A cell running only older trains is not marked.
    const unmarked = await page.locator('td.cell:not(.cell-empty):not(.cell-blocked)').count();
    expect(unmarked).toBeGreaterThan(0);
    await ctx.browser.screenshot('skew-blocked-train');
  });

  it('lists 52 trains newest first on the Trains screen (Alt+8), the blocked one with its reason and a no-go verdict', async () => {
    const { train, trainName } = await blockedTrain();
    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Alt+8');
    await page.getByRole('heading', { name: 'Release trains' }).waitFor();
    const rows = page.locator('table[aria-label="Release trains"] > tbody > tr[data-train]');
    await rows.first().waitFor({ timeout: 20_000 });
    expect(await rows.count()).toBe(52);
    const indexes = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-train'))));
    expect(indexes).toEqual([...indexes].sort((a, b) => b - a));
    const row = page.locator(`tr[data-train="${train}"]`);
    await expect(row.getAttribute('data-blocked')).resolves.toBe('true');
    await expect(row.getByTestId('train-status').textContent()).resolves.toBe('blocked');
    await expect(row.locator('td[data-stage="pre-production"]').getAttribute('data-gate')).resolves.toBe('failed');
    await expect(row.locator('a', { hasText: 'Board report' }).getAttribute('href')).resolves.toBe(`#/report/${train}`);
    // The running trains are open: the blocked one shows why and the gate verdict rcc gate would give.
    const details = page.getByTestId(`train-details-${train}`);
    await details.waitFor();
    await expect(details.textContent()).resolves.toContain('pre-production gate failed: 3 of');
    await expect(details.textContent()).resolves.toContain(`May ${trainName} go to production? NO-GO`);
    // The newest train is not blocked: its next stage has a verdict.
    await expect(rows.first().getByTestId('train-status').textContent()).resolves.toMatch(/^(GO|NO-GO) → (staging|pre-production)$/);
    await ctx.browser.screenshot('trains');
  });

  it('warns in the rollout.resume confirmation of a blocked train and asks for an override', async () => {
    const { trainName } = await blockedTrain();
    const handlers = ctx.app.booted.core.handlers;
    const summary = await call(ctx, 'fleet.summary', {});
    const paused = summary.flatMap((s) => s.rolloutsInFlight.map((r) => ({ region: s.regionId, rollout: r }))).find((r) => r.rollout.state === 'paused');
    expect(paused, 'the scenario pauses every rollout of the blocked train').toBeDefined();
    const preview = await handlers['actions.preview']({ region: paused!.region, action: { type: 'rollout.resume', rolloutId: paused!.rollout.id } });
    expect(preview.blocked).toBe(true);
    expect(preview.blockedTrain?.trainName).toBe(trainName);
    await expect(call(ctx, 'actions.run', { region: paused!.region, action: { type: 'rollout.resume', rolloutId: paused!.rollout.id }, requestId: crypto.randomUUID(), reason: 'resume it please' })).rejects.toThrow(/is blocked/);
  });
});
