import type { Toggle } from '../../shared/protocol/index.ts';
import type { ToggleSource } from '../toggles/index.ts';

export interface ToggleSink {
  setExternalToggles(regionId: string, toggles: readonly Toggle[]): void;
}

export interface ToggleSyncOptions {
  everyMs?: number;
  /** Longest wait after repeated failures. */
  maxBackoffMs?: number;
}

/**
 * Keeps the toggles of regions whose flags live outside their endpoint (Unleash) in the console's
 * fleet state: lists each source every `everyMs` (backing off on failure, up to `maxBackoffMs`),
 * and lays the list over the region's state when it changed. The last error per region is kept
 * for the Toggles screen; the region's own state is never touched by a failed listing.
 */
export class ToggleSync {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly last = new Map<string, string>();
  private readonly failures = new Map<string, number>();
  private readonly problems = new Map<string, string>();
  private stopped = false;

  constructor(
    private readonly sources: ReadonlyMap<string, ToggleSource>,
    private readonly sink: ToggleSink,
    private readonly options: ToggleSyncOptions = {},
  ) {}

  start(): void {
    for (const regionId of this.sources.keys()) void this.refresh(regionId);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Why the region's toggle source last failed, or undefined when its last listing worked. */
  problem(regionId: string): string | undefined {
    return this.problems.get(regionId);
  }

  /** Lists the region's source now (after an action, for instance) and schedules the next round. */
  async refresh(regionId: string): Promise<void> {
    const source = this.sources.get(regionId);
    if (!source || this.stopped) return;
    clearTimeout(this.timers.get(regionId));
    let delay = this.options.everyMs ?? 15_000;
    try {
      const toggles = await source.list();
      const text = JSON.stringify(toggles);
      if (this.last.get(regionId) !== text) {
        this.last.set(regionId, text);
        this.sink.setExternalToggles(regionId, toggles);
      }
      this.failures.delete(regionId);
      this.problems.delete(regionId);
    } catch (error) {
      const failures = (this.failures.get(regionId) ?? 0) + 1;
      this.failures.set(regionId, failures);
      this.problems.set(regionId, error instanceof Error ? error.message : String(error));
      delay = Math.min(this.options.maxBackoffMs ?? 120_000, delay * 2 ** Math.min(failures - 1, 6));
    }
    if (this.stopped) return;
    const timer = setTimeout(() => void this.refresh(regionId), delay);
    timer.unref();
    this.timers.set(regionId, timer);
  }
}
