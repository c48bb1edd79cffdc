import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ActionDraft, ActionPreview, CallArgs, CallName, CallOutput } from '../../shared/contract/index.ts';
import { useConsoleInBrowser, type ConsoleInBrowser } from './support/console-in-browser.ts';

/** A contract call straight to the console's handlers (what the page sees, without the page). */
async function call<N extends CallName>(ctx: ConsoleInBrowser, name: N, input: CallArgs<N>): Promise<CallOutput<N>> {
  const handler = ctx.app.booted.core.handlers[name] as (args: CallArgs<N>) => Promise<CallOutput<N>>;
  return handler(input);
}

const auditTotal = async (ctx: ConsoleInBrowser, target: string) => (await call(ctx, 'audit.query', { text: target, limit: 1000, offset: 0 })).entries.filter((e) => e.target === target).length;

/** Waits until every region has fleet data (previews need it). */
async function fleetReady(ctx: ConsoleInBrowser): Promise<void> {
  await expect.poll(async () => (await call(ctx, 'fleet.summary', {})).length, { timeout: 30_000 }).toBe(4);
}

const dialog = (page: Page) => page.locator('dialog.action-dialog[open]');

/** Fills the fields the default policy asks of a production rollback. */
async function confirmRollback(page: Page, component: string, reason: string): Promise<void> {
  const d = dialog(page);
  await d.getByLabel('Reason').fill(reason);
  await d.getByLabel(/^Change ticket/).fill('CHG-4711');
  await d.getByLabel(/to confirm$/).fill(component);
}

/** A rollback one train back (the matrix cell's action) the what-if does not block: the cell, its draft and the train it leaves. */
async function unblockedRollback(ctx: ConsoleInBrowser, avoidRegion: string) {
  const matrix = await call(ctx, 'compat.matrix', {});
  // Cells that run one train only and comply: the least likely to change while the test runs.
  const cells = matrix.cells
    .filter((c) => c.live > 0 && c.region !== avoidRegion && c.status === 'ok')
    .sort((a, b) => a.mix.length - b.mix.length);
  for (const cell of cells) {
    const newest = Math.max(...cell.mix.map((m) => m.train));
    const draft: ActionDraft = { region: cell.region, action: { type: 'component.rollback', component: cell.component, toTrain: newest - 1 } };
    const preview: ActionPreview = await call(ctx, 'actions.preview', draft);
    if (!preview.blocked && preview.whatIf.ok && preview.unavailable === null && preview.impact.instances > 0) {
      return { cell, draft, preview, newestName: cell.mix.find((m) => m.train === newest)!.trainName };
    }
  }
  throw new Error('no rollback one train back is free of introduced violations in this fleet');
}

