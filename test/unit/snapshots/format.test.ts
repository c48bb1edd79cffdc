import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { canonicalText, CONTENT_TABLES, decodePoints, encodePoints, hashTable, insertSql, manifestHash, PAGE_SIZE, SCHEMA_SQL, TableHasher, tableDef, type TableDef } from '../../../electron/snapshots/format.ts';

const def = (name = 't', columns: TableDef['columns'] = [['k', 'TEXT'], ['v', 'TEXT', 'null']]): TableDef => ({ name, columns, key: ['k'] });

function hashOf(rows: unknown[][], d = def()): string {
  const h = new TableHasher(d);
  for (const r of rows) h.row(r);
  return h.digest();
}

describe('snapshot format: canonical table hashes', () => {
  it('is deterministic and changes with any value, the row order, a type, the table or a column name', () => {
    const rows = [['a', 'one'], ['b', null]];
    const base = hashOf(rows);
    expect(hashOf(rows)).toBe(base);
    expect(hashOf([['a', 'one'], ['b', 'null']])).not.toBe(base);
    expect(hashOf([['b', null], ['a', 'one']])).not.toBe(base);
    expect(hashOf([['a', 'onf'], ['b', null]])).not.toBe(base);
    expect(hashOf([['a', 1], ['b', null]])).not.toBe(hashOf([['a', '1'], ['b', null]]));
    expect(hashOf(rows, def('u'))).not.toBe(base);
    expect(hashOf(rows, def('t', [['k', 'TEXT'], ['w', 'TEXT', 'null']]))).not.toBe(base);
  });

  it('length-prefixes text and blobs, so shifting bytes between values changes the hash', () => {
    expect(hashOf([['ab', 'c']])).not.toBe(hashOf([['a', 'bc']]));
    expect(hashOf([[Buffer.from([1, 2]), Buffer.from([3])]])).not.toBe(hashOf([[Buffer.from([1]), Buffer.from([2, 3])]]));
    const blob = def('t', [['k', 'TEXT'], ['v', 'BLOB']]);
    expect(hashOf([['x', Buffer.from('y')]], blob)).not.toBe(hashOf([['x', Buffer.from('y')]]));
    // Text is hashed as its UTF-8 bytes, however it was read.
    expect(hashOf([['x', Buffer.from('ÿ€', 'utf8')]])).toBe(hashOf([['x', 'ÿ€']]));
  });

  it('hashes values larger than its buffer the same way as the database reads them back', () => {
    const db = new Database(':memory:');
    db.exec(SCHEMA_SQL);
    const telemetry = tableDef('telemetry')!;
    const big = encodePoints(Array.from({ length: 20_000 }, (_, i) => [i, Math.sin(i)] as [number, number]));
    const rows: unknown[][] = [
      ['eu-west', 'search', '1.0', 'error_rate', 5, 20_000, big],
      ['us-east', 'search', '1.0', 'error_rate', 5, 1, encodePoints([[1, 0.5]])],
    ];
    const insert = db.prepare(insertSql(telemetry));
    for (const r of [...rows].reverse()) insert.run(r);
    expect(hashTable(db, telemetry)).toEqual({ rows: 2, sha256: hashOf(rows, telemetry) });
    const text = tableDef('version_history')!;
    // Long text hashed in slices: a surrogate pair on a slice boundary stays whole.
    const long = `${'a'.repeat(16 * 1024 - 1)}😀${'ü'.repeat(100_000)}`;
    db.prepare(insertSql(text)).run('c', long);
    expect(hashTable(db, text).sha256).toBe(hashOf([['c', long]], text));
    expect(hashOf([['c', Buffer.from(long, 'utf8')]], text)).toBe(hashOf([['c', long]], text));
    db.close();
  });

  it('creates every content table and the manifest', () => {
    const db = new Database(':memory:');
    db.exec(SCHEMA_SQL);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual([...CONTENT_TABLES.map((t) => t.name), 'manifest'].sort());
    db.close();
  });
});

describe('snapshot format: storage', () => {
  it('keeps a day of telemetry (4.6 KB a series) on the table\'s own pages, not on mostly empty overflow pages', () => {
    const db = new Database(':memory:');
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.exec(SCHEMA_SQL);
    const points = Array.from({ length: 289 }, (_, i): [number, number] => [1_700_000_000 + i * 300, Math.sin(i) / 100]);
    const insert = db.prepare(insertSql(tableDef('telemetry') as TableDef));
    for (let i = 0; i < 300; i++) insert.run('us-east', `component-${String(i).padStart(3, '0')}`, '1.0.0', 'error_rate', 300, points.length, encodePoints(points));
    const { used, total } = db.prepare("SELECT sum(pgsize - unused) AS used, sum(pgsize) AS total FROM dbstat WHERE name = 'telemetry'").get() as { used: number; total: number };
    // As a WITHOUT ROWID table, each row put 2.6 KB on a 16 KiB overflow page of its own: 25 % used.
    expect(used / total).toBeGreaterThan(0.8);
    db.close();
  });
});

describe('snapshot format: points and manifest', () => {
  it('stores points as float64 pairs, exactly', () => {
    const points: Array<[number, number]> = [[1_700_000_000, 0.1 + 0.2], [1_700_000_005, -0], [1_700_000_010, 1e-300], [1_700_000_015, Number.MAX_VALUE]];
    expect(decodePoints(encodePoints(points))).toEqual(points);
    expect(decodePoints(encodePoints([]))).toEqual([]);
  });

  it('writes the manifest with sorted keys at every level, and hashes that text', () => {
    expect(canonicalText({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
    expect(manifestHash('{"a":1}')).toMatch(/^[0-9a-f]{64}$/);
    expect(manifestHash('{"a":1}')).not.toBe(manifestHash('{"a":2}'));
  });
});
