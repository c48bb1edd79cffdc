import { ConsoleError } from '../common/console-error.ts';

/** Prints the report route of a train to PDF bytes in the host's Chromium. */
export interface ReportPrinter {
  print(train: number, signal: AbortSignal): Promise<Uint8Array>;
}

/** A PDF that takes longer than this is abandoned (the printer's browser is closed). */
export const PRINT_TIMEOUT_MS = 120_000;

/**
 * The host's printer, set once the host knows where the renderer is served (the web host's origin
 * and secret, or Electron's app:// window): the core is created before the host starts. One print at
 * a time, bounded by `PRINT_TIMEOUT_MS`.
 */
export class ReportPrinterSlot {
  private printer: ReportPrinter | null = null;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(private readonly timeoutMs = PRINT_TIMEOUT_MS) {}

  set(printer: ReportPrinter | null): void {
    this.printer = printer;
  }

  async print(train: number): Promise<Uint8Array> {
    const printer = this.printer;
    if (!printer) throw new ConsoleError('internal', 'This host has no PDF printer: print the report from the console window (Ctrl+P) instead.');
    const run = this.busy.catch(() => {}).then(() => this.withTimeout(printer, train));
    this.busy = run;
    return run;
  }

  private async withTimeout(printer: ReportPrinter, train: number): Promise<Uint8Array> {
    const controller = new AbortController();
    const late = () => new ConsoleError('internal', `Printing the report of train ${train} took longer than ${this.timeoutMs / 1000} s and was stopped.`);
    // A printer that ignores the signal is still abandoned at the bound.
    const bound = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(late()), { once: true }));
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      return await Promise.race([printer.print(train, controller.signal), bound]);
    } catch (error) {
      // The printer's own failure on being aborted is the timeout.
      throw controller.signal.aborted ? late() : error;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The route a printer loads: the report screen in print mode (no shell, marks itself ready). */
export function reportPrintHash(train: number): string {
  return `#/report/${train}/print`;
}

/** The element the report screen sets once its data is drawn; a printer waits for it. */
export const REPORT_READY_SELECTOR = '[data-report-ready="true"]';
/** Set instead when the report could not be loaded (its text says why). */
export const REPORT_FAILED_SELECTOR = '[data-report-ready="error"]';

/** The element whose text the printers repeat at the foot of every page (train, generated at, chain head). */
export const REPORT_RUNNING_SELECTOR = '[data-report-running]';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Chromium's header and footer templates: nothing at the top; the report's running line and page x of y at the foot. */
export function pageTemplates(running: string): { headerTemplate: string; footerTemplate: string } {
  return {
    headerTemplate: '<span></span>',
    footerTemplate: `<div style="font: 7.5px sans-serif; color: #4f5963; width: 100%; padding: 0 12mm; display: flex; justify-content: space-between;"><span>${escapeHtml(running)}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}
