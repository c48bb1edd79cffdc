import { z } from 'zod';
import { ActionRequest, Id, IsoTime } from '../protocol/index.ts';

/**
 * Public shapes of the compatibility engine. They are zod schemas so the console contract can
 * carry verdicts across IPC/HTTP unchanged; the engine itself never parses its own output.
 */

export const RuleId = z.enum(['version-window', 'peer-skew', 'schema-skew', 'toggle-min-version']);
export type RuleId = z.infer<typeof RuleId>;

/** One component version a violation involves, with the live instances running it. */
export const InvolvedVersion = z.object({
  region: z.string(),
  component: z.string(),
  version: z.string(),
  train: z.number().int(),
  trainName: z.string(),
  instances: z.number().int(),
  activeUsers: z.number().int(),
});
export type InvolvedVersion = z.infer<typeof InvolvedVersion>;

/** One schema train a schema-skew violation involves. */
export const InvolvedSchemaTrain = z.object({
  train: z.number().int(),
  trainName: z.string(),
  databases: z.number().int(),
  /** Of `databases`, how many are mid-migration (they count on both sides of it). */
  migrating: z.number().int(),
});
export type InvolvedSchemaTrain = z.infer<typeof InvolvedSchemaTrain>;

/** One declared range a finding is judged against, as the declaring version states it. */
export const DeclaredRange = z.object({
  region: z.string(),
  component: z.string(),
  version: z.string(),
  train: z.number().int(),
  trainName: z.string(),
  /** What the range is about: a component it calls, a component that calls it, or a database group. */
  about: z.enum(['callee', 'caller', 'database-group']),
  /** The callee / caller component id or the database group id. */
  subject: z.string(),
  min: z.number().int(),
  max: z.number().int(),
  minName: z.string(),
  maxName: z.string(),
  /** "search 4.2.0 (train 2026.44) declares search-index trains 2026.41–2026.45" */
  text: z.string(),
});
export type DeclaredRange = z.infer<typeof DeclaredRange>;

export const Violation = z.object({
  /** Deterministic: rule + regions + subject + trains. Same problem, same id, across evaluations. */
  id: z.string(),
  /** The id without trains: what the violation is about (e.g. search in eu-west), to pair changes. */
  subject: z.string(),
  rule: RuleId,
  regions: z.array(z.string()),
  components: z.array(z.string()),
  databaseGroup: z.string().nullable(),
  toggle: z.string().nullable(),
  /**
   * The trains the id is built from. version-window: [oldest, newest]; peer-skew: [caller, callee]
   * of the worst pair; schema-skew: [component train, schema train]; toggle-min-version: [required].
   */
  trains: z.array(z.number().int()),
  /** Names of `trains`, in the same order. */
  trainNames: z.array(z.string()),
  /** How far apart, in trains (window: newest − oldest; toggle: required − oldest live). */
  gap: z.number().int(),
  /** The largest allowed gap for this rule. */
  limit: z.number().int(),
  versions: z.array(InvolvedVersion),
  schemaTrains: z.array(InvolvedSchemaTrain),
  /** Live instances touched, and the sum of their active users. */
  instances: z.number().int(),
  activeUsers: z.number().int(),
  databases: z.number().int(),
  firstSeen: IsoTime,
  sentence: z.string(),
  /** Declared ranges the involved pairs fall outside; absent when only the default ±1 was broken. */
  declarations: z.array(DeclaredRange).optional(),
});
export type Violation = z.infer<typeof Violation>;

/**
 * A live pair more than 1 train apart that a declaration allows: not a violation, but never silent.
 * One per peer unit (edge × caller region × callee region) or schema pair, like the violations.
 */
export const DeclaredException = z.object({
  /** `declared-exception:` + the id the violation would have had. */
  id: z.string(),
  rule: z.enum(['peer-skew', 'schema-skew']),
  regions: z.array(z.string()),
  components: z.array(z.string()),
  databaseGroup: z.string().nullable(),
  /** peer-skew: [caller, callee] of the widest allowed pair; schema-skew: [component train, schema train]. */
  trains: z.array(z.number().int()),
  trainNames: z.array(z.string()),
  gap: z.number().int(),
  /** The default limit the pair exceeds. */
  limit: z.number().int(),
  versions: z.array(InvolvedVersion),
  instances: z.number().int(),
  activeUsers: z.number().int(),
  /** The declarations that allow it. */
  declarations: z.array(DeclaredRange).min(1),
  sentence: z.string(),
});
export type DeclaredException = z.infer<typeof DeclaredException>;

