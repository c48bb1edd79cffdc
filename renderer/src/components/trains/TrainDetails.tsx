import type { TrainRow } from '../../../../shared/contract/trains.ts';
import { count, plural } from '../../lib/format.ts';

const time = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** A train opened: its gate verdict with each reason, tests per stage and region, rollouts and canary judgements. */
export function TrainDetails({ train }: { train: TrainRow }) {
  const regions = [...new Set(train.stages.flatMap((s) => s.regions.map((c) => c.region)))];
  const inFlight = train.rollouts.filter((r) => r.state !== 'completed');
  return (
    <div className="train-details" data-testid={`train-details-${train.train}`}>
      {train.blocked && (
        <p className="blocked-note" role="note">
          <strong className="error-text">Blocked:</strong> {train.blockedReasons.join('; ')}. A single failure anywhere stops the release; resuming its rollouts needs an override.
        </p>
      )}
      {train.gate && (
        <section aria-label={`Gate verdict for ${train.trainName}`}>
          <p className="gate-question">
            <strong>May {train.trainName} go to {train.gate.stage}?</strong>{' '}
            <span className={train.gate.go ? 'gate-verdict-go' : 'gate-verdict-no-go'}>{train.gate.go ? 'GO' : 'NO-GO'}</span>{' '}
            <span className="muted">(as <code>rcc gate --train {train.trainName} --stage {train.gate.stage}</code>)</span>
          </p>
          <ul>
            {train.gate.checks.map((c) => (
              <li key={c.check} className={`check-${c.outcome}`}>
                <strong>{c.outcome === 'fail' ? 'fail' : c.outcome === 'pass' ? 'pass' : 'skipped'}</strong> · {c.check}: {c.sentence}
                {c.details.length > 0 && (
                  <ul>
                    {c.details.slice(0, 8).map((d) => <li key={d}>{d}</li>)}
                    {c.details.length > 8 && <li className="muted">+{c.details.length - 8} more</li>}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <table className="data-table" aria-label={`Tests per stage and region for ${train.trainName}`}>
        <thead>
          <tr>
            <th>Stage</th>
            {regions.map((r) => <th key={r}>{r}: run / passed / failed</th>)}
            <th>Gate passed</th>
          </tr>
        </thead>
        <tbody>
          {train.stages.map((s) => (
            <tr key={s.stage} data-status={s.status === 'failed' ? 'violation' : undefined}>
              <td>{s.stage}</td>
              {regions.map((r) => {
                const c = s.regions.find((x) => x.region === r);
                return <td key={r} className={c && c.testsFailed > 0 ? 'gate-failed' : undefined}>{c ? `${count(c.testsRun)} / ${count(c.testsPassed)} / ${count(c.testsFailed)}` : '—'}</td>;
              })}
              <td>{s.passedAt ? time(s.passedAt) : s.status === 'failed' ? <span className="error-text">failed</span> : <span className="muted">not yet</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <strong>Rollouts:</strong> {train.rollouts.length === 0 ? <span className="muted">none reported</span> : <>{plural(train.rollouts.length, 'rollout')}, {inFlight.length} in flight</>}
      </p>
      {inFlight.length > 0 && (
        <ul>
          {inFlight.slice(0, 12).map((r) => (
            <li key={`${r.region}/${r.id}`} data-rollout={r.id}>
              {r.region} <a href={`#/component/${encodeURIComponent(r.component)}`}>{r.component}</a> <code>{r.fromVersion}</code> → <code>{r.toVersion}</code>{' '}
              <span className={`badge badge-rollout-${r.state}`}>{r.state}</span> <span className="muted">stage {r.stage} of {r.stages}</span>
            </li>
          ))}
          {inFlight.length > 12 && <li className="muted">+{inFlight.length - 12} more</li>}
        </ul>
      )}
      <p>
        <strong>Canary judgements:</strong>{' '}
        {train.judgements.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          (['fail', 'marginal', 'pass'] as const).map((v) => `${train.judgements.filter((j) => j.verdict === v).length} ${v}`).join(' · ') +
          ` · ${train.judgements.filter((j) => j.verdict === null).length} not judged`
        )}
      </p>
      {train.judgements.some((j) => j.verdict === 'fail') && (
        <ul>
          {train.judgements.filter((j) => j.verdict === 'fail').map((j) => (
            <li key={j.rolloutId} className="check-fail">{j.region} {j.component} <code>{j.version}</code>: fail</li>
          ))}
        </ul>
      )}
      <p className="muted">
        Violations during its rollout, alerts and actions on it: <a href={`#/report/${train.train}`}>board report for {train.trainName}</a>.
      </p>
    </div>
  );
}
