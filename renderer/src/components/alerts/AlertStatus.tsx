import { useUi } from '../../state/ui-store.ts';
import { useAlertCounts } from './use-alerts.ts';
import './alerts.css';

/** The status bar's alert pill: active and critical counts; opens the Alerts screen. Hidden until counts arrive. */
export function AlertStatus() {
  const { counts } = useAlertCounts();
  const navigate = useUi((s) => s.navigate);
  if (!counts) return null;
  const tone = counts.critical > 0 ? 'critical' : counts.active > 0 ? 'active' : 'quiet';
  return (
    <button
      type="button"
      className={`alert-pill alert-pill-${tone}`}
      data-testid="alert-status"
      data-active={counts.active}
      data-critical={counts.critical}
      aria-label={`Alerts: ${counts.active} active, ${counts.critical} critical. Open alerts`}
      title={`${counts.active} active (${counts.critical} critical) · ${counts.acknowledged} acknowledged`}
      onClick={() => navigate({ screen: 'alerts' })}
    >
      <span className="dot" aria-hidden="true" /> {counts.critical > 0 ? `${counts.critical} critical` : counts.active > 0 ? `${counts.active} alert${counts.active === 1 ? '' : 's'}` : 'no alerts'}
    </button>
  );
}
