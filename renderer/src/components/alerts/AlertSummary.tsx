import { useUi } from '../../state/ui-store.ts';
import { useAlertCounts } from './use-alerts.ts';
import './alerts.css';

/** The overview's line of alert counts, with the way to the Alerts screen. */
export function AlertSummary() {
  const { counts, isError, error } = useAlertCounts();
  const navigate = useUi((s) => s.navigate);
  const tone = !counts ? '' : counts.critical > 0 ? ' alerts-critical' : counts.active > 0 ? ' alerts-active' : ' alerts-quiet';
  return (
    <p className={`alert-summary${tone}`} data-testid="alert-summary" data-active={counts?.active} data-critical={counts?.critical}>
      <strong>Alerts</strong>{' '}
      {counts ? (
        <>
          {counts.active} active (<span className="count-critical">{counts.critical} critical</span>) · {counts.acknowledged} acknowledged
        </>
      ) : isError ? (
        <span className="muted">unavailable: {error?.message}</span>
      ) : (
        <span className="muted">…</span>
      )}{' '}
      <button type="button" className="link" onClick={() => navigate({ screen: 'alerts' })}>Open alerts →</button>
    </p>
  );
}
