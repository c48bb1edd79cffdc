import type { BoardReport, ReportTable } from '../../../../shared/report/index.ts';
import { latency, percent, signedPercent } from './report-format.ts';
import { Empty, ReportSection } from './ReportSection.tsx';

const VERDICT_LABEL = { pass: 'PASS', marginal: 'MARGINAL', fail: 'FAIL' } as const;

/** Error and latency of each of the train's versions against its baseline (last hour), and the canary judgements. */
export function SignalSection({ report, signals, judgements }: { report: BoardReport; signals: ReportTable | undefined; judgements: ReportTable | undefined }) {
  return (
    <ReportSection id="signals" title="Error and latency by version" report={report} tables={[signals, judgements]}>
      <h3>Canary judgements</h3>
      {report.judgements.length === 0 ? (
        <Empty>No rollout of this train is being judged.</Empty>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">Region</th>
              <th scope="col">Component</th>
              <th scope="col">Canary vs baseline</th>
              <th scope="col">Verdict</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {report.judgements.map((j) => (
              <tr key={`${j.region} ${j.rolloutId}`}>
                <td>{j.region}</td>
                <td>{j.component}</td>
                <td className="mono">
                  {j.canary} vs {j.baseline}
                </td>
                <td>
                  <span className={`verdict verdict-${j.verdict ?? 'none'}`}>{j.verdict ? VERDICT_LABEL[j.verdict] : 'NOT JUDGED'}</span>
                </td>
                <td className="report-why">{j.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Signals against the baseline version, last hour</h3>
      {report.signals.length === 0 ? (
        <Empty>No live version of this train reports signals.</Empty>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">Region</th>
              <th scope="col">Component</th>
              <th scope="col">Version (baseline)</th>
              <th scope="col" className="num">
                Error rate
              </th>
              <th scope="col" className="num">
                Δ error
              </th>
              <th scope="col" className="num">
                p95 latency
              </th>
              <th scope="col" className="num">
                Δ p95
              </th>
            </tr>
          </thead>
          <tbody>
            {report.signals.map((s) => (
              <tr key={`${s.region} ${s.component} ${s.version}`}>
                <td>{s.region}</td>
                <td>{s.component}</td>
                <td className="mono">
                  {s.version}
                  {s.baselineVersion && <span className="muted"> ({s.baselineVersion})</span>}
                </td>
                <td className="num">{percent(s.errorRate.value)}</td>
                <td className={`num status-${s.errorRate.status}`}>{signedPercent(s.errorRate.relativeDelta)}</td>
                <td className="num">{latency(s.latencyP95.value)}</td>
                <td className={`num status-${s.latencyP95.status}`}>{signedPercent(s.latencyP95.relativeDelta)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </ReportSection>
  );
}