describe('actions: skew-violation scenario', () => {
  const ctx = useConsoleInBrowser({ scenario: 'skew-violation' }, { viewport: { width: 1440, height: 960 } });

  it('rolls a component back from the matrix with reason, ticket and typed confirmation; the audit trail has it and verifies', async () => {
    await fleetReady(ctx);
    const { cell, preview, newestName } = await unblockedRollback(ctx, 'eu-west');
    expect(preview.policy).toMatchObject({ ticketRequired: true, ticketPattern: '^[A-Z][A-Z0-9]+-\\d+$', typedConfirmation: cell.component });

    await ctx.open('/skew');
    const { page } = ctx.browser;
    const td = page.locator(`td.cell[data-component="${cell.component}"][data-region="${cell.region}"]`);
    await td.hover();
    await td.locator('button.cell-action').click();
    const d = dialog(page);
    await d.getByRole('heading', { name: /^Roll .* back to train/ }).waitFor();
    await expect(d.getByRole('heading').first().textContent()).resolves.toContain(`Roll ${cell.component} in ${cell.region} back to train ${preview.draft.action.type === 'component.rollback' ? preview.draft.action.toTrain : ''}`);
    await expect(d.getByTestId('action-touches').textContent()).resolves.toMatch(/\d[\d,]* instances? · [\d,]+ active users?/);
    await expect(d.getByTestId('what-if').textContent()).resolves.toContain('Introduces no violation');
    // Focus starts in the reason field; the ticket pattern is shown.
    await expect(page.evaluate(() => document.activeElement?.id ?? '')).resolves.toMatch(/reason$/);
    await expect(d.textContent()).resolves.toContain('^[A-Z][A-Z0-9]+-\\d+$');

    // A ticket that does not match the pattern is refused in place, before anything is sent.
    await d.getByLabel('Reason').fill('Roll back ahead of the weekend freeze');
    await d.getByLabel(/^Change ticket/).fill('chg 12');
    await d.getByLabel(/to confirm$/).fill(cell.component);
    const run = d.getByRole('button', { name: 'Roll back', exact: true });
    await run.click();
    await expect(d.getByLabel(/^Change ticket/).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(d.textContent()).resolves.toContain('does not match the pattern');
    expect(await auditTotal(ctx, cell.component)).toBe(0);

    await confirmRollback(page, cell.component, 'Roll back ahead of the weekend freeze');
    await ctx.browser.screenshot('actions-dialog');
    await run.click();
    const outcome = d.getByTestId('action-outcome');
    await outcome.waitFor({ timeout: 20_000 });
    expect(await outcome.getAttribute('data-outcome')).toBe('succeeded');
    await expect(outcome.textContent()).resolves.toMatch(/rolled back \d+ instance/);
    const intentSeq = Number((await d.getByTestId('intent-seq').textContent())!.replace('#', ''));
    const outcomeSeq = Number((await d.getByTestId('outcome-seq').textContent())!.replace('#', ''));
    expect(outcomeSeq).toBeGreaterThan(intentSeq);

    // The fleet view follows from the change stream: the newest train leaves the cell.
    await d.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(dialog(page).count()).resolves.toBe(0);
    await page.waitForFunction(
      ([sel, name]) => !(document.querySelector(sel)?.getAttribute('title') ?? name).includes(`${name} ·`),
      [`td.cell[data-component="${cell.component}"][data-region="${cell.region}"]`, newestName] as const,
      { timeout: 30_000 },
    );

    // The audit screen lists intent and outcome, shows the detail and verifies the chain.
    await page.keyboard.press('Alt+5');
    await page.getByRole('heading', { name: 'Audit' }).waitFor();
    await page.getByPlaceholder('Reasons, targets, tickets, actors…').fill(cell.component);
    const intentRow = page.locator(`[role="row"][data-seq="${intentSeq}"]`);
    const outcomeRow = page.locator(`[role="row"][data-seq="${outcomeSeq}"]`);
    await intentRow.waitFor();
    await outcomeRow.waitFor();
    await expect(outcomeRow.textContent()).resolves.toContain('succeeded');
    await intentRow.click();
    const detail = page.locator(`.audit-detail[data-seq="${intentSeq}"]`);
    await detail.waitFor();
    await expect(detail.textContent()).resolves.toContain('Roll back ahead of the weekend freeze');
    await expect(detail.textContent()).resolves.toContain('CHG-4711');
    await expect(detail.locator('.diff-table tr[data-kind]').count()).resolves.toBeGreaterThan(0);
    expect((await detail.getByTestId('entry-hash').textContent())!).toMatch(/^[0-9a-f]{64}$/);
    // Keyboard: the grid moves the selection to the outcome above it.
    await page.getByRole('grid', { name: /Audit entries/ }).focus();
    await page.keyboard.press('ArrowUp');
    await page.locator(`.audit-detail[data-seq="${outcomeSeq}"]`).waitFor();

    await page.getByRole('button', { name: 'Verify chain' }).click();
    const verdict = page.getByTestId('verify-result');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-ok')).toBe('true');
    await expect(verdict.textContent()).resolves.toMatch(/Chain intact\. .* head #\d+/);
    await ctx.browser.screenshot('audit-rollback');

    // Export: the filtered entries as a file (JSON Lines), one line per entry plus the chain head.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSONL' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^rcc-audit-.*\.jsonl$/);
    const path = await file.path();
    const { readFile } = await import('node:fs/promises');
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines.some((l) => l.includes(`"seq":${intentSeq}`))).toBe(true);
  });

  it('shows the violation a blocked rollback would introduce and runs it only with an override justification', async () => {
    await fleetReady(ctx);
    const matrix = await call(ctx, 'compat.matrix', {});
    const cell = matrix.cells.find((c) => c.component === 'scheduling' && c.region === 'eu-west')!;
    const newest = Math.max(...cell.mix.map((m) => m.train));
    const preview = await call(ctx, 'actions.preview', { region: 'eu-west', action: { type: 'component.rollback', component: 'scheduling', toTrain: newest - 1 } });
    expect(preview.blocked, 'rolling eu-west scheduling back one train should introduce a schema skew in this scenario').toBe(true);
    // The sentence up to its counts (databases mid-migration change while the test runs).
    const introduced = preview.whatIf.introduced[0]!.sentence.split(/\(\d[\d,]* databases/)[0]!;
    expect(introduced).toMatch(/^In eu-west, scheduling .* uses .* at schema train/);

    await ctx.open('/skew');
    const { page } = ctx.browser;
    // Keyboard: focus the cell and press R.
    const td = page.locator('td.cell[data-component="scheduling"][data-region="eu-west"]');
    await td.focus();
    await page.keyboard.press('r');
    const d = dialog(page);
    const whatIf = d.getByTestId('what-if');
    await whatIf.waitFor();
    await expect(whatIf.textContent()).resolves.toContain('Blocked');
    const introducedList = d.getByTestId('introduced');
    await expect(introducedList.textContent()).resolves.toContain(introduced);
    // Introduced violations are red.
    const colour = await introducedList.locator('li').first().evaluate((el) => getComputedStyle(el).color);
    const bad = await page.evaluate(() => getComputedStyle(document.querySelector('.shell')!).getPropertyValue('--bad').trim());
    expect(colour).toBe(await page.evaluate((hex) => {
      const probe = document.createElement('span');
      probe.style.color = hex;
      document.body.append(probe);
      const rgb = getComputedStyle(probe).color;
      probe.remove();
      return rgb;
    }, bad));
    await expect(d.getByTestId('resolved').textContent()).resolves.toMatch(/calls consent/);

    const run = d.getByRole('button', { name: 'Override and run', exact: true });
    await confirmRollback(page, 'scheduling', 'Peer skew with consent blocks bookings');
    const before = await auditTotal(ctx, 'scheduling');
    await run.click();
    const justification = d.getByLabel('Override justification');
    await expect(justification.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(d.textContent()).resolves.toMatch(/justify the override/i);
    await expect(page.evaluate(() => document.activeElement?.id ?? '')).resolves.toMatch(/override$/);
    await ctx.browser.screenshot('actions-dialog-blocked');
    expect(await auditTotal(ctx, 'scheduling')).toBe(before);

    await justification.fill('Bookings fail now; the schema skew is read-only for the booking path until consent catches up.');
    await run.click();
    const outcome = d.getByTestId('action-outcome');
    await outcome.waitFor({ timeout: 20_000 });
    expect(await outcome.getAttribute('data-outcome')).toBe('succeeded');
    const intentSeq = Number((await d.getByTestId('intent-seq').textContent())!.replace('#', ''));
    const intent = (await call(ctx, 'audit.query', { limit: 50, offset: 0 })).entries.find((e) => e.seq === intentSeq)!;
    expect(intent.override).toMatch(/^Bookings fail now/);
    expect((intent.whatIf as { introduced: string[] }).introduced[0]).toContain(introduced);

    // "Show in Audit" opens the intent, with the override and the violation it introduced.
    await d.getByRole('button', { name: 'Show in Audit' }).click();
    await expect(dialog(page).count()).resolves.toBe(0);
    const detail = page.locator(`.audit-detail[data-seq="${intentSeq}"]`);
    await detail.waitFor();
    await expect(page.locator(`[role="row"][data-seq="${intentSeq}"]`).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(detail.textContent()).resolves.toContain('Bookings fail now');
    await expect(detail.locator('.tone-bad').textContent()).resolves.toContain(introduced);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await expect.poll(() => page.getByTestId('verify-result').getAttribute('data-ok')).toBe('true');
    await ctx.browser.screenshot('audit');
  });
});

describe('actions: toggles', () => {
  const ctx = useConsoleInBrowser({}, { viewport: { width: 1440, height: 960 } });

  it('turns a toggle off from the Toggles screen (a double submit runs it once)', async () => {
    await fleetReady(ctx);
    const lists = await call(ctx, 'toggles.list', {});
    const region = lists.find((r) => r.toggles.some((t) => t.state === 'on'))!;
    const toggle = region.toggles.find((t) => t.state === 'on')!;

    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Alt+4');
    const row = page.locator(`section[data-region="${region.region.id}"] tr[data-toggle="${toggle.key}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('on');
    await expect(row.textContent()).resolves.toContain(toggle.description);
    await ctx.browser.screenshot('toggles');
    await row.getByRole('button', { name: `Turn off ${toggle.key} in ${region.region.id}` }).click();

    const d = dialog(page);
    await d.getByRole('heading', { name: `Turn off toggle ${toggle.key} in ${region.region.id} (${toggle.environment})` }).waitFor();
    await d.getByTestId('what-if').waitFor();
    await expect(d.getByRole('region', { name: 'What policy asks' }).textContent()).resolves.toContain('no change ticket');
    expect(await d.getByLabel(/^Change ticket/).count()).toBe(0);
    await d.getByLabel('Reason').fill('Kill switch: error spike after enabling');
    await d.getByLabel(/to confirm$/).fill(toggle.key);
    // The run request reaches the console twice (a transport retry): the dialog's one request id makes it one run.
    const replies: { ok: boolean; data?: { intentSeq: number; requestId: string } }[] = [];
    await page.route('**/api/call/actions.run', async (route) => {
      const request = route.request();
      const again = ctx.browser.context.request.post(request.url(), {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.app.host.secret}` },
        data: request.postData() ?? '',
      });
      const response = await route.fetch();
      replies.push(await response.json(), await (await again).json());
      await route.fulfill({ response });
    });
    await d.getByRole('button', { name: 'Turn off', exact: true }).dblclick();
    const outcome = d.getByTestId('action-outcome');
    await outcome.waitFor({ timeout: 20_000 });
    await page.unrouteAll();
    expect(await outcome.getAttribute('data-outcome')).toBe('succeeded');
    expect(replies.length).toBeGreaterThanOrEqual(2);
    expect(replies.every((r) => r.ok && r.data!.intentSeq === replies[0]!.data!.intentSeq)).toBe(true);
    await d.getByRole('button', { name: 'Close', exact: true }).click();

    // The change stream brings the new state to the screen; one intent and one outcome were written.
    await page.waitForFunction(([r, k]) => document.querySelector(`section[data-region="${r}"] tr[data-toggle="${k}"]`)?.getAttribute('data-state') === 'off', [region.region.id, toggle.key] as const, { timeout: 30_000 });
    const entries = (await call(ctx, 'audit.query', { limit: 100, offset: 0 })).entries.filter((e) => e.target === toggle.key);
    expect(entries.map((e) => e.kind).sort()).toEqual(['intent', 'outcome']);
    expect(entries.find((e) => e.kind === 'intent')).toMatchObject({ action: 'toggle.set', region: region.region.id, reason: 'Kill switch: error spike after enabling', before: { state: 'on' }, after: { state: 'off' } });
  });

  it('reaches the kill switch from the command palette with the keyboard', async () => {
    await fleetReady(ctx);
    const lists = await call(ctx, 'toggles.list', {});
    const region = lists.find((r) => r.toggles.some((t) => t.state === 'on'))!;
    const toggle = region.toggles.find((t) => t.state === 'on')!;

    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Control+k');
    await page.keyboard.type('Toggle off');
    await page.keyboard.press('Enter');
    await page.getByPlaceholder(/Which toggle to turn off/).waitFor();
    await page.keyboard.type(`${toggle.key} in ${region.region.id}`);
    await page.locator('.palette-item[data-selected="true"]', { hasText: `Turn off ${toggle.key} in ${region.region.id}` }).waitFor();
    await page.keyboard.press('Enter');
    const d = dialog(page);
    await d.getByRole('heading', { name: `Turn off toggle ${toggle.key} in ${region.region.id} (${toggle.environment})` }).waitFor();
    await d.getByTestId('what-if').waitFor();
    await page.keyboard.press('Escape');
    await expect(dialog(page).count()).resolves.toBe(0);
    await expect(page.locator('dialog.palette-dialog[open]').count()).resolves.toBe(0);
  });

  it('shows the cooldown on a target acted on moments ago, and break-glass skips it, marked in the audit trail', async () => {
    await fleetReady(ctx);
    const lists = await call(ctx, 'toggles.list', {});
    const region = lists.find((r) => r.toggles.some((t) => t.state === 'on'))!;
    const toggle = region.toggles.find((t) => t.state === 'on')!;
    const first = await call(ctx, 'actions.run', {
      region: region.region.id,
      action: { type: 'toggle.set', key: toggle.key, state: 'off' },
      requestId: crypto.randomUUID(),
      reason: 'Kill switch from a script',
      typedConfirmation: toggle.key,
    });
    expect(first.outcome).toBe('succeeded');

    await ctx.open('/toggles');
    const { page } = ctx.browser;
    const row = page.locator(`section[data-region="${region.region.id}"] tr[data-toggle="${toggle.key}"]`);
    await page.waitForFunction(([r, k]) => document.querySelector(`section[data-region="${r}"] tr[data-toggle="${k}"]`)?.getAttribute('data-state') === 'off', [region.region.id, toggle.key] as const, { timeout: 30_000 });
    await row.getByRole('button', { name: `Turn on ${toggle.key} in ${region.region.id}` }).click();
    const d = dialog(page);
    await d.getByTestId('what-if').waitFor();
    await expect(d.getByTestId('cooldown').textContent()).resolves.toMatch(/\d+ s left/);
    await expect(d.getByTestId('action-cooldown').textContent()).resolves.toMatch(/Cooldown: \d+ s left .*\(or use break-glass\)/);
    await d.getByLabel('Reason').fill('Turn it back on: the spike was elsewhere');
    await d.getByLabel(/to confirm$/).fill(toggle.key);
    const run = d.getByRole('button', { name: /^Turn on/ });
    expect(await run.isDisabled()).toBe(true);
    await d.getByLabel('Break glass').check();
    await expect(run.textContent()).resolves.toBe('Turn on (break-glass)');
    expect(await run.isDisabled()).toBe(false);
    await run.click();
    const outcome = d.getByTestId('action-outcome');
    await outcome.waitFor({ timeout: 20_000 });
    expect(await outcome.getAttribute('data-outcome')).toBe('succeeded');
    const intentSeq = Number((await d.getByTestId('intent-seq').textContent())!.replace('#', ''));
    await page.keyboard.press('Escape');
    const intent = (await call(ctx, 'audit.query', { limit: 50, offset: 0 })).entries.find((e) => e.seq === intentSeq)!;
    expect(intent).toMatchObject({ kind: 'intent', breakGlass: true, target: toggle.key, after: { state: 'on' } });
  });

  it('keeps the audit screen current as entries are appended, and filters by outcome and region', async () => {
    await fleetReady(ctx);
    await ctx.open('/audit');
    const { page } = ctx.browser;
    const summary = page.getByTestId('audit-summary');
    await page.waitForFunction(() => /\d+ entr/.test(document.querySelector('[data-testid="audit-summary"]')?.textContent ?? ''));
    const before = (await call(ctx, 'audit.query', { limit: 1, offset: 0 })).total;
    const summaries = await call(ctx, 'fleet.summary', {});
    const target = summaries.flatMap((s) => s.rolloutsInFlight.filter((r) => r.state === 'progressing').map((r) => ({ region: s.regionId, rollout: r })))[0]!;
    // An action from elsewhere (a script, another window): the screen follows the audit.appended event.
    const done = await call(ctx, 'actions.run', {
      region: target.region,
      action: { type: 'rollout.pause', rolloutId: target.rollout.id },
      requestId: crypto.randomUUID(),
      reason: 'Pause while the canary is investigated',
      typedConfirmation: target.rollout.id,
    });
    await page.locator(`[role="row"][data-seq="${done.outcomeSeq}"]`).waitFor({ timeout: 20_000 });
    await expect(summary.textContent()).resolves.toContain(`${before + 2} entries`);

    const filters = page.getByRole('search', { name: 'Filter audit entries' });
    await filters.getByLabel('Region', { exact: true }).selectOption(target.region);
    await filters.getByLabel('Outcome', { exact: true }).selectOption('succeeded');
    await page.waitForFunction((seq) => {
      const rows = [...document.querySelectorAll('.audit-body [role="row"]')];
      return rows.length > 0 && rows.some((r) => r.getAttribute('data-seq') === String(seq)) && rows.every((r) => r.textContent!.includes('succeeded'));
    }, done.outcomeSeq);
    for (const text of await page.locator('.audit-body [role="row"]').allTextContents()) expect(text).toContain(target.region);
  });

  it('pauses a rollout from the overview card', async () => {
    await fleetReady(ctx);
    const summaries = await call(ctx, 'fleet.summary', {});
    const region = summaries.find((s) => s.rolloutsInFlight.slice(0, 4).some((r) => r.state === 'progressing'))!;
    const rollout = region.rolloutsInFlight.slice(0, 4).find((r) => r.state === 'progressing')!;

    await ctx.open('/');
    const { page } = ctx.browser;
    const item = page.locator(`article[data-region="${region.regionId}"] li[data-rollout="${rollout.id}"]`);
    await item.getByRole('button', { name: `Pause the rollout of ${rollout.component} in ${region.regionId}` }).click();
    const d = dialog(page);
    await d.getByRole('heading', { name: `Pause the rollout of ${rollout.component} ${rollout.fromVersion} → ${rollout.toVersion} in ${region.regionId}` }).waitFor();
    await d.getByTestId('what-if').waitFor();
    await d.getByLabel('Reason').fill('Error rate of the canary is climbing');
    await d.getByLabel(/to confirm$/).fill(rollout.id);
    await d.getByRole('button', { name: 'Pause rollout', exact: true }).click();
    const outcome = d.getByTestId('action-outcome');
    await outcome.waitFor({ timeout: 20_000 });
    expect(await outcome.getAttribute('data-outcome')).toBe('succeeded');
    await d.getByRole('button', { name: 'Close', exact: true }).click();
    await item.locator('.badge-rollout-paused').waitFor({ timeout: 30_000 });
  });
});
