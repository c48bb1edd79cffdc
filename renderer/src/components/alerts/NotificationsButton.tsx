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
  if (permission !== 'default') return <span className="muted notify-status" data-permission={permission}>{STATUS[permission]}</span>;
  return (
    <button
      type="button"
      className="small"
      disabled={asking}
      data-permission={permission}
      onClick={() => {
        setAsking(true);
        void enableNotifications().then((next) => {
          setPermission(next);
          setAsking(false);
        });
      }}
    >
      Enable desktop notifications
    </button>
  );
}
