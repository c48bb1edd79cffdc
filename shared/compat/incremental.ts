import type { ChangeEvent, FleetState } from '../protocol/index.ts';
import { applyChangeEvent } from './apply-event.ts';
import { CompatModel } from './model.ts';
import { materializeRegion } from './region-index.ts';
import type { Violation } from './schemas.ts';
import { ModelView, type CompatView } from './view.ts';

export interface IncrementalEvaluator extends CompatView {
  /** Applies one change-stream event of `regionId`; only the affected rules are recomputed. */
  apply(regionId: string, event: ChangeEvent, now: string): void;
  /** A refetched (or new) region replaces the old one wholesale. */
  replaceRegion(state: FleetState, now: string): void;
  /** The current state of every region, as documents (equal to the inputs with all events applied). */
  states(): FleetState[];
}

class Incremental extends ModelView implements IncrementalEvaluator {
  apply(regionId: string, event: ChangeEvent, now: string): void {
    const region = this.model.anyRegion(regionId);
    if (!region) throw new Error(`Unknown region "${regionId}": load it with replaceRegion before applying its events`);
    this.currentNow = now;
    applyChangeEvent(this.model, region, event, now);
  }

  replaceRegion(state: FleetState, now: string): void {
    this.currentNow = now;
    this.model.replaceRegion(state, now, true);
  }

  states(): FleetState[] {
    return this.model.regionIds().flatMap((id) => {
      const region = this.model.anyRegion(id);
      return region ? [materializeRegion(region)] : [];
    });
  }
}

/**
 * Keeps verdicts current under change events without full recomputes: count tables are updated
 * per event, and violations are recomputed only for the units (region × component, edge × region
 * pair, region × group, toggle) the event touched. A new violation's `firstSeen` is the `now` of
 * the last event applied before the `verdict()` that found it, so ask for verdicts per batch.
 */
export function createIncrementalEvaluator(states: readonly FleetState[], now: string, previous: readonly Violation[] = []): IncrementalEvaluator {
  return new Incremental(CompatModel.fromStates(states, now, true, previous), now);
}
