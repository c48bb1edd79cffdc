/**
 * The local history store (issue 9): version-mix samples and alerts, kept across restarts in one
 * SQLite file. Main process only; imports only `shared/` and `electron/common/`.
 *
 *     const history = openHistoryStore(join(dataDir, HISTORY_FILE)); // throws HistoryStoreError → keep history in memory
 *     history.appendMix(at, [{ component, trains }]);
 *     history.mixOf(component, { sinceMs, maxPoints });
 *     history.upsertAlert(alert); history.alerts({ state: 'open', limit: 200 });
 *     history.recordCadence({ trains, releases, restores }); history.cadence(sinceMs);
 *     history.close();
 */
export { openHistoryStore, HistoryStoreError, type HistoryStore, type HistoryStoreErrorReason, type HistoryStoreOptions, type MixQuery } from './history-store.ts';
export type { AlertStateFilter } from './alert-table.ts';
export type { MixRow } from './mix-table.ts';
export { mergeRelease, type CadenceRecords } from './cadence-table.ts';
export { SCHEMA_VERSION } from './schema.ts';

/** The store's file name in the data directory. */
export const HISTORY_FILE = 'history.sqlite';
