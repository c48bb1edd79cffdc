import type { BoardReport, ReportTable } from '../../../../shared/report/index.ts';
import { formatUtc } from '../../lib/time.ts';
import { Empty, ReportSection } from './ReportSection.tsx';

/** Alerts open on the train's versions (critical first). */
export function AlertsSection({ report, table }: { report: BoardReport; table: ReportTable | undefined }) {
  return (
    <ReportSection id="alerts" title="Open alerts" report={report} tables={[table]}>
      {report.alerts.length === 0 ? (
        <Empty>No alert is open on this train's versions.</Empty>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Alert</th>
              <th scope="col">Where</th>
              <th scope="col">Since</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {report.alerts.map((a) => (
              <tr key={a.id}>
                <td className={a.severity === 'critical' ? 'bad' : 'warn'}>{a.severity.toUpperCase()}</td>
                <td>{a.title}</td>
                <td className="mono">
                  {a.component} {a.version} in {a.region}
                </td>
                <td className="nowrap">{formatUtc(a.firstSeen)}</td>
                <td>{a.state}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ReportSection>
  );
}
