/**
 * What cadence is computed from: the stored history, in epoch milliseconds. Built by the main
 * process from the regions' `releases`, `trains` and `stageGates`, the rollouts it saw complete, its
 * audited rollbacks and toggle-offs, and its resolved alerts.
 */

export type FailureAction = 'rollback' | 'toggle-off';
/**
 * Who reported a failure: the region (its `releases`, with when service was restored) or this
 * console's audit trail (a rollback or toggle-off it ran; its restore is measured by the alerts).
 */
export type FailureSource = 'region' | 'audit';

/** A release train; `firstGateMs` is when its first stage gate passed (null when no gate is known). */
export interface CadenceTrain {
  train: number;
  name: string;
  dateMs: number;
  firstGateMs: number | null;
}

/** A train reaching production in one region, and the failure it caused there, if any. */
export interface CadenceRelease {
  region: string;
  train: number;
  productionMs: number;
  failure: { action: FailureAction; source: FailureSource; detectedMs: number; restoredMs: number | null } | null;
}

/** Service degraded in a region and restored (an alert first seen → resolved). */
export interface CadenceRestore {
  id: string;
  region: string;
  startMs: number;
  restoredMs: number;
}

export interface CadenceHistory {
  trains: readonly CadenceTrain[];
  releases: readonly CadenceRelease[];
  restores: readonly CadenceRestore[];
}
