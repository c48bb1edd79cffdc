import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForShell } from './support/browser.ts';
import { useConsoleInBrowser } from './support/console-in-browser.ts';

describe('renderer shell in Chromium through the web host', () => {
  const ctx = useConsoleInBrowser({}, {});

  it('loads the shell from the launch URL with navigation and a status bar, without errors or CSP violations', async () => {
    const { page } = ctx.browser;
    await page.goto(ctx.app.host.launchUrl);
    await waitForShell(page);
    expect(page.url().startsWith(`${ctx.app.host.origin}/`)).toBe(true);
    expect(page.url()).not.toContain('secret'); // traded for a cookie, gone from the address bar
    await expect(page.getByRole('navigation', { name: 'Screens' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: 'Fleet overview' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('footer[aria-label="Region connection status"]').isVisible()).resolves.toBe(true);
    // No console error, uncaught exception or CSP violation: checked for every test by the fixture.
  });

  it('marks the shell "loading" until the region list arrives, then "loaded"', async () => {
    const { page } = ctx.browser;
    // Hold the region list and the event stream (its status pushes would fill the list too).
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let seen: () => void = () => undefined;
    const requested = new Promise<void>((resolve) => (seen = resolve));
    const hold = async (route: Route) => {
      if (route.request().url().includes('regions.list')) seen();
      await held;
      await route.continue();
    };
    await page.route('**/api/call/regions.list', hold);
    await page.route('**/api/events', hold);
    try {
      await page.goto('about:blank');
      await page.goto(`${ctx.app.host.origin}/#/`);
      await requested;
      await page.locator('.shell').waitFor();
      expect(await page.locator('.shell').getAttribute('data-app-state')).toBe('loading');
      release();
      await waitForShell(page);
    } finally {
      release();
      await page.unrouteAll({ behavior: 'wait' });
    }
  });

  it('marks the shell "error" (never "loaded") when the host refuses its calls', async () => {
    const { page } = ctx.browser;
    // What a page without the secret cookie gets: every call and the event stream refused.
    await page.route('**/api/**', (route) => route.fulfill({ status: 401, contentType: 'text/plain', body: 'Missing or wrong secret' }));
    try {
      await page.goto('about:blank');
      await page.goto(`${ctx.app.host.origin}/#/`);
      await page.locator('.shell[data-app-state="error"]').waitFor({ timeout: 20_000 });
      await expect(waitForShell(page)).rejects.toThrow(/"error"/);
      await expect(page.locator('.status-bar').textContent()).resolves.toMatch(/Regions unavailable/);
    } finally {
      await page.unroute('**/api/**');
    }
    // The refused requests are expected here, and only they.
    const errors = ctx.browser.takeErrors();
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error).toMatch(/\/api\/.* 401 /);
  });

  it('the fixture sees what would fail a test: CSP violations, console errors, uncaught exceptions', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    expect(ctx.browser.takeErrors()).toEqual([]);
    await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { outline: 1px solid red; }';
      document.head.appendChild(style);
      console.error('a console error');
      setTimeout(() => {
        throw new Error('an uncaught exception');
      });
    });
    await expect.poll(() => ctx.browser.pageErrors.join('\n')).toMatch(/an uncaught exception/);
    await expect.poll(() => ctx.browser.pageErrors.join('\n')).toMatch(/CSP violation: style-src-elem blocked inline/);
    const errors = ctx.browser.takeErrors().join('\n');
    expect(errors).toMatch(/a console error/);
    expect(() => ctx.browser.assertNoErrors('now')).not.toThrow(); // taken: this test consumed them
    await page.evaluate(() => console.error('another'));
    await expect.poll(() => ctx.browser.pageErrors.length).toBeGreaterThan(0);
    expect(() => ctx.browser.assertNoErrors('now')).toThrow(/another/);
  });

  it('opens the command palette with Ctrl+K and runs a command from it', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Control+k');
    const input = page.getByPlaceholder('Type a command or screen…');
    await input.waitFor();
    await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(page.getByRole('dialog', { name: 'Command palette' }).isVisible()).resolves.toBe(true);
    await ctx.browser.screenshot('shell-palette');
    await input.fill('settings');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(page.url()).toContain('#/settings');
    await expect(input.isVisible()).resolves.toBe(false);
  });

  it('closes the command palette with Escape and opens it empty again', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Control+k');
    const input = page.getByPlaceholder('Type a command or screen…');
    await input.fill('violations');
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden' });
    await expect(page.getByRole('heading', { name: 'Fleet overview' }).isVisible()).resolves.toBe(true);
    await page.keyboard.press('Control+k');
    await input.waitFor();
    await expect(input.inputValue()).resolves.toBe('');
    await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  });

  it('switches the theme from the keyboard and keeps it across a reload', async () => {
    await ctx.app.booted.core.handlers['settings.set']({ theme: 'system' });
    await ctx.open('/');
    const { page } = ctx.browser;
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    expect(await theme()).toBe('dark'); // follows the (dark) system preference
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await ctx.browser.screenshot('shell-light');
    await page.reload();
    await waitForShell(page);
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await page.keyboard.press('Control+Shift+L'); // light → system (dark here)
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await ctx.browser.screenshot('shell-dark');
  });

  it('shows a visible focus ring on keyboard focus', async () => {
    await ctx.open('/');
    const { page } = ctx.browser;
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? getComputedStyle(el).outlineStyle : 'none';
    });
    expect(outline).not.toBe('none');
  });
});