export const InputEntity = z.enum([
  'fleet',
  'region',
  'train',
  'component',
  'componentVersion',
  'dependency',
  'instance',
  'databaseGroup',
  'database',
  'toggle',
  'rollout',
  'action',
]);
export type InputEntity = z.infer<typeof InputEntity>;

/** The state does not define something a rule needs: reported, never guessed around. */
export const CompatInputError = z.object({
  region: z.string(),
  entity: InputEntity,
  /** Id of the offending entity (instance id, toggle key, "search@4.2.0", …). */
  entityId: z.string(),
  /** Path inside that region's FleetState document (or inside the what-if request). */
  path: z.array(z.union([z.string(), z.number()])),
  /** `path` as text, e.g. `instances[3].version`. */
  field: z.string(),
  message: z.string(),
});
export type CompatInputError = z.infer<typeof CompatInputError>;

export const Verdict = z.object({
  /** True when there are no input errors (violations may still exist). */
  ok: z.boolean(),
  violations: z.array(Violation),
  /**
   * Pairs beyond ±1 that declarations allow (never violations, never silent). Defaults to none when
   * absent, so verdicts recorded before declared ranges existed (snapshots) still parse.
   */
  exceptions: z.array(DeclaredException).default([]),
  errors: z.array(CompatInputError),
  /** Regions that were evaluated, in input order. */
  regions: z.array(z.string()),
  /** Regions left out because their state has input errors. */
  excludedRegions: z.array(z.string()),
});
export type Verdict = z.infer<typeof Verdict>;

/** Engine-only action: advance a rollout one stage (the protocol has no such request). */
export const RolloutStepAction = z.object({ type: z.literal('rollout.step'), rolloutId: Id });
export type RolloutStepAction = z.infer<typeof RolloutStepAction>;

export const CompatAction = z.discriminatedUnion('type', [...ActionRequest.options, RolloutStepAction]);
export type CompatAction = z.infer<typeof CompatAction>;

export const WhatIfRequest = z.object({ region: Id, action: CompatAction });
export type WhatIfRequest = z.infer<typeof WhatIfRequest>;

export const WhatIfResult = z.object({
  /** False when the request or the fleet has input errors; then the lists cover only what could be evaluated. */
  ok: z.boolean(),
  errors: z.array(CompatInputError),
  /** In the after-state only: the action would create these. */
  introduced: z.array(Violation),
  /** In the before-state only: the action would clear these. */
  resolved: z.array(Violation),
  /** In both (as they would be after the action). */
  unchanged: z.array(Violation),
  /** Declared exceptions the action would create (allowed by a declaration, beyond ±1). */
  exceptionsIntroduced: z.array(DeclaredException),
});
export type WhatIfResult = z.infer<typeof WhatIfResult>;

export const VersionMixEntry = z.object({
  train: z.number().int(),
  trainName: z.string(),
  version: z.string(),
  count: z.number().int(),
  activeUsers: z.number().int(),
});
export type VersionMixEntry = z.infer<typeof VersionMixEntry>;

export const CellStatus = z.enum(['ok', 'warning', 'exception', 'violation']);
export type CellStatus = z.infer<typeof CellStatus>;

/** Compliance of one region × component cell of the skew matrix. */
export const CellCompliance = z.object({
  region: z.string(),
  component: z.string(),
  /**
   * violation: some violation names this region and component; exception: some declared exception
   * does (and no violation); warning: live span exactly at the limit (2).
   */
  status: CellStatus,
  /** Newest − oldest live train in the region, null when nothing runs. */
  span: z.number().int().nullable(),
  violationIds: z.array(z.string()),
  exceptionIds: z.array(z.string()),
});
export type CellCompliance = z.infer<typeof CellCompliance>;
