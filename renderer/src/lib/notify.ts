import type { Alert } from '../../../shared/contract/alerts.ts';

/** Where desktop notifications stand in this page: `unsupported` when the browser has no Notification API. */
export type NotifyPermission = 'unsupported' | 'default' | 'granted' | 'denied';

function api(): typeof Notification | null {
  return typeof window !== 'undefined' && 'Notification' in window && typeof window.Notification === 'function' ? window.Notification : null;
}

export function notificationPermission(): NotifyPermission {
  const N = api();
  if (!N) return 'unsupported';
  const p = N.permission;
  return p === 'granted' || p === 'denied' ? p : 'default';
}

/**
 * Asks for permission. Call it only from a user gesture (a click on "Enable desktop notifications"),
 * never on load: browsers ignore or penalise prompts nobody asked for. Never throws, never logs.
 */
export async function enableNotifications(): Promise<NotifyPermission> {
  const N = api();
  if (!N) return 'unsupported';
  if (N.permission !== 'default') return notificationPermission();
  try {
    // Older engines take a callback and return undefined; newer ones return a promise.
    const answer = await new Promise<NotificationPermission>((resolve) => {
      const maybe: unknown = N.requestPermission(resolve);
      if (maybe instanceof Promise) (maybe as Promise<NotificationPermission>).then(resolve, () => resolve(N.permission));
    });
    return answer === 'granted' || answer === 'denied' ? answer : 'default';
  } catch {
    return notificationPermission();
  }
}

/** Alerts already shown as notifications in this page, so a re-sent alert is not shown twice. */
const shown = new Set<string>();

/**
 * Shows a desktop notification for each critical alert that is active and not shown before —
 * only where the person granted permission. Returns how many were shown. Never throws.
 */
export function notifyNewCritical(alerts: readonly Alert[], onClick?: (alert: Alert) => void): number {
  const N = api();
  if (!N || N.permission !== 'granted') return 0;
  let count = 0;
  for (const alert of alerts) {
    if (alert.severity !== 'critical' || alert.state !== 'active' || shown.has(alert.id)) continue;
    shown.add(alert.id);
    try {
      const where = [alert.region, alert.component, alert.version].filter(Boolean).join(' · ');
      const notification = new N(`Critical: ${alert.title}`, {
        body: `${where}${alert.suggestion && alert.suggestion.step !== 'none' ? `\nSuggested: ${alert.suggestion.summary}` : ''}`,
        tag: `rcc-alert-${alert.id}`,
      });
      notification.onclick = () => {
        window.focus();
        onClick?.(alert);
        notification.close();
      };
      count += 1;
    } catch {
      // Some engines allow the API only from a service worker; the Alerts screen still shows it.
    }
  }
  return count;
}
