import type { CompatView } from '../../shared/compat/index.ts';
import type { HistoryPoint } from '../../shared/contract/compat.ts';

/** Live instances per component and train, sampled at a fixed interval into a bounded ring. */
export class VersionHistory {
  private readonly points = new Map<string, HistoryPoint[]>();

  constructor(private readonly capacity = 720) {}

  sample(view: CompatView, components: readonly string[], at: string): void {
    const regions = view.regionIds();
    for (const component of components) {
      const counts = new Map<number, { trainName: string; count: number }>();
      for (const region of regions) {
        for (const m of view.versionMix(region, component)) {
          const entry = counts.get(m.train) ?? { trainName: m.trainName, count: 0 };
          entry.count += m.count;
          counts.set(m.train, entry);
        }
      }
      const list = this.points.get(component) ?? [];
      list.push({ at, trains: [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([train, e]) => ({ train, ...e })) });
      if (list.length > this.capacity) list.splice(0, list.length - this.capacity);
      this.points.set(component, list);
    }
  }

  of(component: string): HistoryPoint[] {
    return this.points.get(component) ?? [];
  }
}
