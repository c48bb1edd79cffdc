import { z } from 'zod';

/**
 * Native regional protocol: fleet state. Version strings are opaque; order comes only from
 * `train` (the release-train index the endpoint reports).
 */

export const Id = z.string().min(1).max(200);
export const IsoTime = z.iso.datetime({ offset: true });
export const TrainIndex = z.number().int().min(0);

export const Train = z.object({
  index: TrainIndex,
  name: z.string().min(1),
  date: IsoTime,
});
export type Train = z.infer<typeof Train>;

export const ComponentTier = z.enum(['ui', 'gateway', 'service', 'store', 'worker']);
export const Component = z.object({
  id: Id,
  name: z.string().min(1),
  tier: ComponentTier,
});
export type Component = z.infer<typeof Component>;

export const ComponentVersion = z.object({
  component: Id,
  version: z.string().min(1),
  train: TrainIndex,
});
export type ComponentVersion = z.infer<typeof ComponentVersion>;

export const DependencyKind = z.enum(['http', 'queue', 'event-stream']);
/** caller → callee. `crossRegion`: callers in one region reach callees in every region. */
export const Dependency = z.object({
  from: Id,
  to: Id,
  kind: DependencyKind,
  crossRegion: z.boolean(),
});
export type Dependency = z.infer<typeof Dependency>;

export const InstanceState = z.enum(['starting', 'running', 'draining', 'failed']);
/**
 * Instances are the bulk of a fleet (up to 100,000): their strings carry no length checks, which cost
 * more than the parse itself; unknown components and versions are caught by the compatibility
 * engine's reference checks instead.
 */
export const Instance = z.object({
  id: z.string(),
  host: z.string(),
  component: z.string(),
  version: z.string(),
  state: InstanceState,
  startedAt: IsoTime,
  activeUsers: z.int().nonnegative(),
});
export type Instance = z.infer<typeof Instance>;

/** Databases of one group are used by the listed components. */
export const DatabaseGroup = z.object({
  id: Id,
  name: z.string().min(1),
  usedBy: z.array(Id),
});
export type DatabaseGroup = z.infer<typeof DatabaseGroup>;

export const MigrationDirection = z.enum(['forward', 'backward']);
export const Migration = z.object({
  direction: MigrationDirection,
  fromTrain: TrainIndex,
  toTrain: TrainIndex,
  startedAt: IsoTime,
  progress: z.number().min(0).max(1),
});
export type Migration = z.infer<typeof Migration>;

export const Database = z.object({
  id: Id,
  group: Id,
  schemaVersion: z.string().min(1),
  schemaTrain: TrainIndex,
  migration: Migration.nullable(),
});
export type Database = z.infer<typeof Database>;

export const RolloutState = z.enum(['progressing', 'paused', 'aborted', 'completed', 'rolling-back']);
export const StageState = z.enum(['pending', 'active', 'done']);
export const RolloutStage = z.object({
  name: z.string().min(1),
  canaryPercent: z.number().min(0).max(100),
  waves: z.number().int().min(1),
  state: StageState,
});
export const RolloutEvent = z.object({
  at: IsoTime,
  event: z.string().min(1),
  by: z.string().min(1),
});
export const Rollout = z.object({
  id: Id,
  component: Id,
  fromVersion: z.string().min(1),
  toVersion: z.string().min(1),
  state: RolloutState,
  stages: z.array(RolloutStage).min(1),
  currentStage: z.number().int().min(0),
  startedAt: IsoTime,
  history: z.array(RolloutEvent),
});
export type Rollout = z.infer<typeof Rollout>;
export type RolloutState = z.infer<typeof RolloutState>;

export const ToggleState = z.enum(['on', 'off', 'dormant']);
export const Toggle = z.object({
  key: Id,
  description: z.string(),
  environment: z.string().min(1),
  state: ToggleState,
  /** Safe to enable only when every live instance of `component` is at least this version's train. */
  minVersion: z.object({ component: Id, version: z.string().min(1) }).nullable(),
});
export type Toggle = z.infer<typeof Toggle>;

export const StageGate = z.object({
  train: TrainIndex,
  stage: z.string().min(1),
  testsRun: z.number().int().min(0),
  testsPassed: z.number().int().min(0),
  testsFailed: z.number().int().min(0),
  at: IsoTime,
});
export type StageGate = z.infer<typeof StageGate>;

export const RegionInfo = z.object({
  id: Id,
  name: z.string().min(1),
  timezone: z.string().min(1),
});
export type RegionInfo = z.infer<typeof RegionInfo>;

export const FleetState = z.object({
  region: RegionInfo,
  /** Change-stream position this state reflects; resume the stream from here. */
  revision: z.number().int().min(0),
  generatedAt: IsoTime,
  trains: z.array(Train),
  components: z.array(Component),
  componentVersions: z.array(ComponentVersion),
  dependencies: z.array(Dependency),
  instances: z.array(Instance),
  databaseGroups: z.array(DatabaseGroup),
  databases: z.array(Database),
  rollouts: z.array(Rollout),
  toggles: z.array(Toggle),
  stageGates: z.array(StageGate),
});
export type FleetState = z.infer<typeof FleetState>;
