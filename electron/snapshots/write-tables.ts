import type Database from 'better-sqlite3';
import type { RegionToggles } from '../../shared/contract/index.ts';
import type { TelemetrySeries } from '../common/telemetry-source.ts';
import { encodePoints, insertSql, TableHasher, tableDef } from './format.ts';
import { writeEpisodes } from './report-tables.ts';
import { storedFleetStateText } from './stored-fleet-state.ts';
import type { CapturedState } from './sources.ts';

function insert(db: Database.Database, name: string): Database.Statement<unknown[]> {
  const def = tableDef(name);
  if (!def) throw new Error(`no snapshot table ${name}`);
  return db.prepare(insertSql(def));
}

/** UTF-8 byte order: SQLite's BINARY collation, the order a text key is read back and hashed in. */
const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/**
 * The fleet, verdict, toggles, alerts, rollouts, stage gates and version history captured at T.
 * Returns the regions table's hash, computed as its rows are written (in key order), so the
 * megabytes of fleet state are not read back to hash them.
 */
export function writeState(db: Database.Database, c: CapturedState): { rows: number; sha256: string } {
  const def = tableDef('regions');
  if (!def) throw new Error('no snapshot table regions');
  const regions = db.prepare(insertSql(def));
  const hasher = new TableHasher(def);
  const rows: Array<{ id: string; position: number; status: object; toggles: RegionToggles | undefined }> = c.statuses.map((status, position) => ({ id: status.id, position, status, toggles: c.toggles.get(status.id) }));
  // A region with data but no status (not expected) would be lost on open: keep it with a synthetic one.
  for (const [id, state] of c.states) {
    if (c.statuses.some((s) => s.id === id)) continue;
    rows.push({ id, position: rows.length, status: { id, name: state.region.name, baseUrl: '', insecure: false, state: 'connected', breaker: 'closed', lastGoodAt: null, revision: state.revision, lastError: null }, toggles: undefined });
  }
  for (const row of rows.sort((a, b) => byBytes(a.id, b.id))) {
    const state = c.states.get(row.id);
    const values = [row.id, row.position, JSON.stringify(row.status), state ? storedFleetStateText(state) : null, row.toggles?.source ?? 'native', row.toggles?.problem ?? null];
    regions.run(values);
    hasher.row(values);
  }
  const regionsHash = { rows: hasher.rows, sha256: hasher.digest() };

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
  writeEpisodes(db, c.episodes);
  return regionsHash;
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
