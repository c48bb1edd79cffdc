import { stringify } from 'csv-stringify/browser/esm/sync';
import type { BoardReport, ReportTable } from '../../../../shared/report/index.ts';

const slug = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '');

/** One table of the report as an RFC 4180 CSV file named after the train and the table. */
export function downloadTableCsv(report: BoardReport, table: ReportTable): void {
  const csv = stringify([table.header, ...table.rows], { record_delimiter: '\r\n' });
  saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `board-report-${slug(report.train.name)}-${table.id}.csv`);
}

/** The PDF the host printed, saved through a Blob. */
export function downloadPdf(base64: string, fileName: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  saveBlob(new Blob([bytes], { type: 'application/pdf' }), fileName);
}

/**
 * Saves a Blob through an object URL, revoked once the download has started (as lib/download.ts
 * does for text; kept here so this lazily loaded screen shares no chunk with the audit screen).
 */
function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
