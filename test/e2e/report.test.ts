import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallArgs, CallName, CallOutput } from '../../shared/contract/index.ts';
import { tempDir } from '../support/temp-dir.ts';
import { useConsoleInBrowser, type ConsoleInBrowser } from './support/console-in-browser.ts';

const DOCS_SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const REASON = 'Board review: hold the failing canary until the error budget recovers';

async function call<N extends CallName>(ctx: ConsoleInBrowser, name: N, input: CallArgs<N>): Promise<CallOutput<N>> {
  const handler = ctx.app.booted.core.handlers[name] as (args: CallArgs<N>) => Promise<CallOutput<N>>;
  return handler(input);
}

/** The bad canary's failing judgement (the demo fleet's bad-canary scenario), once telemetry has judged it. */
async function failingCanary(ctx: ConsoleInBrowser) {
  let found: CallOutput<'telemetry.judgements'>[number] | undefined;
  await expect
    .poll(
      async () => {
        found = (await call(ctx, 'telemetry.judgements', {})).find((j) => j.verdict === 'fail');
        return found !== undefined;
      },
      { timeout: 60_000, interval: 1_000 },
    )
    .toBe(true);
  return found!;
}

describe('board report: bad-canary scenario', () => {
  const ctx = useConsoleInBrowser({ scenario: 'bad-canary' }, { viewport: { width: 1440, height: 1000 } });

  it('shows the report of the canary train and exports a PDF that names the train, the verdicts and the audited action', async () => {
    const canary = await failingCanary(ctx);
    // An audited action on the train: pause the failing canary's rollout, as a release manager would.
    const draft = { region: canary.region, action: { type: 'rollout.pause' as const, rolloutId: canary.rolloutId } };
    const preview = await call(ctx, 'actions.preview', draft);
    const outcome = await call(ctx, 'actions.run', {
      ...draft,
      requestId: randomUUID(),
      reason: REASON,
      ...(preview.policy.ticketRequired ? { ticket: 'CHG-2048' } : {}),
      ...(preview.policy.typedConfirmation ? { typedConfirmation: preview.policy.typedConfirmation } : {}),
      ...(preview.blocked ? { override: { justification: 'The board asked for the pause during its review.' } } : {}),
    });
    expect(outcome.outcome).toBe('succeeded');

    const report = await call(ctx, 'report.train', { train: canary.canary.train });
    expect(report.judgements.map((j) => j.verdict)).toContain('fail');
    expect(report.readiness).toBe('not-ready');
    const action = report.actions.find((a) => a.seq === outcome.intentSeq);
    expect(action).toMatchObject({ action: 'rollout.pause', reason: REASON, outcome: 'succeeded', target: canary.rolloutId });
    expect(report.chain.head?.seq).toBeGreaterThanOrEqual(outcome.outcomeSeq ?? 0);
    expect(report.chain.checkpoint?.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);

    // The screen, as the board sees it on a shared screen.
    await ctx.open(`/report/${canary.canary.train}`);
    const { page } = ctx.browser;
    await page.locator('[data-report-ready="true"]').waitFor({ timeout: 30_000 });
    await expect(page.locator('#report-title').textContent()).resolves.toContain(report.train.name);
    await expect(page.locator('.report-actions').textContent()).resolves.toContain(REASON);
    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'report.png') });

    // Export PDF through the web host's Chromium, saved by the page as a download.
    const out = await tempDir('report-pdf');
    try {
      const download = page.waitForEvent('download', { timeout: 120_000 });
      const failed = page.getByRole('alert').filter({ hasText: 'PDF export failed' });
      await page.getByRole('button', { name: 'Export PDF' }).click();
      const first = await Promise.race([download, failed.waitFor({ timeout: 120_000 }).then(async () => `export failed: ${await failed.textContent()}`)]);
      if (typeof first === 'string') throw new Error(first);
      const file = join(out.path, first.suggestedFilename());
      await first.saveAs(file);
      expect(file).toMatch(/board-report-.*\.pdf$/);
      expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await expect(page.getByRole('status').filter({ hasText: /^Saved board-report-/ }).textContent()).resolves.toContain('KiB');

      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain(`Train ${report.train.name}`);
      expect(flat).toContain('NOT READY');
      expect(flat).toContain('FAIL');
      expect(flat).toContain('rollout.pause');
      expect(flat).toContain(REASON);
      expect(flat).toContain(report.chain.head!.hash);
      // The running footer: train, generated-at and chain head, page x of y, on every page.
      expect(flat).toMatch(new RegExp(`Board review · Train ${report.train.name.replace('.', '\\.')} .* page 2 of \\d+`));
      expect(Number(execFileSync('pdfinfo', [file], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)?.[1])).toBeGreaterThan(1);

      // Page 1 as an image, for a person to look at (README screenshot).
      execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, join(out.path, 'page1')]);
      renameSync(join(out.path, 'page1.png'), join(DOCS_SCREENSHOTS, 'report-pdf-page1.png'));
      writeFileSync(join(out.path, 'report.txt'), text);
    } finally {
      await out.remove();
    }
  }, 180_000);

  it('refuses an unknown train by name, and the print route marks its failure for the printer', async () => {
    await expect(call(ctx, 'report.train', { train: 9_999 })).rejects.toMatchObject({ kind: 'not-found' });
    await ctx.open('/report/9999/print');
    const failed = ctx.browser.page.locator('[data-report-ready="error"]');
    await failed.waitFor({ timeout: 20_000 });
    await expect(failed.textContent()).resolves.toContain('No region reports release train 9999');
  });
});
