import type { BoardReport, ReportTable } from '../../../../shared/report/index.ts';
import { count } from '../../lib/format.ts';
import { formatUtc } from '../../lib/time.ts';
import { Empty, ReportSection } from './ReportSection.tsx';

/** Stage gates per stage (rows, in pipeline order) and environment (columns): tests run, and failures. */
export function GatesSection({ report, table }: { report: BoardReport; table: ReportTable | undefined }) {
  const environments = [...new Set(report.stages.flatMap((s) => s.gates.map((g) => g.environment)))].sort();
  return (
    <ReportSection id="gates" title="Stage gates" report={report} tables={[table]}>
      {report.stages.length === 0 ? (
        <Empty>No stage gate of this train has been reported.</Empty>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Passed</th>
              {environments.map((env) => (
                <th scope="col" key={env} className="num">
                  {env}
                </th>
              ))}
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {report.stages.map((stage) => (
              <tr key={stage.stage}>
                <th scope="row">{stage.stage}</th>
                <td className={stage.passed === stage.reported ? 'ok' : 'bad'}>
                  {stage.passed} of {stage.reported}
                </td>
                {environments.map((env) => {
                  const gate = stage.gates.find((g) => g.environment === env);
                  if (!gate) return <td key={env} className="num muted">—</td>;
                  return (
                    <td key={env} className={`num ${gate.passed ? '' : 'bad'}`}>
                      {count(gate.testsPassed)} / {count(gate.testsRun)}
                      {gate.testsFailed > 0 && <strong> · {gate.testsFailed} failed</strong>}
                    </td>
                  );
                })}
                <td className="nowrap">{formatUtc(stage.gates[0]?.at ?? report.train.date)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">Cells: tests passed / tests run in each environment (the region reporting the gate).</p>
    </ReportSection>
  );
}
