import type { CadenceHistory, CadenceRelease, CadenceRestore, CadenceTrain } from '../../shared/cadence/index.ts';
import { mergeRelease, type CadenceRecords } from '../history/index.ts';

/** Where cadence history goes: the history store, or memory when it cannot be opened. */
export interface CadenceStore {
  recordCadence(records: CadenceRecords): void;
  cadence(sinceMs: number): CadenceHistory;
}

/** Cadence history in memory (a snapshot, or a history store that cannot be opened); merged like the store. */
export class MemoryCadenceStore implements CadenceStore {
  private readonly trains = new Map<number, CadenceTrain>();
  private readonly releases = new Map<string, CadenceRelease>();
  private readonly restores = new Map<string, CadenceRestore>();

  recordCadence(records: CadenceRecords): void {
    for (const t of records.trains ?? []) {
      const seen = this.trains.get(t.train)?.firstGateMs ?? null;
      const firstGateMs = seen === null ? t.firstGateMs : t.firstGateMs === null ? seen : Math.min(seen, t.firstGateMs);
      this.trains.set(t.train, { ...t, firstGateMs });
    }
    for (const r of records.releases ?? []) {
      const key = JSON.stringify([r.region, r.train]);
      this.releases.set(key, mergeRelease(this.releases.get(key) ?? null, r));
    }
    for (const r of records.restores ?? []) this.restores.set(r.id, r);
  }

  cadence(sinceMs: number): CadenceHistory {
    return {
      trains: [...this.trains.values()].filter((t) => t.dateMs >= sinceMs).sort((a, b) => a.train - b.train),
      releases: [...this.releases.values()].filter((r) => r.productionMs >= sinceMs).sort((a, b) => a.productionMs - b.productionMs),
      restores: [...this.restores.values()].filter((r) => r.startMs >= sinceMs).sort((a, b) => a.startMs - b.startMs),
    };
  }
}
