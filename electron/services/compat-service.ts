import { createIncrementalEvaluator, indexFleet, type CompatView, type IncrementalEvaluator } from '../../shared/compat/index.ts';
import type { Violation } from '../../shared/compat/schemas.ts';
import type { FleetState } from '../../shared/protocol/index.ts';
import type { FleetChange, RegionsService } from '../common/regions-service.ts';
import type { HistoryStore } from '../history/index.ts';
import { VersionHistory } from './version-history.ts';

export interface CompatServiceOptions {
  clock?: () => string;
  sampleEveryMs?: number;
  /** Where version-mix samples persist across restarts; without it they live in memory only. */
  historyStore?: HistoryStore | null;
  /** Told when the history store fails; sampling carries on in memory. */
  onHistoryProblem?: (message: string) => void;
  /** Told every verdict the service settles (each second), with the clock's time: violation episodes are recorded from it. */
  onVerdict?: (violations: readonly Violation[], at: string) => void;
  /**
   * The regions never change (a snapshot): the view indexes them once for reading only, without
   * keying 100,000 instances by id for change events that never come.
   */
  unchanging?: boolean;
}

/**
 * Keeps the compatibility verdict current as region data arrives: change events go to the
 * incremental evaluator, refetched regions replace theirs, and version mixes are sampled for history.
 */
export class CompatService {
  private evaluator: IncrementalEvaluator | null = null;
  private fixedView: CompatView | null = null;
  private readonly unchanging: boolean;
  readonly history: VersionHistory;
  private readonly disposers: (() => void)[] = [];
  private readonly clock: () => string;
  private readonly sampleEveryMs: number;
  private readonly onVerdict?: (violations: readonly Violation[], at: string) => void;

  /** `clockOrOptions` also takes a bare clock, with `sampleEveryMs` after it (the older form). */
  constructor(
    private readonly regions: RegionsService,
    clockOrOptions: (() => string) | CompatServiceOptions = {},
    sampleEveryMs?: number,
  ) {
    const options = typeof clockOrOptions === 'function' ? { clock: clockOrOptions } : clockOrOptions;
    this.clock = options.clock ?? (() => new Date().toISOString());
    this.sampleEveryMs = sampleEveryMs ?? options.sampleEveryMs ?? 5_000;
    this.onVerdict = options.onVerdict;
    this.unchanging = options.unchanging ?? false;
    this.history = new VersionHistory({ store: options.historyStore ?? null, onProblem: options.onHistoryProblem });
  }

  start(): void {
    this.disposers.push(this.regions.onFleet((change) => this.onFleet(change)));
    const timer = setInterval(() => this.sample(), this.sampleEveryMs);
    // Violations are stamped "first seen" when a verdict finds them: settle one every second so the
    // stamp is within a second of the change, not whenever a screen happens to ask.
    const settle = setInterval(() => this.settle(), 1_000);
    timer.unref();
    settle.unref();
    this.disposers.push(() => clearInterval(timer), () => clearInterval(settle));
  }

  stop(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  /** The engine's current view; built on first use from whatever regions have data. */
  view(): CompatView {
    if (this.unchanging) return (this.fixedView ??= indexFleet(this.regions.fleetStates(), { now: this.clock() }));
    this.evaluator ??= createIncrementalEvaluator(this.regions.fleetStates(), this.clock());
    return this.evaluator;
  }

  states(): FleetState[] {
    return this.regions.fleetStates();
  }

  private onFleet({ regionId, events, state }: FleetChange): void {
    const now = this.clock();
    if (!this.evaluator) {
      // Built from the connectors' current states, which already include these events.
      this.evaluator = createIncrementalEvaluator(this.regions.fleetStates(), now);
      return;
    }
    if (events === 'replaced' || !this.evaluator.regionIds().includes(regionId)) {
      this.evaluator.replaceRegion(state(), now);
      return;
    }
    try {
      for (const event of events) this.evaluator.apply(regionId, event, now);
    } catch {
      this.evaluator.replaceRegion(state(), now);
    }
  }

  private settle(): void {
    const verdict = (this.fixedView ?? this.evaluator)?.verdict();
    if (verdict) this.onVerdict?.(verdict.violations, this.clock());
  }

  private sample(): void {
    const states = this.regions.fleetStates();
    if (states.length === 0) return;
    const components = [...new Set(states.flatMap((s) => s.components.map((c) => c.id)))];
    this.history.sample(this.view(), components, this.clock());
  }
}
