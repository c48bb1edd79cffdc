import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { tempDir } from '../../support/temp-dir.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../../test-results/screenshots');

export interface BrowserFixture {
  context: BrowserContext;
  page: Page;
  /** Console errors and CSP violations seen by the page. */
  pageErrors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Debian's Chromium with a throwaway profile (never a downloaded browser). */
export async function openBrowser(options: { colorScheme?: 'dark' | 'light'; viewport?: { width: number; height: number } } = {}): Promise<BrowserFixture> {
  const profile = await tempDir('chromium');
  const context = await chromium.launchPersistentContext(profile.path, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    colorScheme: options.colorScheme ?? 'dark',
    viewport: options.viewport ?? { width: 1360, height: 820 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    context,
    page,
    pageErrors,
    async screenshot(name) {
      const path = resolve(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
    async close() {
      await context.close();
      await profile.remove();
    },
  };
}

/** Waits for the shell's readiness marker. */
export async function waitForShell(page: Page): Promise<void> {
  await page.locator('[data-app-state="loaded"]').waitFor({ timeout: 20_000 });
}
