import { z } from 'zod';
import { RuleId } from '../compat/schemas.ts';
import { AuditEntryKind, AuditOutcome } from '../contract/audit.ts';
import { AlertSeverity, AlertState } from '../contract/alerts.ts';
import { SignalStatus, Verdict } from '../contract/telemetry.ts';
import { TrainRolloutRow } from '../contract/trains.ts';

/**
 * The board review report of one release train (issue 11): what a change-control board reads. Built
 * by `buildReport` from inputs the main process gathers; every list is in the order it is shown.
 */

const Time = z.iso.datetime({ offset: true });

/** A component version the train ships, with its live instances per region now. */
export const ReportVersion = z.object({
  component: z.string(),
  version: z.string(),
  /** Live instances per region id (regions without any are left out). */
  instances: z.record(z.string(), z.number().int().min(0)),
  total: z.number().int().min(0),
});

export const ReportRolloutEvent = z.object({ at: Time, event: z.string(), by: z.string() });

export const ReportRollout = TrainRolloutRow.omit({ stage: true, stages: true }).extend({
  /** "canary 5% (2 of 4)" — the stage it is at, for the table. */
  stage: z.string(),
  history: z.array(ReportRolloutEvent),
});

/** One stretch during which a violation involving the train was seen. */
export const ReportEpisode = z.object({
  violationId: z.string(),
  rule: RuleId,
  regions: z.array(z.string()),
  components: z.array(z.string()),
  sentence: z.string(),
  firstSeen: Time,
  lastSeen: Time,
  /** Null while it is still open at the report's time. */
  resolvedAt: Time.nullable(),
  /** Seconds from first seen to resolved (or to the report's time while open). */
  durationSeconds: z.number().min(0),
});

export const ReportSkew = z.object({
  /** True when no violation involving the train is open now. */
  compliant: z.boolean(),
  open: z.number().int().min(0),
  episodes: z.array(ReportEpisode),
  /** Sum of the episodes' durations, and the longest one. */
  totalSeconds: z.number().min(0),
  longestSeconds: z.number().min(0),
  /** Since when violations have been recorded (null: no record; durations before it are unknown). */
  recordedSince: Time.nullable(),
});

export const ReportSignalCell = z.object({ value: z.number().nullable(), baseline: z.number().nullable(), relativeDelta: z.number().nullable(), status: SignalStatus });

export const ReportSignal = z.object({
  region: z.string(),
  component: z.string(),
  version: z.string(),
  baselineVersion: z.string().nullable(),
  instances: z.number().int().min(0),
  errorRate: ReportSignalCell,
  latencyP95: ReportSignalCell,
});

export const ReportJudgement = z.object({
  region: z.string(),
  component: z.string(),
  rolloutId: z.string(),
  canary: z.string(),
  baseline: z.string(),
  /** Null when it could not be judged; `reason` says why. */
  verdict: Verdict.nullable(),
  /** The deciding signals' sentences (or the problem). */
  reason: z.string(),
});

/** One stage of the train's pipeline in one environment (the region reporting it). */
export const ReportGate = z.object({
  stage: z.string(),
  environment: z.string(),
  testsRun: z.number().int().min(0),
  testsPassed: z.number().int().min(0),
  testsFailed: z.number().int().min(0),
  at: Time,
  passed: z.boolean(),
});

export const ReportStage = z.object({
  stage: z.string(),
  /** Environments where the stage passed with no failed test, of those that reported it. */
  passed: z.number().int().min(0),
  reported: z.number().int().min(0),
  gates: z.array(ReportGate),
});

/** An action on the train's components, versions, rollouts or toggles: its intent joined with its outcome. */
export const ReportAction = z.object({
  seq: z.number().int().min(1),
  at: Time,
  kind: AuditEntryKind,
  actor: z.string(),
  action: z.string(),
  region: z.string().nullable(),
  target: z.string().nullable(),
  reason: z.string().nullable(),
  ticket: z.string().nullable(),
  override: z.string().nullable(),
  breakGlass: z.boolean(),
  /** The outcome entry's result, null while none was recorded. */
  outcome: AuditOutcome.nullable(),
  outcomeSeq: z.number().int().nullable(),
  response: z.string().nullable(),
  hash: z.string(),
});

export const ReportChain = z.object({
  /** The audit store's head when the report was built; null without an audit store. */
  head: z.object({ seq: z.number().int().min(0), hash: z.string() }).nullable(),
  /** The latest signed checkpoint (Ed25519 over "<seq>:<hash>", base64). */
  checkpoint: z.object({ seq: z.number().int().min(0), hash: z.string(), signature: z.string(), at: z.string() }).nullable(),
  publicKeyFingerprint: z.string().nullable(),
  /** Why the chain is not shown (no audit store), or null. */
  problem: z.string().nullable(),
});

export const ReportAlert = z.object({
  id: z.string(),
  severity: AlertSeverity,
  state: AlertState,
  region: z.string(),
  component: z.string().nullable(),
  version: z.string().nullable(),
  title: z.string(),
  firstSeen: Time,
});

export const RiskLevel = z.enum(['high', 'medium', 'low']);
export const ReportRisk = z.object({ level: RiskLevel, text: z.string() });

/** The board's one-word reading of the train, with the reasons. */
export const ReportReadiness = z.enum(['ready', 'at-risk', 'not-ready']);

export const ReportSource = z.object({
  kind: z.enum(['live', 'snapshot']),
  /** The snapshot file, when the report is read from one. */
  file: z.string().nullable(),
  /** Regions whose data was stale or missing when the report was built. */
  staleRegions: z.array(z.string()),
});

export const ReportTrain = z.object({ index: z.number().int().min(0), name: z.string(), date: Time });

export const BoardReport = z.object({
  train: ReportTrain,
  /** Every train known to the fleet, newest first: the picker. */
  trains: z.array(ReportTrain),
  generatedAt: Time,
  source: ReportSource,
  readiness: ReportReadiness,
  risks: z.array(ReportRisk),
  versions: z.array(ReportVersion),
  regions: z.array(z.string()),
  rollouts: z.array(ReportRollout),
  skew: ReportSkew,
  signals: z.array(ReportSignal),
  judgements: z.array(ReportJudgement),
  stages: z.array(ReportStage),
  actions: z.array(ReportAction),
  /** Actions found beyond those listed (the report lists the newest). */
  actionsOmitted: z.number().int().min(0),
  chain: ReportChain,
  alerts: z.array(ReportAlert),
});
export type BoardReport = z.infer<typeof BoardReport>;
export type ReportEpisode = z.infer<typeof ReportEpisode>;
export type ReportAction = z.infer<typeof ReportAction>;
export type ReportStage = z.infer<typeof ReportStage>;
export type ReportRisk = z.infer<typeof ReportRisk>;
export type ReportReadiness = z.infer<typeof ReportReadiness>;
export type ReportChain = z.infer<typeof ReportChain>;
export type ReportSignal = z.infer<typeof ReportSignal>;
export type ReportJudgement = z.infer<typeof ReportJudgement>;
export type ReportRollout = z.infer<typeof ReportRollout>;
export type ReportAlert = z.infer<typeof ReportAlert>;
export type ReportVersion = z.infer<typeof ReportVersion>;
export type ReportTrain = z.infer<typeof ReportTrain>;
