import type { CanaryJudgement, SignalJudgement } from '../../../../shared/contract/telemetry.ts';
import { formatNumber, formatSignal, SIGNAL_DISPLAY } from './signal-format.ts';

/** "p < 0.001", "p = 0.03": what a reader of the judgement needs, not fifteen digits. */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** The effect in the signal's terms: relative for error ratio and latency ("+312 %"), absolute points for health. */
export function formatEffect(j: Pick<SignalJudgement, 'signal' | 'effect'>, value = j.effect): string {
  if (j.signal === 'health') return `${value >= 0 ? '+' : '−'}${formatNumber(Math.abs(value) * 100)} pt`;
  // A relative shift of +3,850 % reads better as the ratio it is: 39.5×.
  if (value >= 9) return `${formatNumber(value + 1)}×`;
  return `${value >= 0 ? '+' : '−'}${formatNumber(Math.abs(value) * 100)} %`;
}

/** The verdict of a rollout's canary against its baseline, with the numbers that decided it. */
export function CanaryVerdict({ judgement, compact = false }: { judgement: CanaryJudgement; compact?: boolean }) {
  const { verdict } = judgement;
  const decisive = judgement.signals.filter((s) => s.verdict !== 'pass');
  const title = `${judgement.component} ${judgement.canary.version} against ${judgement.baseline.version} in ${judgement.region}`;
  return (
    <div className={`canary-verdict verdict-${verdict ?? 'none'}`} data-verdict={verdict ?? 'none'} data-region={judgement.region} data-component={judgement.component}>
      <div className="verdict-head">
        <span className={`badge verdict-badge verdict-${verdict ?? 'none'}`} aria-label={`Canary verdict: ${verdict ?? 'not judged'}`}>
          canary {verdict ?? 'not judged'}
        </span>
        <span>
          <code>{judgement.canary.version}</code> vs baseline <code>{judgement.baseline.version}</code> in {judgement.region}
        </span>
        {compact && decisive.length > 0 && (
          <span className="muted">
            {decisive.map((s) => `${SIGNAL_DISPLAY[s.signal].label} ${formatEffect(s)} (${formatP(s.pValue)})`).join(' · ')}
          </span>
        )}
      </div>
      {judgement.problem && <p className="warn-text verdict-problem">{judgement.problem}</p>}
      {!compact && judgement.signals.length > 0 && (
        <table className="data-table verdict-table" aria-label={`Canary judgement: ${title}`}>
          <thead>
            <tr>
              <th>Signal</th><th>Verdict</th><th className="num">Baseline median</th><th className="num">Canary median</th><th className="num">Effect</th><th className="num">Marginal / fail at</th><th className="num">p-value</th><th className="num">Samples</th>
            </tr>
          </thead>
          <tbody>
            {judgement.signals.map((s) => (
              <tr key={s.signal} data-signal={s.signal} data-verdict={s.verdict} title={s.reason}>
                <td>{SIGNAL_DISPLAY[s.signal].label}</td>
                <td><span className={`badge verdict-badge verdict-${s.verdict}`}>{s.verdict}</span></td>
                <td className="num">{formatSignal(s.signal, s.baselineMedian)}</td>
                <td className="num">{formatSignal(s.signal, s.canaryMedian)}</td>
                <td className="num">{formatEffect(s)}</td>
                <td className="num muted">{formatEffect(s, s.marginalAt)} / {formatEffect(s, s.failAt)}</td>
                <td className="num">{formatP(s.pValue)}</td>
                <td className="num muted">{s.baselineCount} / {s.canaryCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!compact && decisive.length > 0 && (
        <ul className="verdict-reasons">
          {decisive.map((s) => <li key={s.signal}>{s.reason}</li>)}
        </ul>
      )}
    </div>
  );
}
