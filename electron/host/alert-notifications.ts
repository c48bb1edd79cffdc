import type { EventPayload } from '../../shared/contract/index.ts';

/** The desktop notifications an `alerts.changed` event deserves: one per critical alert just raised. */
export function alertNotifications(payload: EventPayload<'alerts.changed'>): Array<{ title: string; body: string }> {
  return payload.changed
    .filter((a) => a.severity === 'critical' && a.state === 'active' && a.firstSeen === a.lastSeen)
    .map((a) => ({ title: `Critical alert in ${a.region}`, body: a.suggestion ? `${a.title}\nFirst response: ${a.suggestion.summary}` : a.title }));
}
