import type { BoardReport, ReportTable } from '../../../../shared/report/index.ts';
import { RULE_LABELS } from '../../lib/format.ts';
import { formatUtc } from '../../lib/time.ts';
import { formatDuration } from './report-format.ts';
import { Empty, ReportSection } from './ReportSection.tsx';

/** Skew compliance over the rollout: every violation involving the train, when it was seen and how long it lasted. */
export function SkewSection({ report, table }: { report: BoardReport; table: ReportTable | undefined }) {
  const { skew } = report;
  return (
    <ReportSection id="skew" title="Skew compliance" report={report} tables={[table]}>
      <p className="report-lead">
        {skew.compliant ? <strong className="ok">Compliant now.</strong> : <strong className="bad">{skew.open} violation(s) open now.</strong>} {skew.episodes.length} violation episode(s)
        involving the train, {formatDuration(skew.totalSeconds)} in all, the longest {formatDuration(skew.longestSeconds)}.
        {skew.recordedSince && <span className="muted"> Recorded since {formatUtc(skew.recordedSince)}.</span>}
      </p>
      {skew.episodes.length === 0 ? (
        <Empty>No violation involving this train was seen.</Empty>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">What</th>
              <th scope="col">First seen</th>
              <th scope="col">Resolved</th>
              <th scope="col" className="num">
                Lasted
              </th>
            </tr>
          </thead>
          <tbody>
            {skew.episodes.map((e) => (
              <tr key={`${e.violationId} ${e.firstSeen}`}>
                <td>{RULE_LABELS[e.rule] ?? e.rule}</td>
                <td>{e.sentence}</td>
                <td className="nowrap">{formatUtc(e.firstSeen)}</td>
                <td className="nowrap">{e.resolvedAt ? formatUtc(e.resolvedAt) : <strong className="bad">open</strong>}</td>
                <td className="num nowrap">{formatDuration(e.durationSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ReportSection>
  );
}
