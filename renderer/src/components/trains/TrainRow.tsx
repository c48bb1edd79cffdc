import { memo } from 'react';
import type { TrainRow as TrainRowData } from '../../../../shared/contract/trains.ts';
import type { TrainStage } from '../../../../shared/trains/schemas.ts';
import { count } from '../../lib/format.ts';
import { TrainDetails } from './TrainDetails.tsx';

const shortDate = (iso: string) => iso.slice(0, 10);
const shortTime = (iso: string) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;

function GateCell({ stage }: { stage: TrainStage }) {
  const perRegion = stage.regions.map((c) => `${c.region}: ${count(c.testsRun)} run, ${count(c.testsPassed)} passed, ${count(c.testsFailed)} failed at ${shortTime(c.at)} UTC`).join('\n');
  switch (stage.status) {
    case 'passed':
      return (
        <td className="gate-cell gate-passed" data-stage={stage.stage} data-gate="passed" title={perRegion}>
          ✓ {shortTime(stage.passedAt ?? '')} <span className="muted">· {count(stage.testsRun)}</span>
        </td>
      );
    case 'failed':
      return (
        <td className="gate-cell gate-failed" data-stage={stage.stage} data-gate="failed" title={perRegion}>
          ✗ {count(stage.testsFailed)} failed <span className="muted">of {count(stage.testsRun)}</span>
        </td>
      );
    case 'pending':
      return (
        <td className="gate-cell gate-pending" data-stage={stage.stage} data-gate="pending" title="Not reported yet">
          —
        </td>
      );
  }
}

interface Props {
  train: TrainRowData;
  expanded: boolean;
  onToggle(train: number): void;
}

/** One train: its gates in stage order, where it runs, blocked or the verdict for its next stage. */
export const TrainRow = memo(function TrainRow({ train, expanded, onToggle }: Props) {
  const instances = train.runsIn.reduce((n, r) => n + r.instances, 0);
  const columns = train.stages.length + 4;
  return (
    <>
      <tr className={train.blocked ? 'train-blocked' : undefined} data-train={train.train} data-blocked={train.blocked ? 'true' : 'false'}>
        <th scope="row">
          <button type="button" className="train-toggle" aria-expanded={expanded} onClick={() => onToggle(train.train)}>
            {expanded ? '▾' : '▸'} {train.trainName}
          </button>{' '}
          <span className="muted">#{train.train} · cut {shortDate(train.date)}</span>
        </th>
        {train.stages.map((s) => (
          <GateCell key={s.stage} stage={s} />
        ))}
        <td title={train.runsIn.map((r) => `${r.region}: ${count(r.instances)}`).join('\n')}>
          {instances === 0 ? <span className="muted">nowhere</span> : <>{count(instances)} <span className="muted">in {train.runsIn.map((r) => r.region).join(', ')}</span></>}
        </td>
        <td data-testid="train-status">
          {train.blocked ? (
            <span className="badge badge-blocked" title={train.blockedReasons.join('\n')}>blocked</span>
          ) : train.gate ? (
            <span className={train.gate.go ? 'gate-verdict-go' : 'gate-verdict-no-go'} title={train.gate.checks.map((c) => `${c.check}: ${c.sentence}`).join('\n')}>
              {train.gate.go ? 'GO' : 'NO-GO'} → {train.gate.stage}
            </span>
          ) : (
            <span className="ok-text">all gates passed</span>
          )}
        </td>
        <td>
          <a href={`#/report/${train.train}`}>Board report</a>
        </td>
      </tr>
      {expanded && (
        <tr className="train-details-row">
          <td colSpan={columns}>
            <TrainDetails train={train} />
          </td>
        </tr>
      )}
    </>
  );
});
