import type { BoardReport } from '../../../../shared/report/index.ts';
import { formatUtc } from '../../lib/time.ts';
import { READINESS_LABEL, shortHash } from './report-format.ts';

/** The report's title block: train, readiness, when and from what it was generated, and the chain head (repeated on paper at the top). */
export function ReportHeader({ report }: { report: BoardReport }) {
  const source = report.source.kind === 'snapshot' ? `snapshot ${report.source.file ?? ''}` : 'live fleet';
  return (
    <header className="report-header">
      {/* What the PDF printers repeat at the foot of every page. */}
      <p hidden data-report-running="">
        Board review · Train {report.train.name} (#{report.train.index}) · generated {formatUtc(report.generatedAt)} · audit chain head{' '}
        {report.chain.head ? `#${report.chain.head.seq} ${shortHash(report.chain.head.hash)}` : 'none'}
      </p>
      <p className="report-kicker">Change-control board · release train review</p>
      <h1 id="report-title">
        Train {report.train.name} <span className="muted">#{report.train.index}</span>
        <span className={`report-readiness readiness-${report.readiness}`}>{READINESS_LABEL[report.readiness]}</span>
      </h1>
      <dl className="report-meta">
        <div>
          <dt>Generated</dt>
          <dd>{formatUtc(report.generatedAt)}</dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>
            {source}
            {report.source.staleRegions.length > 0 && <span className="bad"> · stale: {report.source.staleRegions.join(', ')}</span>}
          </dd>
        </div>
        <div>
          <dt>Regions</dt>
          <dd>{report.regions.join(', ')}</dd>
        </div>
        <div>
          <dt>Audit chain head</dt>
          <dd className="mono">{report.chain.head ? `#${report.chain.head.seq} ${shortHash(report.chain.head.hash)}` : 'no audit store'}</dd>
        </div>
      </dl>
    </header>
  );
}
