import { createIncrementalEvaluator, type CompatView, type IncrementalEvaluator } from '../../shared/compat/index.ts';
import type { FleetState } from '../../shared/protocol/index.ts';
import type { FleetChange, RegionsService } from '../common/regions-service.ts';
import { VersionHistory } from './version-history.ts';

/**
 * Keeps the compatibility verdict current as region data arrives: change events go to the
 * incremental evaluator, refetched regions replace theirs, and version mixes are sampled for history.
 */
export class CompatService {
  private evaluator: IncrementalEvaluator | null = null;
  readonly history = new VersionHistory();
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly regions: RegionsService,
    private readonly clock: () => string = () => new Date().toISOString(),
    private readonly sampleEveryMs = 5_000,
  ) {}

  start(): void {
    this.disposers.push(this.regions.onFleet((change) => this.onFleet(change)));
    const timer = setInterval(() => this.sample(), this.sampleEveryMs);
    // Violations are stamped "first seen" when a verdict finds them: settle one every second so the
    // stamp is within a second of the change, not whenever a screen happens to ask.
    const settle = setInterval(() => this.evaluator?.verdict(), 1_000);
    timer.unref();
    settle.unref();
    this.disposers.push(() => clearInterval(timer), () => clearInterval(settle));
  }

  stop(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  /** The engine's current view; built on first use from whatever regions have data. */
  view(): CompatView {
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

  private sample(): void {
    const states = this.regions.fleetStates();
    if (states.length === 0) return;
    const components = [...new Set(states.flatMap((s) => s.components.map((c) => c.id)))];
    this.history.sample(this.view(), components, this.clock());
  }
}
