import type Database from 'better-sqlite3';
import { Alert } from '../../shared/contract/alerts.ts';
import { ConsoleError } from '../common/console-error.ts';
import { firstIssue } from './zod-issue.ts';

type Db = Database.Database;
type Statement = Database.Statement<unknown[], unknown>;

/** `alerts.list`'s states: 'open' is active or acknowledged. */
export type AlertStateFilter = 'open' | 'active' | 'acknowledged' | 'resolved' | 'all';

const NEWEST_FIRST = 'ORDER BY last_seen DESC, id DESC';

/** Alerts by id: the validated JSON, with its state and times as indexed columns. */
export class AlertTable {
  private readonly sql: Record<'upsert' | 'all' | 'open' | 'state' | 'one' | 'prune' | 'cap', Statement>;

  constructor(
    db: Db,
    private readonly problem: (message: string) => void,
  ) {
    const prepare = (sql: string) => db.prepare(sql) as Statement;
    this.sql = {
      upsert: prepare(
        `INSERT INTO alerts (id, state, last_seen, resolved_at, alert) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, last_seen = excluded.last_seen, resolved_at = excluded.resolved_at, alert = excluded.alert`,
      ),
      all: prepare(`SELECT id, state, alert FROM alerts ${NEWEST_FIRST}`).raw(),
      open: prepare(`SELECT id, state, alert FROM alerts WHERE state IN ('active', 'acknowledged') ${NEWEST_FIRST}`).raw(),
      state: prepare(`SELECT id, state, alert FROM alerts WHERE state = ? ${NEWEST_FIRST}`).raw(),
      one: prepare('SELECT id, state, alert FROM alerts WHERE id = ?').raw(),
      prune: prepare("DELETE FROM alerts WHERE state = 'resolved' AND coalesce(resolved_at, last_seen) < ?"),
      cap: prepare(`DELETE FROM alerts WHERE id IN (SELECT id FROM alerts WHERE state = 'resolved' ${NEWEST_FIRST} LIMIT -1 OFFSET ?)`),
    };
  }

  upsert(alert: Alert): void {
    const parsed = Alert.safeParse(alert);
    if (!parsed.success) {
      const { text, path } = firstIssue(parsed.error);
      throw new ConsoleError('invalid-input', `alert ${JSON.stringify(alert.id)}: ${text}`, { path });
    }
    const a = parsed.data;
    this.sql.upsert.run(a.id, a.state, Date.parse(a.lastSeen), a.resolvedAt === null ? null : Date.parse(a.resolvedAt), JSON.stringify(a));
  }

  /** Newest `lastSeen` first; at most `limit` (all when undefined). */
  list(state: AlertStateFilter, limit?: number): Alert[] {
    const max = limit === undefined ? Number.POSITIVE_INFINITY : Math.floor(limit);
    const alerts: Alert[] = [];
    if (!(max > 0)) return alerts;
    const rows = state === 'all' || state === 'open' ? this.sql[state].iterate() : this.sql.state.iterate(state);
    for (const row of rows as Iterable<Row>) {
      const alert = this.read(row);
      if (alert) alerts.push(alert);
      if (alerts.length >= max) break;
    }
    return alerts;
  }

  get(id: string): Alert | null {
    const row = this.sql.one.get(id) as Row | undefined;
    return row ? this.read(row) : null;
  }

  /** Drops resolved alerts resolved before `cutoffMs`, and the oldest beyond `maxResolved`. */
  prune(cutoffMs: number, maxResolved: number): void {
    this.sql.prune.run(cutoffMs);
    this.sql.cap.run(Math.max(0, Math.floor(maxResolved)));
  }

  private read([id, state, text]: Row): Alert | null {
    let why: string;
    try {
      const parsed = Alert.safeParse(JSON.parse(text));
      if (!parsed.success) why = firstIssue(parsed.error).text;
      else if (parsed.data.id !== id || parsed.data.state !== state) why = `its JSON (id ${parsed.data.id}, ${parsed.data.state}) does not match its columns`;
      else return parsed.data;
    } catch (error) {
      why = error instanceof Error ? error.message : String(error);
    }
    this.problem(`alert ${JSON.stringify(id)} skipped: ${why}`);
    return null;
  }
}

type Row = [id: string, state: string, alert: string];
