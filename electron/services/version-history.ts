import type { CompatView } from '../../shared/compat/index.ts';
import type { HistoryPoint } from '../../shared/contract/compat.ts';
import type { HistoryStore, MixRow } from '../history/index.ts';
import { StoreAttempts } from '../history/store-attempts.ts';

export interface VersionHistoryOptions {
  /** Points kept per component in memory. */
  capacity?: number;
  /** Where samples persist; `of` then reads from it. Without it, history lives in memory only. */
  store?: HistoryStore | null;
  /** Told when the store fails (once per distinct failure); history then carries on in memory. */
  onProblem?: (message: string) => void;
}

/**
 * Live instances per component and train, sampled at a fixed interval: into the history store when
 * there is one, and always into a bounded in-memory ring, which answers when there is no store or
 * it fails.
 */
export class VersionHistory {
  private readonly points = new Map<string, HistoryPoint[]>();
  private readonly capacity: number;
  private readonly store: HistoryStore | null;
  private readonly attempts: StoreAttempts;

  constructor(options: VersionHistoryOptions = {}) {
    this.capacity = options.capacity ?? 720;
    this.store = options.store ?? null;
    this.attempts = new StoreAttempts((message) => options.onProblem?.(message));
  }

  sample(view: CompatView, components: readonly string[], at: string): void {
    const regions = view.regionIds();
    const rows: MixRow[] = [];
    for (const component of components) {
      const counts = new Map<number, { trainName: string; count: number }>();
      for (const region of regions) {
        for (const m of view.versionMix(region, component)) {
          const entry = counts.get(m.train) ?? { trainName: m.trainName, count: 0 };
          entry.count += m.count;
          counts.set(m.train, entry);
        }
      }
      const trains = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([train, e]) => ({ train, ...e }));
      rows.push({ component, trains });
      const list = this.points.get(component) ?? [];
      list.push({ at, trains });
      if (list.length > this.capacity) list.splice(0, list.length - this.capacity);
      this.points.set(component, list);
    }
    if (this.store) this.attempts.run('storing a version-mix sample', () => this.store?.appendMix(at, rows));
  }

  of(component: string): HistoryPoint[] {
    const stored = this.store ? this.attempts.run('reading version-mix history', () => this.store?.mixOf(component)) : undefined;
    return stored ?? this.points.get(component) ?? [];
  }
}
