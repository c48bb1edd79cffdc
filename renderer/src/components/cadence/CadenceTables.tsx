import type { CadenceSummary } from '../../../../shared/cadence/schemas.ts';
import { formatUtc } from '../../lib/time.ts';

/** Per region: releases in the period, per week, and weeks that met the target. */
export function RegionFrequencyTable({ summary }: { summary: CadenceSummary }) {
  return (
    <table className="data-table" aria-label="Releases per region">
      <thead>
        <tr>
          <th>Region</th>
          <th className="num">Releases</th>
          <th className="num">Per week</th>
          <th className="num">Weeks on target (≥ {summary.weeklyTarget})</th>
        </tr>
      </thead>
      <tbody>
        {summary.frequency.byRegion.map((r) => (
          <tr key={r.region} data-region={r.region}>
            <td>{r.region}</td>
            <td className="num">{r.releases}</td>
            <td className={`num ${r.perWeek >= summary.weeklyTarget ? 'ok-text' : 'warn-text'}`}>{r.perWeek.toFixed(2)}</td>
            <td className="num">
              {r.weeksOnTarget} of {r.weeks.length}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The failures behind the change-failure rate, newest first. */
export function FailureTable({ summary }: { summary: CadenceSummary }) {
  const failures = [...summary.changeFailure.failures].sort((a, b) => b.detectedAt.localeCompare(a.detectedAt));
  if (failures.length === 0) return <p className="muted">No train needed a rollback or a toggle-off in this period.</p>;
  return (
    <table className="data-table" aria-label="Failed releases">
      <thead>
        <tr>
          <th>Train</th>
          <th>Region</th>
          <th>Remedy</th>
          <th>Detected (UTC)</th>
          <th>Restored (UTC)</th>
        </tr>
      </thead>
      <tbody>
        {failures.map((f) => (
          <tr key={`${f.train}/${f.region}`}>
            <td>{f.name}</td>
            <td>{f.region}</td>
            <td>{f.action}</td>
            <td>{formatUtc(f.detectedAt)}</td>
            <td>
              {f.restoredAt ? formatUtc(f.restoredAt) : f.source === 'audit' ? <span className="muted">run from this console (restore from its alerts)</span> : <span className="warn-text">not restored</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
