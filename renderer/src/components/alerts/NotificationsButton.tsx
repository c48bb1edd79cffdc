import { useState } from 'react';
import { enableNotifications, notificationPermission, type NotifyPermission } from '../../lib/notify.ts';

const STATUS: Record<Exclude<NotifyPermission, 'default'>, string> = {
  granted: 'Desktop notifications on for new critical alerts',
  denied: 'Desktop notifications are blocked for this page (browser settings)',
  unsupported: 'Desktop notifications are not available here',
};

/** Asks for notification permission only when clicked (a user gesture), never on load. */
export function NotificationsButton() {
  const [permission, setPermission] = useState<NotifyPermission>(() => notificationPermission());
  const [asking, setAsking] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  if (permission !== 'default') return <span className="muted notify-status" data-permission={permission}>{STATUS[permission]}</span>;
  return (
    <>
      {dismissed && <span className="muted notify-status" data-permission="default">Not enabled: the browser's prompt was dismissed. </span>}
      <button
        type="button"
        className="small"
        disabled={asking}
        onClick={() => {
          setAsking(true);
          void enableNotifications().then((next) => {
            setPermission(next);
            setDismissed(next === 'default');
            setAsking(false);
          });
        }}
      >
        Enable desktop notifications
      </button>
    </>
  );
}
