import { describe, expect, it } from 'vitest';
import { waitForShell } from './support/browser.ts';
import { useConsoleInBrowser } from './support/console-in-browser.ts';

describe('renderer shell in Chromium through the web host', () => {
  const ctx = useConsoleInBrowser({}, {});

  it('loads the shell with navigation and a status bar, without errors or CSP violations', async () => {
    const { page } = ctx.browser;
    expect(page.url().startsWith(`${ctx.app.host.origin}/`)).toBe(true);
    expect(page.url()).not.toContain('secret'); // traded for a cookie, gone from the address bar
    await expect(page.getByRole('navigation', { name: 'Screens' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: 'Fleet overview' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('footer[aria-label="Region connection status"]').isVisible()).resolves.toBe(true);
    expect(ctx.browser.pageErrors, ctx.browser.pageErrors.join("\n")).toEqual([]);
  });

  it('opens the command palette with Ctrl+K and runs a command from it', async () => {
    const { page } = ctx.browser;
    await page.keyboard.press('Control+k');
    const input = page.getByPlaceholder('Type a command or screen…');
    await input.waitFor();
    await expect(input.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await ctx.browser.screenshot('shell-palette');
    await input.fill('settings');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(page.url()).toContain('#/settings');
    await expect(input.isVisible()).resolves.toBe(false);
  });

  it('switches the theme from the keyboard and keeps it across a reload', async () => {
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
