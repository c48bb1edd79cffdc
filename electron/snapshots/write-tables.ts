import type Database from 'better-sqlite3';
import type { TelemetrySeries } from '../common/telemetry-source.ts';
import { encodePoints, insertSql, tableDef } from './format.ts';
import type { CapturedState } from './sources.ts';

function insert(db: Database.Database, name: string): Database.Statement<unknown[]> {
  const def = tableDef(name);
  if (!def) throw new Error(`no snapshot table ${name}`);
  return db.prepare(insertSql(def));
}

/** The fleet, verdict, toggles, alerts, rollouts, stage gates and version history captured at T. */
export function writeState(db: Database.Database, c: CapturedState): void {
  const regions = insert(db, 'regions');
  c.statuses.forEach((status, position) => {
    const state = c.states.get(status.id);
    const toggles = c.toggles.get(status.id);
    regions.run(status.id, position, JSON.stringify(status), state ? JSON.stringify(state) : null, toggles?.source ?? 'native', toggles?.problem ?? null);
  });
  // A region with data but no status (not expected) would be lost on open: keep it with a synthetic one.
  for (const [id, state] of c.states) {
    if (c.statuses.some((s) => s.id === id)) continue;
    const status = { id, name: state.region.name, baseUrl: '', insecure: false, state: 'connected', breaker: 'closed', lastGoodAt: null, revision: state.revision, lastError: null };
    regions.run(id, c.statuses.length, JSON.stringify(status), JSON.stringify(state), 'native', null);
  }

  const { violations, ...verdict } = c.verdict;
  insert(db, 'verdict').run(1, JSON.stringify(verdict));
  const violation = insert(db, 'violations');
  violations.forEach((v, position) => violation.run(position, v.id, v.rule, JSON.stringify(v)));

  const toggle = insert(db, 'toggles');
  const rollout = insert(db, 'rollouts');
  const gate = insert(db, 'stage_gates');
  for (const [region, state] of c.states) {
    for (const t of state.toggles) toggle.run(region, t.key, t.state, JSON.stringify(t));
    for (const r of state.rollouts) rollout.run(region, r.id, r.component, r.state, JSON.stringify(r));
    state.stageGates.forEach((g, position) => gate.run(region, position, g.train, g.stage, JSON.stringify(g)));
  }

  const alert = insert(db, 'alerts');
  c.alerts.forEach((a, position) => alert.run(position, a.id, a.state, JSON.stringify(a)));

  const history = insert(db, 'version_history');
  for (const [component, points] of c.history) history.run(component, JSON.stringify(points));
}

/** The writer `captureTelemetry` hands each series to. */
export function writeTelemetrySeries(db: Database.Database): (regionId: string, series: TelemetrySeries, step: number) => void {
  const statement = insert(db, 'telemetry');
  // One buffer for every series: SQLite copies what it is given, so nothing per series waits for the GC.
  let scratch = Buffer.allocUnsafe(64 * 1024);
  return (regionId, series, step) => {
    if (scratch.length < series.points.length * 16) scratch = Buffer.allocUnsafe(series.points.length * 16);
    statement.run(regionId, series.component, series.version, series.signal, step, series.points.length, encodePoints(series.points, scratch));
  };
}
