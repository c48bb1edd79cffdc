import type { BoardReport, ReportTable } from '../../../../shared/report/index.ts';
import { formatUtc } from '../../lib/time.ts';
import { shortHash } from './report-format.ts';
import { Empty, ReportSection } from './ReportSection.tsx';

/** The audited actions on the train, with reasons, overrides, break-glass and outcomes, and the chain head that vouches for them. */
export function ActionsSection({ report, table }: { report: BoardReport; table: ReportTable | undefined }) {
  const { chain } = report;
  return (
    <ReportSection id="actions" title="Actions taken (audit trail)" report={report} tables={[table]}>
      {report.actions.length === 0 ? (
        <Empty>No action on this train's rollouts, components or toggles was recorded.</Empty>
      ) : (
        <table className="report-table report-actions">
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">When · who</th>
              <th scope="col">Action</th>
              <th scope="col">Override · break-glass</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          {report.actions.map((a) => (
            <tbody key={a.seq} className="report-action">
              <tr>
                <td className="num">{a.seq}</td>
                <td>
                  <div className="nowrap">{formatUtc(a.at)}</div>
                  <div className="muted">{a.actor}</div>
                </td>
                <td>
                  <div>{a.action}</div>
                  <div className="muted mono">
                    {a.target} {a.region && `in ${a.region}`}
                  </div>
                </td>
                <td>
                  {a.override ? `override: ${a.override}` : 'no override'}
                  {a.breakGlass && <div className="bad">BREAK-GLASS</div>}
                </td>
                <td className={a.outcome === 'succeeded' ? 'ok' : 'bad'}>
                  {a.outcome ?? 'none recorded'}
                  {a.response && <div className="muted report-why">{a.response}</div>}
                </td>
              </tr>
              <tr className="report-action-reason">
                <td />
                <td colSpan={4}>
                  <span className="muted">Reason:</span> {a.reason ?? 'none given'}
                  {a.ticket && <span className="muted"> · ticket {a.ticket}</span>}
                </td>
              </tr>
            </tbody>
          ))}
        </table>
      )}
      {report.actionsOmitted > 0 && <p className="muted">{report.actionsOmitted} more audit entries were not listed; the audit screen and its export hold them all.</p>}
      <h3>Audit chain</h3>
      {chain.problem ? (
        <p className="bad">{chain.problem}</p>
      ) : (
        <dl className="report-chain">
          <dt>Chain head</dt>
          <dd className="mono">{chain.head ? `#${chain.head.seq} ${chain.head.hash}` : '—'}</dd>
          <dt>Signed checkpoint</dt>
          <dd className="mono">{chain.checkpoint ? `#${chain.checkpoint.seq} at ${formatUtc(chain.checkpoint.at)} · Ed25519 ${shortHash(chain.checkpoint.signature)}` : 'none yet'}</dd>
          <dt>Public key</dt>
          <dd className="mono">{chain.publicKeyFingerprint ?? '—'}</dd>
        </dl>
      )}
      <p className="muted">Verify the store itself with rcc audit verify and the public key above; every entry hash chains to the head.</p>
    </ReportSection>
  );
}
