import { mkdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SwitchableConsole } from '../../electron/host/console-switch.ts';
import { startWebHost } from '../../electron/web-host/server.ts';
import { tempDir } from '../support/temp-dir.ts';
import { useConsoleInBrowser } from './support/console-in-browser.ts';
import { RENDERER_DIR, type WebConsole } from './support/web-console.ts';

const DOCS_SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');

/** What `npm start` serves: a console that can switch to a snapshot and back, with the snapshot upload and download routes. */
async function switchableWebConsole(): Promise<WebConsole> {
  const dataDir = await tempDir('snapshot-e2e');
  // Few changes a second: the matrix holds still between reading it and taking the snapshot.
  const shown = await SwitchableConsole.start({
    host: 'web',
    dataDir: dataDir.path,
    regionsFile: join(dataDir.path, 'regions.json'),
    snapshot: null,
    demo: { scenario: 'region-outage', scale: 800, changesPerSecond: 0.01 },
  });
  const host = await startWebHost({ core: shown, staticDir: RENDERER_DIR, snapshotsDir: join(dataDir.path, 'snapshots') });
  return {
    host,
    get booted() {
      return shown.booted;
    },
    async close() {
      await host.close();
      await shown.dispose();
      await dataDir.remove();
    },
  };
}

/** Every matrix cell's status, by component and region. */
async function matrixStatuses(page: Page): Promise<Record<string, string>> {
  await page.locator('td.cell').first().waitFor({ timeout: 30_000 });
  return page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll<HTMLElement>('td.cell')].map((c) => [`${c.dataset.component}/${c.dataset.region}`, c.dataset.status ?? ''])),
  );
}

/** Takes a snapshot as a person does (`how`), waits for the panel to name the file, and dismisses it. */
async function takeThroughUi(page: Page, how: (page: Page) => Promise<void>): Promise<string> {
  await how(page);
  const panel = page.getByRole('status', { name: 'Snapshot' });
  await panel.getByText('Snapshot taken').waitFor({ timeout: 60_000 });
  const file = (await panel.getByTestId('snapshot-file').textContent()) ?? '';
  expect(await panel.getByRole('link', { name: 'Download' }).getAttribute('href')).toBe(`/api/snapshot-file/${encodeURIComponent(basename(file))}`);
  await panel.getByRole('button', { name: 'Dismiss' }).click();
  return file;
}

