import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SnapshotManifest } from '../../../shared/contract/index.ts';
import { encodePoints, insertSql, SCHEMA_SQL, tableDef } from '../../../electron/snapshots/format.ts';
import { SnapshotTelemetrySource } from '../../../electron/snapshots/snapshot-telemetry.ts';

const T = 1_800_000_000;
const STEP = 5;
let db: Database.Database;

const telemetry = (problems: SnapshotManifest['telemetry']['problems'] = []): SnapshotManifest['telemetry'] => ({
  from: new Date((T - 600) * 1000).toISOString(),
  to: new Date(T * 1000).toISOString(),
  windowSeconds: 600,
  stepSeconds: STEP,
  series: 3,
  points: 0,
  capped: null,
  problems,
});

/** value = t / 1000 + a per-series offset: any point can be checked. */
const grid = (offset: number): Array<[number, number]> => Array.from({ length: 600 / STEP + 1 }, (_, i) => [T - 600 + i * STEP, (T - 600 + i * STEP) / 1000 + offset]);

beforeEach(() => {
  db = new Database(':memory:');
  db.exec(SCHEMA_SQL);
  const insert = db.prepare(insertSql(tableDef('telemetry')!));
  insert.run('us-east', 'search', '2.0', 'error_rate', STEP, 121, encodePoints(grid(1)));
  insert.run('us-east', 'search', '1.0', 'error_rate', STEP, 121, encodePoints(grid(2)));
  insert.run('us-east', 'viewer', '7.1', 'error_rate', STEP, 121, encodePoints(grid(3)));
  insert.run('eu-west', 'search', '2.0', 'error_rate', STEP, 121, encodePoints(grid(4)));
});
afterEach(() => db.close());

describe('SnapshotTelemetrySource', () => {
  it('answers a step that is a multiple of the stored one with the stored points on its grid, inside the range', async () => {
    const source = new SnapshotTelemetrySource(db, 'us-east', 'prometheus', 'x.rccsnap', telemetry());
    expect(source.kind).toBe('prometheus');
    expect(source.minStepSeconds).toBe(STEP);
    const result = await source.query({ signal: 'error_rate', from: T - 300, to: T, stepSeconds: 60 });
    expect(result.warnings).toEqual([]);
    expect(result.series.map((s) => `${s.component}@${s.version}`)).toEqual(['search@1.0', 'search@2.0', 'viewer@7.1']);
    const points = result.series[1]?.points ?? [];
    expect(points.map(([t]) => t)).toEqual([0, 1, 2, 3, 4, 5].map((i) => T - 300 + i * 60));
    expect(points[0]?.[1]).toBe((T - 300) / 1000 + 1);
  });

  it('narrows to a component and a version, and knows nothing of other regions or signals', async () => {
    const source = new SnapshotTelemetrySource(db, 'us-east', 'native', 'x.rccsnap', telemetry());
    const one = await source.query({ signal: 'error_rate', from: T - 60, to: T, stepSeconds: STEP, component: 'search', version: '2.0' });
    expect(one.series.map((s) => [s.component, s.version, s.points.length])).toEqual([['search', '2.0', 13]]);
    expect((await source.query({ signal: 'health', from: T - 60, to: T, stepSeconds: STEP })).series).toEqual([]);
    expect((await source.query({ signal: 'error_rate', from: T - 60, to: T, stepSeconds: STEP, component: 'nothing' })).series).toEqual([]);
  });

  it('answers a finer or unaligned step with the stored points it has, at least a step apart', async () => {
    const source = new SnapshotTelemetrySource(db, 'us-east', 'native', 'x.rccsnap', telemetry());
    const fine = await source.query({ signal: 'error_rate', from: T - 20, to: T, stepSeconds: 1, component: 'viewer' });
    expect(fine.series[0]?.points.map(([t]) => t)).toEqual([T - 20, T - 15, T - 10, T - 5, T]);
    const odd = await source.query({ signal: 'error_rate', from: T - 30, to: T, stepSeconds: 7, component: 'viewer' });
    expect(odd.series[0]?.points.map(([t]) => t)).toEqual([T - 30, T - 20, T - 10, T]);
  });

  it('fails a query that failed when the snapshot was taken with the same message, and repeats warnings', async () => {
    const source = new SnapshotTelemetrySource(
      db,
      'us-east',
      'native',
      'x.rccsnap',
      telemetry([
        { region: 'us-east', source: 'native', query: 'q', message: 'us-east native telemetry: timeout (query: q)', signal: 'latency_p95', failed: true },
        { region: 'us-east', source: 'native', query: 'q', message: 'partial data from one shard', signal: 'error_rate', failed: false },
        { region: 'eu-west', source: 'native', query: 'q', message: 'not ours', signal: 'health', failed: true },
      ]),
    );
    await expect(source.query({ signal: 'latency_p95', from: T - 60, to: T, stepSeconds: STEP })).rejects.toThrow('us-east native telemetry: timeout (query: q)');
    expect((await source.query({ signal: 'error_rate', from: T - 60, to: T, stepSeconds: STEP })).warnings).toEqual(['partial data from one shard']);
    expect((await source.query({ signal: 'health', from: T - 60, to: T, stepSeconds: STEP })).series).toEqual([]);
    expect(source.describe({ signal: 'health', from: 1, to: 2, stepSeconds: 5, component: 'c' })).toBe('snapshot x.rccsnap: us-east health c@* from 1 to 2 step 5');
  });
});
