import { useState } from 'react';
import { AlertList } from '../components/alerts/AlertList.tsx';
import { NotificationsButton } from '../components/alerts/NotificationsButton.tsx';
import { useAlerts, type AlertFilter } from '../components/alerts/use-alerts.ts';

const FILTERS: { id: AlertFilter; label: string; empty: string }[] = [
  { id: 'open', label: 'Open', empty: 'No open alert: nothing active or acknowledged.' },
  { id: 'active', label: 'Active', empty: 'No active alert.' },
  { id: 'acknowledged', label: 'Acknowledged', empty: 'No acknowledged alert.' },
  { id: 'resolved', label: 'Resolved', empty: 'No resolved alert in the history.' },
  { id: 'all', label: 'All', empty: 'No alert yet.' },
];

/** Alerts raised by the main process's rules: active, acknowledged and resolved, each with its suggested first response. */
export function AlertsScreen() {
  const [filter, setFilter] = useState<AlertFilter>('open');
  const alerts = useAlerts(filter);
  const counts = alerts.data?.counts;
  const current = FILTERS.find((f) => f.id === filter)!;
  return (
    <section className="screen alerts-screen" aria-labelledby="alerts-title">
      <header className="screen-header">
        <h1 id="alerts-title">Alerts</h1>
      </header>
      <p className="muted summary-line">
        Rules evaluated continuously on every region's telemetry. Each alert suggests a first response from the escalation ladder — the toggle that gates the change, else a rollback of the component, else of the schema — with its what-if verdict.
      </p>
      <div className="alerts-toolbar">
        <div className="segmented" role="group" aria-label="Alert state">
          {FILTERS.map((f) => (
            <button key={f.id} type="button" aria-pressed={filter === f.id} onClick={() => setFilter(f.id)}>
              {f.label}
              {counts && f.id === 'active' ? ` (${counts.active})` : ''}
              {counts && f.id === 'acknowledged' ? ` (${counts.acknowledged})` : ''}
            </button>
          ))}
        </div>
        {counts && (
          <span role="status" data-testid="alert-counts" className={counts.critical > 0 ? 'error-text' : 'muted'}>
            {counts.active} active ({counts.critical} critical) · {counts.acknowledged} acknowledged
          </span>
        )}
        <span className="notify">
          <NotificationsButton />
        </span>
      </div>
      {alerts.isPending && <p aria-busy="true">Loading alerts…</p>}
      {alerts.isError && <p role="alert">Could not list alerts: {alerts.error.message}</p>}
      {alerts.data && <AlertList alerts={alerts.data.alerts} empty={current.empty} />}
    </section>
  );
}
