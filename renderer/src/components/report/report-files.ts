import { stringify } from 'csv-stringify/browser/esm/sync';
import type { BoardReport, ReportTable } from '../../../../shared/report/index.ts';
import { saveBlob } from '../../lib/download.ts';

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
