/**
 * Compatibility engine: rules 1–3 of DESIGN.md §3, toggle minimum versions, what-if (rule 4),
 * and an incremental evaluator. Pure: no I/O, no clock (callers pass `now`).
 */
export * from './schemas.ts';
export { evaluate, indexFleet, whatIf, type EvaluateOptions } from './evaluate.ts';
export { createIncrementalEvaluator, type IncrementalEvaluator } from './incremental.ts';
export type { CompatView, AfterResult } from './view.ts';
export { describeInputError } from './input-error.ts';
export { formatPath } from './format.ts';
export { WINDOW_LIMIT } from './rules/version-window.ts';
export { PEER_LIMIT } from './rules/peer-skew.ts';
export { SCHEMA_LIMIT } from './rules/schema-skew.ts';
export { isLive } from './tallies.ts';
export { trainName } from './train-catalog.ts';
export * from './cause-schemas.ts';
export { findCauses, touchedOnce } from './causes.ts';
export { planRemediation, UnknownCauseError, PLAN_DEFAULTS, type PlanOptions } from './plan.ts';
