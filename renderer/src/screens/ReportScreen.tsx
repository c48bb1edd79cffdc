import { useMutation } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { CallOutput } from '../../../shared/contract/index.ts';
import type { BoardReport, ReportTable } from '../../../shared/report/index.ts';
import { reportTables } from '../../../shared/report/tables.ts';
import { useCall } from '../api/hooks.ts';
import { useApiClient } from '../api/context.tsx';
import { ActionsSection } from '../components/report/ActionsSection.tsx';
import { AlertsSection } from '../components/report/AlertsSection.tsx';
import { GatesSection } from '../components/report/GatesSection.tsx';
import { downloadPdf, downloadTableCsv } from '../components/report/report-files.ts';
import { ReportHeader } from '../components/report/ReportHeader.tsx';
import { RolloutSection } from '../components/report/RolloutSection.tsx';
import { SignalSection } from '../components/report/SignalSection.tsx';
import { SkewSection } from '../components/report/SkewSection.tsx';
import { SummarySection } from '../components/report/SummarySection.tsx';
import { useUi } from '../state/ui-store.ts';
import '../components/report/report.css';

/**
 * The board review report of one release train (`#/report/<train>`; the current train by default).
 * Reads well on a shared screen (large type, one section after another) and on paper: `@media print`
 * drops the shell and breaks pages between sections; `#/report/<train>/print` is what the PDF
 * printers load (no shell; `data-report-ready` tells them when it is drawn).
 */
export function ReportScreen({ train, print }: { train?: number; print: boolean }) {
  const report = useCall('report.train', train === undefined ? {} : { train }, { staleTime: 30_000, refetchOnWindowFocus: false });
  const ready = report.data ? 'true' : report.isError ? 'error' : 'loading';
  return (
    <article className={print ? 'report report-print' : 'screen report'} aria-labelledby="report-title" data-report-ready={ready}>
      {report.isError && <p className="error-panel" role="alert">The report could not be built: {report.error.message}</p>}
      {!report.data && !report.isError && <p aria-busy="true">Building the report…</p>}
      {report.data && (
        <>
          {!print && <ReportToolbar report={report.data} />}
          <ReportBody report={report.data} />
        </>
      )}
    </article>
  );
}

function ReportToolbar({ report }: { report: BoardReport }) {
  const navigate = useUi((s) => s.navigate);
  const { api } = useApiClient();
  const pdf = useMutation<CallOutput<'report.pdf'>, Error>({
    mutationFn: () => api['report.pdf']({ train: report.train.index }),
    onSuccess: (file) => downloadPdf(file.base64, file.fileName),
  });
  const tables = useMemo(() => reportTables(report), [report]);
  return (
    <div className="report-toolbar no-print" role="toolbar" aria-label="Report">
      <label>
        Train{' '}
        <select aria-label="Train" value={report.train.index} onChange={(e) => navigate({ screen: 'report', train: Number(e.target.value) })}>
          {report.trains.map((t) => (
            <option key={t.index} value={t.index}>
              {t.name} (#{t.index})
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="primary" onClick={() => pdf.mutate()} disabled={pdf.isPending}>
        {pdf.isPending ? 'Printing PDF…' : 'Export PDF'}
      </button>
      <button type="button" onClick={() => window.print()}>
        Print…
      </button>
      <button type="button" onClick={() => tables.forEach((t) => downloadTableCsv(report, t))}>
        All tables (CSV)
      </button>
      {pdf.isError && (
        <span className="bad" role="alert">
          PDF export failed: {pdf.error.message}
        </span>
      )}
      {pdf.isSuccess && <span className="ok" role="status">Saved {pdf.data.fileName} ({Math.round(pdf.data.bytes / 1024)} KiB)</span>}
    </div>
  );
}

function ReportBody({ report }: { report: BoardReport }) {
  const tables = useMemo(() => new Map<ReportTable['id'], ReportTable>(reportTables(report).map((t) => [t.id, t])), [report]);
  return (
    <>
      <ReportHeader report={report} />
      <SummarySection report={report} table={tables.get('risks')} />
      <RolloutSection report={report} versions={tables.get('versions')} rollouts={tables.get('rollouts')} />
      <SkewSection report={report} table={tables.get('violations')} />
      <SignalSection report={report} signals={tables.get('signals')} judgements={tables.get('judgements')} />
      <GatesSection report={report} table={tables.get('stage-gates')} />
      <ActionsSection report={report} table={tables.get('actions')} />
      <AlertsSection report={report} table={tables.get('alerts')} />
    </>
  );
}
