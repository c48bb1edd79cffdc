import { existsSync } from 'node:fs';
import { ConsoleError } from '../common/console-error.ts';
import { pageTemplates, REPORT_FAILED_SELECTOR, REPORT_READY_SELECTOR, REPORT_RUNNING_SELECTOR, reportPrintHash, type ReportPrinter } from './printer.ts';

/** Debian's Chromium; `$RCC_CHROMIUM` names another. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export interface ChromiumPrinterOptions {
  /** The web host's origin (http://127.0.0.1:port) and this run's secret. */
  origin: string;
  secret: string;
  executablePath?: string;
}

/**
 * The web host's printer: headless Chromium (through playwright-core, loaded on first use) opens the
 * report route with the per-run secret in a throwaway context, waits until the report marks itself
 * drawn, and prints A4 with backgrounds. The browser is closed after every print.
 */
export function chromiumReportPrinter(options: ChromiumPrinterOptions): ReportPrinter {
  return {
    async print(train, signal) {
      const executablePath = options.executablePath ?? process.env.RCC_CHROMIUM ?? DEFAULT_CHROMIUM;
      if (!existsSync(executablePath)) {
        throw new ConsoleError('internal', `Cannot print the report: no Chromium at ${executablePath} (install Debian's chromium package, or set RCC_CHROMIUM to a Chromium binary).`);
      }
      let chromium: typeof import('playwright-core').chromium;
      try {
        ({ chromium } = await import('playwright-core'));
      } catch (error) {
        throw new ConsoleError('internal', `Cannot print the report: playwright-core is not installed (${error instanceof Error ? error.message : String(error)}); print it from the browser (Ctrl+P) instead.`);
      }
      const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
      const close = () => void browser.close().catch(() => {});
      signal.addEventListener('abort', close, { once: true });
      try {
        const page = await browser.newPage({ viewport: { width: 1240, height: 1754 }, colorScheme: 'light' });
        // The launch URL trades the secret for the page's cookie, then the report route loads.
        await page.goto(`${options.origin}/?secret=${encodeURIComponent(options.secret)}`, { waitUntil: 'domcontentloaded' });
        await page.goto(`${options.origin}/${reportPrintHash(train)}`, { waitUntil: 'domcontentloaded' });
        await page.waitForSelector(`${REPORT_READY_SELECTOR}, ${REPORT_FAILED_SELECTOR}`, { timeout: 100_000 });
        const failed = await page.$(REPORT_FAILED_SELECTOR);
        if (failed) throw new ConsoleError('internal', `The report page could not load train ${train}: ${(await failed.textContent())?.trim() ?? 'unknown error'}`);
        const running = (await page.locator(REPORT_RUNNING_SELECTOR).textContent()) ?? `Train #${train}`;
        await page.emulateMedia({ media: 'print' });
        return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, ...pageTemplates(running.trim()) });
      } finally {
        signal.removeEventListener('abort', close);
        await browser.close().catch(() => {});
      }
    },
  };
}
