import type { BoardReport, ReportTable } from '../../../../shared/report/index.ts';
import { formatUtc } from '../../lib/time.ts';
import { Empty, ReportSection } from './ReportSection.tsx';

/** The train's versions with live instances per region, and its rollouts with their latest events. */
export function RolloutSection({ report, versions, rollouts }: { report: BoardReport; versions: ReportTable | undefined; rollouts: ReportTable | undefined }) {
  return (
    <ReportSection id="rollouts" title="Versions and rollouts" report={report} tables={[versions, rollouts]}>
      <h3>Versions of the train with live instances, per region</h3>
      {report.versions.length === 0 ? (
        <Empty>The train declares no component versions.</Empty>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">Component</th>
              <th scope="col">Version</th>
              {report.regions.map((r) => (
                <th scope="col" key={r} className="num">
                  {r}
                </th>
              ))}
              <th scope="col" className="num">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {report.versions.map((v) => (
              <tr key={`${v.component} ${v.version}`}>
                <td>{v.component}</td>
                <td className="mono">{v.version}</td>
                {report.regions.map((r) => (
                  <td key={r} className="num">
                    {v.instances[r] ?? 0}
                  </td>
                ))}
                <td className="num">{v.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Rollouts</h3>
      {report.rollouts.length === 0 ? (
        <Empty>No rollout towards this train's versions.</Empty>
      ) : (
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">Region</th>
              <th scope="col">Component</th>
              <th scope="col">From → to</th>
              <th scope="col">State</th>
              <th scope="col">Stage</th>
              <th scope="col">Last event</th>
            </tr>
          </thead>
          <tbody>
            {report.rollouts.map((r) => {
              const last = r.history.at(-1);
              return (
                <tr key={`${r.region} ${r.id}`}>
                  <td>{r.region}</td>
                  <td>{r.component}</td>
                  <td className="mono">
                    <span className="nowrap">{r.fromVersion}</span> → <span className="nowrap">{r.toVersion}</span>
                  </td>
                  <td className={`state-${r.state}`}>{r.state}</td>
                  <td>{r.stage}</td>
                  <td>{last ? `${last.event} by ${last.by}, ${formatUtc(last.at)}` : `started ${formatUtc(r.startedAt)}`}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </ReportSection>
  );
}

