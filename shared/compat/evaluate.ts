import type { FleetState } from '../protocol/index.ts';
import { CompatModel } from './model.ts';
import type { Verdict, Violation, WhatIfRequest, WhatIfResult } from './schemas.ts';
import { ModelView, type CompatView } from './view.ts';

export interface EvaluateOptions {
  /** ISO time stamped as `firstSeen` on violations not in `previous`. The engine never reads the clock. */
  now: string;
  /** The previous evaluation's violations: ids found again keep their `firstSeen`. */
  previous?: readonly Violation[];
}

/** Indexes the fleet once; ask the view for the verdict, cells and what-ifs. Inputs are never mutated. */
export function indexFleet(states: readonly FleetState[], options: EvaluateOptions): CompatView {
  return new ModelView(CompatModel.fromStates(states, options.now, false, options.previous), options.now);
}

/** Rules 1–3 and toggle minimum versions over one or more regions. */
export function evaluate(states: readonly FleetState[], options: EvaluateOptions): Verdict {
  return indexFleet(states, options).verdict();
}

/** What the action would introduce, resolve and leave (rule 4). */
export function whatIf(states: readonly FleetState[], request: WhatIfRequest, options: EvaluateOptions): WhatIfResult {
  return indexFleet(states, options).whatIf(request);
}