describe('snapshots in the browser: take during region-outage, open with the fleet stopped, compare', () => {
  const ctx = useConsoleInBrowser(switchableWebConsole, { viewport: { width: 1440, height: 900 } });
  let fileA = '';
  let fileB = '';
  let matrixAtA: Record<string, string> = {};

  it('takes a snapshot with Ctrl+Shift+S, showing progress, and says where the file is', async () => {
    await ctx.open('/skew');
    const { page } = ctx.browser;
    await page.waitForFunction(() => document.querySelector('li.pill[data-region="ap-southeast"]')?.getAttribute('data-state') === 'unreachable', null, { timeout: 30_000 });
    matrixAtA = await matrixStatuses(page);
    fileA = await takeThroughUi(page, async (p) => {
      await p.keyboard.press('Control+Shift+S');
      await p.getByRole('status', { name: 'Snapshot' }).getByText(/Taking snapshot|Snapshot taken/).waitFor();
    });
    expect(fileA).toMatch(/snapshots\/snapshot-.*\.rccsnap$/);
    expect(await matrixStatuses(page)).toEqual(matrixAtA);
  });

  it('takes a second snapshot from the palette after the fleet changed (skew-violation in eu-west)', async () => {
    const fleet = ctx.app.booted.demoFleet;
    if (!fleet) throw new Error('the live console runs the demo fleet');
    fleet.setScenario('skew-violation');
    await ctx.open('/skew');
    const { page } = ctx.browser;
    await page.waitForFunction(() => document.querySelector('td.cell[data-component="scheduling"][data-region="eu-west"]')?.getAttribute('data-status') === 'violation', null, { timeout: 60_000 });
    fileB = await takeThroughUi(page, async (p) => {
      await p.keyboard.press('Control+k');
      await p.getByPlaceholder('Type a command or screen…').fill('take snapshot');
      await p.keyboard.press('Enter');
    });
    expect(fileB).not.toBe(fileA);
  });

  it('opens snapshot A with the demo fleet stopped: banner, the same matrix, every action disabled', async () => {
    await ctx.app.booted.demoFleet?.stop();
    const { page } = ctx.browser;
    await ctx.open('/skew');
    // The web host's open: the chosen file is uploaded, checked, and the page reloads on the snapshot.
    await page.locator('#snapshot-open-input').setInputFiles(fileA);
    const banner = page.getByRole('region', { name: 'Snapshot (read-only)' });
    await banner.waitFor({ timeout: 60_000 });
    expect(ctx.app.booted.snapshot?.file).toMatch(/upload-.*\.rccsnap$/);
    expect(ctx.app.booted.demoFleet).toBeNull();
    const bannerText = (await banner.textContent()) ?? '';
    expect(bannerText).toMatch(/taken \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC by /);
    expect(await banner.getByTestId('snapshot-stale').textContent()).toMatch(/stale then: .*unreachable/);
    expect(await matrixStatuses(page)).toEqual(matrixAtA);

    const cellActions = page.locator('td.cell button.cell-action');
    expect(await cellActions.count()).toBeGreaterThan(0);
    expect(await cellActions.evaluateAll((buttons) => buttons.every((b) => (b as HTMLButtonElement).disabled))).toBe(true);
    // R does nothing on a snapshot, so no cell announces it.
    expect(await page.locator('td.cell[data-component]').evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-keyshortcuts')).filter((k) => k !== 'Enter'))).toEqual([]);
    expect(await page.getByRole('button', { name: /Take snapshot/ }).isDisabled()).toBe(true);
    await mkdir(DOCS_SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'snapshot-banner.png') });

    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { name: 'Toggles', level: 1 }).waitFor();
    const toggleButtons = page.locator('td.row-actions button[aria-label^="Turn"]');
    await toggleButtons.first().waitFor();
    expect(await toggleButtons.evaluateAll((buttons) => buttons.every((b) => (b as HTMLButtonElement).disabled))).toBe(true);
  });

  it('compares A with B: the eu-west violation appeared; the comparison exports as JSON', async () => {
    const { page } = ctx.browser;
    await ctx.open('/compare');
    await page.getByRole('heading', { name: 'Compare snapshots' }).waitFor();
    await page.getByLabel('Snapshot A').selectOption(fileA);
    await page.getByLabel('Snapshot B').selectOption(fileB);
    const comparison = page.getByTestId('comparison');
    await comparison.waitFor({ timeout: 60_000 });
    const violations = comparison.getByRole('region', { name: 'Violations' });
    await expect(violations.locator('li.compare-appeared').filter({ hasText: /eu-west/ }).count()).resolves.toBeGreaterThan(0);
    await expect(comparison.getByRole('region', { name: 'Versions changed' }).locator('tr[data-region="eu-west"]').count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: join(DOCS_SCREENSHOTS, 'snapshot-compare.png') });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const saved = await (await download).path();
    const exported = JSON.parse(await readFile(saved, 'utf8')) as { a: { file: string }; b: { file: string }; violations: { appeared: { sentence: string }[] } };
    expect([exported.a.file, exported.b.file]).toEqual([fileA, fileB]);
    expect(exported.violations.appeared.some((v) => v.sentence.includes('eu-west'))).toBe(true);
  });

  it('refuses a damaged file dropped on the page, naming the failed check, and goes back to live', async () => {
    const { page } = ctx.browser;
    await ctx.open('/');
    // The first 64 KiB of a snapshot: its header promises more pages than the file holds.
    const bytes = (await readFile(fileA)).subarray(0, 65_536);
    const transfer = await page.evaluateHandle((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], 'damaged.rccsnap'));
      return dt;
    }, [...bytes]);
    await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
    const refused = page.getByRole('alert', { name: 'Snapshot' });
    await refused.waitFor({ timeout: 60_000 });
    expect(await refused.textContent()).toMatch(/failed check: truncated/);
    expect(ctx.app.booted.snapshot?.file).toMatch(/upload-.*\.rccsnap$/);
    await page.getByRole('region', { name: 'Snapshot (read-only)' }).getByRole('button', { name: 'Back to live' }).click();
    await page.getByRole('button', { name: /Take snapshot/ }).and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('region', { name: 'Snapshot (read-only)' }).count()).toBe(0);
    expect(ctx.app.booted.snapshot ?? null).toBeNull();
  });
});
