import { describe, expect, it } from 'vitest';
import { electronReportPrinter, type PrintWindow } from '../../../electron/report/electron-printer.ts';
import { pageTemplates, ReportPrinterSlot } from '../../../electron/report/printer.ts';

/** A recording stand-in for Electron's hidden BrowserWindow (the desktop printer's only dependency). */
function recordingWindow(states: string[]): { window: PrintWindow; log: string[]; options: unknown[] } {
  const log: string[] = [];
  const options: unknown[] = [];
  const window: PrintWindow = {
    loadURL: async (url) => void log.push(`load ${url}`),
    webContents: {
      executeJavaScript: async (code) => {
        if (code.includes('data-report-running')) return 'Board review · Train 2026.47 <b>';
        return states.shift() ?? 'ready';
      },
      printToPDF: async (o) => {
        options.push(o);
        return new TextEncoder().encode('%PDF-1.7');
      },
    },
    destroy: () => void log.push('destroy'),
  };
  return { window, log, options };
}

describe('report printers', () => {
  it('the desktop printer loads the print route, waits for the drawn report, prints A4 with the running footer, and closes its window', async () => {
    const { window, log, options } = recordingWindow(['', '', 'ready']);
    const pdf = await electronReportPrinter(() => window, 'app://rcc/index.html').print(5, new AbortController().signal);
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7');
    expect(log).toEqual(['load app://rcc/index.html#/report/5/print', 'destroy']);
    expect(options).toEqual([{ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, ...pageTemplates('Board review · Train 2026.47 <b>') }]);
    expect(pageTemplates('<b>').footerTemplate).toContain('&#60;b&#62;');
  });

  it('the desktop printer reports the page failing to load the report', async () => {
    const { window, log } = recordingWindow(['No region reports release train 9']);
    await expect(electronReportPrinter(() => window, 'app://rcc/index.html').print(9, new AbortController().signal)).rejects.toThrow('could not load train 9: No region reports release train 9');
    expect(log.at(-1)).toBe('destroy');
  });

  it('the slot refuses without a printer, and stops a print that outlasts its bound', async () => {
    const slot = new ReportPrinterSlot(50);
    await expect(slot.print(1)).rejects.toMatchObject({ kind: 'internal', message: expect.stringContaining('no PDF printer') });
    let aborted = false;
    slot.set({ print: (_train, signal) => new Promise((_, reject) => signal.addEventListener('abort', () => ((aborted = true), reject(new Error('aborted'))))) });
    await expect(slot.print(1)).rejects.toThrow('took longer than 0.05 s');
    expect(aborted).toBe(true);
  });
});
