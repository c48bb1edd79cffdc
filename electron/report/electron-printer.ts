import { pageTemplates, REPORT_FAILED_SELECTOR, REPORT_READY_SELECTOR, REPORT_RUNNING_SELECTOR, reportPrintHash, type ReportPrinter } from './printer.ts';

/** What the printer needs of Electron: a hidden window with the app's secure preferences. Passed in, so this module never imports Electron. */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  webContents: {
    executeJavaScript(code: string): Promise<unknown>;
    printToPDF(options: { pageSize: 'A4'; printBackground: boolean; preferCSSPageSize: boolean; displayHeaderFooter: boolean; headerTemplate: string; footerTemplate: string }): Promise<Uint8Array>;
  };
  destroy(): void;
}

const READY_POLL_MS = 100;

/**
 * The desktop printer: a hidden window (same preload and web preferences as the main one) loads the
 * report route from app://rcc, waits until the report marks itself drawn, and `webContents.printToPDF`
 * prints it A4 with backgrounds. The window is destroyed after every print.
 */
export function electronReportPrinter(createWindow: () => PrintWindow, entryUrl: string): ReportPrinter {
  return {
    async print(train, signal) {
      const window = createWindow();
      const destroy = () => window.destroy();
      signal.addEventListener('abort', destroy, { once: true });
      try {
        await window.loadURL(`${entryUrl}${reportPrintHash(train)}`);
        const state = `document.querySelector(${JSON.stringify(REPORT_READY_SELECTOR)}) ? 'ready' : document.querySelector(${JSON.stringify(REPORT_FAILED_SELECTOR)})?.textContent ?? ''`;
        for (;;) {
          if (signal.aborted) throw new Error('aborted');
          const result = await window.webContents.executeJavaScript(state);
          if (result === 'ready') break;
          if (typeof result === 'string' && result !== '') throw new Error(`The report page could not load train ${train}: ${result}`);
          await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
        }
        const running = await window.webContents.executeJavaScript(`document.querySelector(${JSON.stringify(REPORT_RUNNING_SELECTOR)})?.textContent ?? ''`);
        const templates = pageTemplates(typeof running === 'string' && running.trim() !== '' ? running.trim() : `Train #${train}`);
        return await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, ...templates });
      } finally {
        signal.removeEventListener('abort', destroy);
        window.destroy();
      }
    },
  };
}
