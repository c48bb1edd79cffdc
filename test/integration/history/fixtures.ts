import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Alert } from '../../../shared/contract/alerts.ts';
import { openHistoryStore, type HistoryStore, type HistoryStoreOptions } from '../../../electron/history/index.ts';
import { tempDir } from '../../support/temp-dir.ts';

export const T0 = Date.parse('2026-03-01T00:00:00.000Z');
export const iso = (ms: number) => new Date(ms).toISOString();
export const trains = (a: number, b = 0) => [
  { train: 1, trainName: '2026.1', count: a },
  ...(b > 0 ? [{ train: 2, trainName: '2026.2', count: b }] : []),
];

/** Stores in temp directories, removed after each test; `now` is a settable clock. */
export function historyFixture() {
  const dirs: { remove(): Promise<void> }[] = [];
  const open: HistoryStore[] = [];
  const problems: string[] = [];
  const clock = { now: T0 };
  return {
    problems,
    clock,
    async file(): Promise<string> {
      const dir = await tempDir('history');
      dirs.push(dir);
      return join(dir.path, 'data', 'history.sqlite');
    },
    open(file: string, options: HistoryStoreOptions = {}): HistoryStore {
      const store = openHistoryStore(file, { now: () => clock.now, onProblem: (m) => problems.push(m), ...options });
      open.push(store);
      return store;
    },
    async cleanup(): Promise<void> {
      for (const store of open.splice(0)) store.close();
      for (const dir of dirs.splice(0)) await dir.remove();
      problems.length = 0;
      clock.now = T0;
    },
  };
}

/** A second, plain connection to the file (what another program would see). */
export function raw<T>(file: string, use: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return use(db);
  } finally {
    db.close();
  }
}

export function alertOf(id: string, over: Partial<Alert> = {}): Alert {
  return {
    id,
    rule: 'error-threshold',
    severity: 'warning',
    state: 'active',
    region: 'eu-west',
    component: 'viewer',
    version: '2026.2.0',
    title: `Error ratio above 5 % (${id})`,
    firstSeen: iso(T0),
    lastSeen: iso(T0),
    resolvedAt: null,
    acknowledged: null,
    evidence: null,
    suggestion: null,
    ...over,
  };
}
