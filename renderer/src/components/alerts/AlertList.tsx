import type { Alert } from '../../../../shared/contract/alerts.ts';
import { useNow } from '../../lib/use-now.ts';
import { AlertCard } from './AlertCard.tsx';
import './alerts.css';

/** Alerts, critical first, then newest first (the order the main process sends within a severity). */
export function AlertList({ alerts, empty }: { alerts: readonly Alert[]; empty: string }) {
  const now = useNow(5_000);
  if (alerts.length === 0) return <p className="muted alerts-empty">{empty}</p>;
  const sorted = [...alerts].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1));
  return (
    <ul className="alert-list" aria-label="Alerts">
      {sorted.map((a) => (
        <li key={a.id}>
          <AlertCard alert={a} now={now} />
        </li>
      ))}
    </ul>
  );
}
