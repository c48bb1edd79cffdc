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
  /** Console errors, uncaught page errors and CSP violations seen since the last `takeErrors()`. */
  pageErrors: string[];
  /** Returns the errors collected so far and starts a new list. */
  takeErrors(): string[];
  /** Throws, listing them, when the page reported any error since the last check. */
  assertNoErrors(when: string): void;
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
  context.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console.error at ${message.location().url || '?'}: ${message.text()}`);
  });
  context.on('weberror', (error) => pageErrors.push(`uncaught: ${error.error().message}`));
  // Chromium also logs CSP violations to the console; the event names the directive and source even where it does not.
  await context.exposeBinding('__rccReportViolation', (_source, text: string) => void pageErrors.push(`CSP violation: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __rccReportViolation?: (text: string) => void }).__rccReportViolation;
      report?.(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`);
    });
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const takeErrors = () => pageErrors.splice(0, pageErrors.length);
  return {
    context,
    page,
    pageErrors,
    takeErrors,
    assertNoErrors(when) {
      const errors = takeErrors();
      if (errors.length > 0) throw new Error(`The page reported ${errors.length} error(s) ${when}:\n${errors.join('\n')}`);
    },
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

/** Waits until the shell has loaded its first data; fails at once if it reports an error instead. */
export async function waitForShell(page: Page): Promise<void> {
  const settled = page.locator('[data-app-state="loaded"], [data-app-state="error"]');
  await settled.waitFor({ timeout: 20_000 });
  const state = await settled.getAttribute('data-app-state');
  if (state !== 'loaded') {
    const status = await page.locator('footer.status-bar').textContent().catch(() => null);
    throw new Error(`The shell reports "${state}" instead of loading its data${status ? ` (status bar: ${status})` : ''}`);
  }
}
