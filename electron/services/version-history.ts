import type { CompatView } from '../../shared/compat/index.ts';
import type { HistoryPoint } from '../../shared/contract/compat.ts';
import type { HistoryStore, MixRow } from '../history/index.ts';

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
  private lastProblem: string | null = null;

  constructor(private readonly options: VersionHistoryOptions = {}) {
    this.capacity = options.capacity ?? 720;
    this.store = options.store ?? null;
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
    if (this.store) this.attempt('storing a version-mix sample', () => this.store?.appendMix(at, rows));
  }

  of(component: string): HistoryPoint[] {
    const stored = this.store ? this.attempt('reading version-mix history', () => this.store?.mixOf(component)) : undefined;
    return stored ?? this.points.get(component) ?? [];
  }

  /** Runs a store call; a failure is reported (not thrown: sampling runs on a timer) and yields undefined. */
  private attempt<T>(what: string, run: () => T): T | undefined {
    try {
      const result = run();
      this.lastProblem = null;
      return result;
    } catch (error) {
      const message = `history store: ${what} failed: ${error instanceof Error ? error.message : String(error)}`;
      if (message !== this.lastProblem) this.options.onProblem?.(message);
      this.lastProblem = message;
      return undefined;
    }
  }
}
