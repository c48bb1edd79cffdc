import type { ReactNode } from 'react';
import type { BoardReport, ReportTable } from '../../../../shared/report/index.ts';
import { downloadTableCsv } from './report-files.ts';

/** One section of the report: a heading naming the train (it heads a printed page), its CSV button, and the content. */
export function ReportSection({ id, title, report, tables = [], children }: { id: string; title: string; report: BoardReport; tables?: ReadonlyArray<ReportTable | undefined>; children: ReactNode }) {
  return (
    <section className="report-section" aria-labelledby={`report-${id}`}>
      <header className="report-section-header">
        <h2 id={`report-${id}`}>
          {title} <span className="report-kicker">· {report.train.name}</span>
        </h2>
        <span className="report-csv no-print">
          {tables.map(
            (table) =>
              table && (
                <button type="button" key={table.id} onClick={() => downloadTableCsv(report, table)} title={`Download “${table.title}” as CSV`}>
                  CSV · {table.title}
                </button>
              ),
          )}
        </span>
      </header>
      {children}
    </section>
  );
}

/** "None." in a section without rows, so an empty table reads as checked, not missing. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="report-empty">{children}</p>;
}
