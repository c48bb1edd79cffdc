import { describe, expect, it } from 'vitest';
import { useConsoleInBrowser } from './support/console-in-browser.ts';

describe('skew screens: skew-violation scenario', () => {
  const ctx = useConsoleInBrowser({ scenario: 'skew-violation' }, { viewport: { width: 1440, height: 960 } });

  it('outlines the scheduling and consent cells of eu-west and names the rule on hover', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { name: 'Skew matrix' }).waitFor();
    const cell = page.locator('td.cell[data-component="scheduling"][data-region="eu-west"]');
    await cell.waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('td.cell[data-component="scheduling"][data-region="eu-west"]')?.getAttribute('data-status') === 'violation', null, { timeout: 20_000 });
    expect(await page.locator('td.cell[data-component="consent"][data-region="eu-west"]').getAttribute('data-status')).toBe('violation');
    expect(await cell.getAttribute('title')).toMatch(/Rule 2 · peer skew/);
    // Other regions stay compliant for the same pair.
    expect(await page.locator('td.cell[data-component="scheduling"][data-region="us-east"]').getAttribute('data-status')).not.toBe('violation');
    await ctx.browser.screenshot('skew-matrix');
  });

  it('moves through cells with the arrow keys and opens the component with Enter', async () => {
    await ctx.open('/skew');
    const { page } = ctx.browser;
    await page.waitForFunction(() => document.querySelector('td.cell[data-component="scheduling"][data-region="eu-west"]')?.getAttribute('data-status') === 'violation', null, { timeout: 20_000 });
    const first = page.locator('td.cell[tabindex="0"]').first();
    await first.focus();
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.col);
    expect(focused).toBe('1');
    await page.locator('td.cell[data-component="scheduling"][data-region="eu-west"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('#component-title').waitFor();
    expect(page.url()).toContain('#/component/scheduling');
    await expect(page.locator('section[aria-label="Calls"] tr[data-status="violation"]').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.violation .sentence').first().textContent()).resolves.toMatch(/eu-west/);
    await ctx.browser.screenshot('component-scheduling');
  });

  it('opens a component from the command palette', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Control+k');
    await page.getByPlaceholder('Type a command or screen…').fill('open component consent');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#/component/consent');
    await expect(page.locator('#component-title').textContent()).resolves.toMatch(/^Consent/);
  });

  it('draws the version history chart on the component page and shows its tooltip, within the CSP', async () => {
    await ctx.open('/component/scheduling');
    const { page } = ctx.browser;
    await page.locator('#component-title').waitFor();
    // The history gains a sample every 5 s; the chart replaces its placeholder from the second one.
    const chart = page.locator('.chart svg.recharts-surface[role="application"]');
    await chart.waitFor({ timeout: 30_000 });
    await expect(page.locator('.chart .recharts-area').count()).resolves.toBeGreaterThan(0);
    // The Signals section sits above it: bring the chart into view before hovering it.
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    expect(box).not.toBeNull();
    await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 3);
    await page.locator('.chart .recharts-tooltip-wrapper .recharts-default-tooltip').waitFor();
    await page.waitForFunction(() => getComputedStyle(document.querySelector('.chart .recharts-tooltip-wrapper')!).visibility === 'visible');
    await ctx.browser.screenshot('component-chart');
  });

  it('lists the violation with its plain sentence under rule 2 and the table view filters it', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Alt+3');
    const group = page.locator('section[aria-label="Rule 2 · peer skew"]');
    await group.waitFor();
    const sentences = await group.locator('.sentence').allTextContents();
    // consent is pinned two trains back, so every current-train caller of it breaks rule 2 in eu-west.
    expect(sentences.some((s) => /In eu-west, scheduling .* calls consent .*2 trains apart/.test(s))).toBe(true);
    expect(sentences.every((s) => s.startsWith('In eu-west'))).toBe(true);
    await ctx.browser.screenshot('violations');
    await page.keyboard.press('Alt+2');
    await page.getByRole('button', { name: 'Table' }).click();
    await page.getByLabel('Filter rows').fill('scheduling eu-west');
    const rows = page.locator('.vbody [role="row"]');
    await rows.first().waitFor();
    for (const text of await rows.allTextContents()) expect(text).toMatch(/violation/);
    await page.getByRole('columnheader', { name: /Instances/ }).click();
    await ctx.browser.screenshot('skew-table');
  });
});

describe('skew screens: schema-ahead scenario', () => {
  const ctx = useConsoleInBrowser({ scenario: 'schema-ahead' }, { viewport: { width: 1440, height: 960 } });

  it('flags imaging in ca-central with a schema-skew sentence and shows the schema distribution', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Alt+3');
    const group = page.locator('section[aria-label="Rule 3 · schema skew"]');
    await group.waitFor({ timeout: 20_000 });
    const sentence = (await group.locator('.sentence').allTextContents()).join('\n');
    expect(sentence).toMatch(/ca-central/);
    expect(sentence).toMatch(/imaging/);
    await group.getByRole('button', { name: 'imaging', exact: true }).first().click();
    await page.locator('#component-title').waitFor();
    const row = page.locator('table[aria-label="Database schemas against instance trains"] tr[data-status="violation"]');
    await expect(row.count()).resolves.toBeGreaterThan(0);
    await expect(row.first().textContent()).resolves.toMatch(/ca-central/);
    await ctx.browser.screenshot('component-schema-ahead');
  });

  it('shows violation counts on the overview cards', async () => {
    await ctx.open('/skew');
    const { page } = ctx.browser;
    await page.keyboard.press('Alt+1');
    await page.waitForFunction(() => Number(document.querySelector('article[data-region="ca-central"] [data-testid="violations"]')?.textContent ?? '0') > 0, null, { timeout: 20_000 });
    expect(await page.locator('article[data-region="us-east"] [data-testid="violations"]').textContent()).toBe('0');
  });
});

describe('skew screens: broken-declaration scenario', () => {
  const ctx = useConsoleInBrowser({ scenario: 'broken-declaration' }, { viewport: { width: 1440, height: 1280 } });

  it('shows declared exceptions on the matrix (never silent) and the broken declaration as a violation naming it', async () => {
    await ctx.open('/skew');
    const { page } = ctx.browser;
    const broken = 'td.cell[data-component="reporting"][data-region="us-east"]';
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-status') === 'violation', broken, { timeout: 30_000 });
    expect(await page.locator(broken).getAttribute('title')).toMatch(/outside the declared range: reporting .* in us-east declares search train/);
    const exception = page.locator('td.cell[data-component="search-index"][data-status="exception"]').first();
    await exception.waitFor({ timeout: 20_000 });
    expect(await exception.getAttribute('title')).toMatch(/Declared exception: In .*, (search|index-builder) .* calls search-index .*2 trains apart, beyond the default ±1 but allowed by the declared range/);
    await expect(exception.locator('.cell-declared').textContent()).resolves.toContain('declared');
    await expect(page.locator('.summary-line').textContent()).resolves.toMatch(/\d+ declared exceptions? in \d+ cells?/);
    // The broken declaration (reporting, us-east) at the top, the search index's exceptions below it.
    await page.locator(broken).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await ctx.browser.screenshot('skew-matrix-declared');
  });
});
