import type { Alert, AlertCounts } from '../../shared/contract/index.ts';
import type { AlertCandidate } from '../../shared/telemetry/alert-rules.ts';

/** Where alerts are kept across restarts (the history store), or an in-memory stand-in. */
export interface AlertHistory {
  upsertAlert(alert: Alert): void;
  alerts(filter: { state: 'open' | 'active' | 'acknowledged' | 'resolved' | 'all'; limit: number }): Alert[];
  openAlerts(): Alert[];
  alert(id: string): Alert | null;
}

/** Evaluations in a row without the condition before an open alert resolves (hysteresis against flapping). */
export const RESOLVE_AFTER_MISSES = 2;

export interface OpenAlert {
  key: string;
  alert: Alert;
  misses: number;
}

export function counts(open: Iterable<OpenAlert>): AlertCounts {
  const c = { active: 0, acknowledged: 0, critical: 0 };
  for (const { alert } of open) {
    if (alert.state === 'active') c.active++;
    if (alert.state === 'acknowledged') c.acknowledged++;
    if (alert.severity === 'critical') c.critical++;
  }
  return c;
}

/** A new alert from a candidate seen for the first time at `at`. */
export function raise(candidate: AlertCandidate, at: string): Alert {
  return {
    id: `${candidate.key}|${at}`,
    rule: candidate.rule,
    severity: candidate.severity,
    state: 'active',
    region: candidate.region,
    component: candidate.component,
    version: candidate.version,
    title: candidate.title,
    firstSeen: at,
    lastSeen: at,
    resolvedAt: null,
    acknowledged: null,
    evidence: candidate.evidence,
    suggestion: null,
  };
}

/** The key of an alert id (`<key>|<first seen>`). */
export function keyOf(id: string): string {
  return id.slice(0, id.lastIndexOf('|'));
}

/** Bounded in-memory alert history, for when the history store cannot be opened. */
export class MemoryAlertHistory implements AlertHistory {
  private readonly byId = new Map<string, Alert>();
  constructor(private readonly cap = 1_000) {}

  upsertAlert(alert: Alert): void {
    this.byId.delete(alert.id);
    this.byId.set(alert.id, alert);
    for (const [id, a] of this.byId) {
      if (this.byId.size <= this.cap) break;
      if (a.state === 'resolved') this.byId.delete(id);
    }
  }

  alerts({ state, limit }: { state: 'open' | 'active' | 'acknowledged' | 'resolved' | 'all'; limit: number }): Alert[] {
    const match = (a: Alert) => state === 'all' || a.state === state || (state === 'open' && a.state !== 'resolved');
    return [...this.byId.values()].filter(match).sort((a, b) => b.lastSeen.localeCompare(a.lastSeen)).slice(0, limit);
  }

  openAlerts(): Alert[] {
    return this.alerts({ state: 'open', limit: this.cap });
  }

  alert(id: string): Alert | null {
    return this.byId.get(id) ?? null;
  }
}
