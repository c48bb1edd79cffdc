import type { BoardReport } from '../../../../shared/report/index.ts';
import { formatUtc } from '../../lib/time.ts';
import { formatDuration, READINESS_LABEL } from './report-format.ts';
import { ReportSection } from './ReportSection.tsx';
import type { ReportTable } from '../../../../shared/report/index.ts';

/** The board's first read: the readiness word, the figures behind it, and the risks. */
export function SummarySection({ report, table }: { report: BoardReport; table: ReportTable | undefined }) {
  const gates = report.stages.flatMap((s) => s.gates);
  const judged = report.judgements.filter((j) => j.verdict !== null);
  const figures: Array<[string, string]> = [
    ['Versions', `${report.versions.length} components`],
    ['Rollouts', `${report.rollouts.length} (${report.rollouts.filter((r) => r.state === 'completed').length} completed)`],
    ['Skew', report.skew.compliant ? `compliant now · ${report.skew.episodes.length} episodes` : `${report.skew.open} open violations`],
    ['Time in violation', formatDuration(report.skew.totalSeconds)],
    ['Stage gates', `${gates.filter((g) => g.passed).length} of ${gates.length} passed`],
    ['Canary', `${judged.filter((j) => j.verdict === 'pass').length} pass · ${judged.filter((j) => j.verdict === 'marginal').length} marginal · ${judged.filter((j) => j.verdict === 'fail').length} fail`],
    ['Actions', `${report.actions.length}${report.actions.some((a) => a.breakGlass) ? ' (break-glass used)' : ''}`],
    ['Open alerts', String(report.alerts.length)],
  ];
  return (
    <ReportSection id="summary" title="Summary and risks" report={report} tables={[table]}>
      <div className="report-verdict">
        <span className={`report-readiness readiness-${report.readiness}`}>{READINESS_LABEL[report.readiness]}</span>
        <p>
          Train <strong>{report.train.name}</strong> (index {report.train.index}, cut {formatUtc(report.train.date)}) as of {formatUtc(report.generatedAt)}.
        </p>
      </div>
      <dl className="report-figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {report.risks.length === 0 ? (
        <p className="report-empty">No risks found: every gate passed, no violation is open, no canary failed and no alert is open.</p>
      ) : (
        <ul className="report-risks">
          {report.risks.map((r) => (
            <li key={r.text} className={`risk risk-${r.level}`}>
              <span className="risk-level">{r.level.toUpperCase()}</span> {r.text}
            </li>
          ))}
        </ul>
      )}
    </ReportSection>
  );
}
