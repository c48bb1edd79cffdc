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

/** Inclusive range of train indexes; `min` may not exceed `max`. */
export const TrainRange = z
  .object({ min: TrainIndex, max: TrainIndex })
  .refine((r) => r.min <= r.max, { message: 'min is greater than max: the range is empty', path: ['min'] });
export type TrainRange = z.infer<typeof TrainRange>;

/** "This version works with `component` at these trains" (a callee it calls, or a caller that calls it). */
export const PeerRange = z.object({ component: Id, trains: TrainRange });
export type PeerRange = z.infer<typeof PeerRange>;
/** "This version works with schemas of `group` at these trains." */
export const SchemaRange = z.object({ group: Id, trains: TrainRange });
export type SchemaRange = z.infer<typeof SchemaRange>;

function uniqueBy<T extends z.ZodType>(item: T, what: string, keyField: string, key: (item: z.output<T>) => string) {
  return z.array(item).superRefine((list, ctx) => {
    const first = new Map<string, number>();
    list.forEach((entry, i) => {
      const k = key(entry);
      const at = first.get(k);
      if (at === undefined) first.set(k, i);
      else ctx.addIssue({ code: 'custom', path: [i, keyField], message: `${what} ${JSON.stringify(k)} is declared twice (also at [${at}])` });
    });
  });
}

/**
 * What a component version declares it talks to, replacing the default ±1 train contract where an
 * entry exists. `callees`: components it calls; `callers`: components that call it; `databaseGroups`:
 * groups whose schemas it uses. Absent lists and absent entries fall back to ±1.
 */
export const Compatibility = z.object({
  callees: uniqueBy(PeerRange, 'callee', 'component', (r) => r.component).optional(),
  callers: uniqueBy(PeerRange, 'caller', 'component', (r) => r.component).optional(),
  databaseGroups: uniqueBy(SchemaRange, 'database group', 'group', (r) => r.group).optional(),
});
export type Compatibility = z.infer<typeof Compatibility>;

export const ComponentVersion = z.object({
  component: Id,
  version: z.string().min(1),
  train: TrainIndex,
  /** Declared compatibility ranges; absent means the default ±1 contract everywhere. */
  compatibility: Compatibility.optional(),
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

export const ReleaseFailureAction = z.enum(['rollback', 'toggle-off']);
/** A release that failed in production: what remedied it, when the failure was first seen and when service was restored. */
export const ReleaseFailure = z
  .object({
    action: ReleaseFailureAction,
    detectedAt: IsoTime,
    /** null while service is not restored. */
    restoredAt: IsoTime.nullable(),
  })
  .refine((f) => f.restoredAt === null || Date.parse(f.restoredAt) >= Date.parse(f.detectedAt), { path: ['restoredAt'], message: 'restoredAt is before detectedAt' });
/** One train reaching production in the region (the region's release history, for cadence figures). */
export const Release = z.object({
  train: TrainIndex,
  productionAt: IsoTime,
  /** The train needed a rollback or a toggle turned off in production; null when it did not. */
  failure: ReleaseFailure.nullable(),
});
export type Release = z.infer<typeof Release>;
/** A region reports at most this many releases (about ten years of weekly trains). */
export const MAX_RELEASES = 520;

export const RegionInfo = z.object({
  id: Id,
  name: z.string().min(1),
  timezone: z.string().min(1),
});
export type RegionInfo = z.infer<typeof RegionInfo>;

type Path = (string | number)[];

/** Something that makes an otherwise valid state ambiguous: the same key given twice. */
export interface AmbiguityIssue {
  /** Path of the later occurrence, e.g. `['instances', 10, 'id']`. */
  path: Path;
  /** Names the first occurrence, e.g. `duplicate instance id "x" (also at instances[3])`. */
  message: string;
}
type Report = (issue: AmbiguityIssue) => void;

/**
 * Reports every key given twice in one list, at the later occurrence, naming the first. A valid list
 * costs one Set insertion per item (no duplicates when the Set is as long as the list); only a list
 * with duplicates is walked again to locate them. `key` is the only closure, made once per list.
 */
function duplicateKeys<T>(list: readonly T[], field: string, keyField: string, what: string, key: (item: T) => string | number, report: Report): void {
  if (list.length < 2) return;
  const keys = new Set<string | number>();
  for (let i = 0; i < list.length; i++) keys.add(key(list[i] as T));
  if (keys.size === list.length) return;
  const first = new Map<string | number, number>();
  for (let i = 0; i < list.length; i++) {
    const k = key(list[i] as T);
    const at = first.get(k);
    if (at === undefined) first.set(k, i);
    else report({ path: [field, i, keyField], message: `duplicate ${what} ${JSON.stringify(k)} (also at ${field}[${at}])` });
  }
}

/** A component version declared at two different trains (the same declaration repeated is harmless). */
function versionsAtTwoTrains(versions: readonly ComponentVersion[], report: Report): void {
  if (versions.length < 2) return;
  const first = new Map<string, number>();
  for (let i = 0; i < versions.length; i++) {
    const cv = versions[i] as ComponentVersion;
    // The pair as JSON: no separator can collide with characters inside ids or version strings.
    const key = JSON.stringify([cv.component, cv.version]);
    const at = first.get(key);
    if (at === undefined) {
      first.set(key, i);
      continue;
    }
    const other = versions[at] as ComponentVersion;
    if (other.train === cv.train) continue;
    report({
      path: ['componentVersions', i, 'train'],
      message: `${cv.component} version ${JSON.stringify(cv.version)} declared at train ${cv.train} and at train ${other.train} (componentVersions[${at}])`,
    });
  }
}

/** A list of a FleetState whose items must have distinct keys; issues name both places. */
function uniqueList<T extends z.ZodType>(item: T, field: string, keyField: string, what: string, key: (item: z.output<T>) => string | number) {
  return z.array(item).superRefine((list, ctx) => {
    duplicateKeys(list, field, keyField, what, key, ({ path, message }) => ctx.addIssue({ code: 'custom', path: path.slice(1), message }));
  });
}

const trainIndex = (t: Train) => t.index;
const componentId = (c: Component) => c.id;
const instanceId = (i: Instance) => i.id;
const groupId = (g: DatabaseGroup) => g.id;
const databaseId = (d: Database) => d.id;
const rolloutId = (r: Rollout) => r.id;
const toggleKey = (t: Toggle) => t.key;
const releaseTrain = (r: Release) => r.train;

/**
 * Everything ambiguous in a state the schema otherwise accepts — a train index, component,
 * instance, database group, database or rollout id, or toggle key given twice, a component version
 * declared at two trains — one `report` per later occurrence. `FleetState` runs the same checks.
 */
export function findAmbiguities(state: FleetState, report: Report): void {
  duplicateKeys(state.trains, 'trains', 'index', 'train index', trainIndex, report);
  duplicateKeys(state.components, 'components', 'id', 'component id', componentId, report);
  versionsAtTwoTrains(state.componentVersions, report);
  duplicateKeys(state.instances, 'instances', 'id', 'instance id', instanceId, report);
  duplicateKeys(state.databaseGroups, 'databaseGroups', 'id', 'database group id', groupId, report);
  duplicateKeys(state.databases, 'databases', 'id', 'database id', databaseId, report);
  duplicateKeys(state.rollouts, 'rollouts', 'id', 'rollout id', rolloutId, report);
  duplicateKeys(state.toggles, 'toggles', 'key', 'toggle key', toggleKey, report);
  if (state.releases) duplicateKeys(state.releases, 'releases', 'train', 'release of train', releaseTrain, report);
}

/**
 * A region's whole state. Beyond the field schemas, an ambiguous state is invalid: each list whose
 * items are keyed (see `findAmbiguities`) reports every later occurrence of a key, with a message
 * naming the first, so no consumer silently picks one of the two. The checks sit on the lists, so
 * `FleetState` stays a plain object schema (extendable) and they run even when other fields fail.
 */
export const FleetState = z.object({
  region: RegionInfo,
  /** Change-stream position this state reflects; resume the stream from here. */
  revision: z.number().int().min(0),
  generatedAt: IsoTime,
  trains: uniqueList(Train, 'trains', 'index', 'train index', trainIndex),
  components: uniqueList(Component, 'components', 'id', 'component id', componentId),
  componentVersions: z.array(ComponentVersion).superRefine((list, ctx) => {
    versionsAtTwoTrains(list, ({ path, message }) => ctx.addIssue({ code: 'custom', path: path.slice(1), message }));
  }),
  dependencies: z.array(Dependency),
  instances: uniqueList(Instance, 'instances', 'id', 'instance id', instanceId),
  databaseGroups: uniqueList(DatabaseGroup, 'databaseGroups', 'id', 'database group id', groupId),
  databases: uniqueList(Database, 'databases', 'id', 'database id', databaseId),
  rollouts: uniqueList(Rollout, 'rollouts', 'id', 'rollout id', rolloutId),
  toggles: uniqueList(Toggle, 'toggles', 'key', 'toggle key', toggleKey),
  stageGates: z.array(StageGate),
  /** Optional: the region's release history, one entry per train that reached production here. Older endpoints omit it. */
  releases: z
    .array(Release)
    .max(MAX_RELEASES)
    .superRefine((list, ctx) => {
      duplicateKeys(list, 'releases', 'train', 'release of train', releaseTrain, ({ path, message }) => ctx.addIssue({ code: 'custom', path: path.slice(1), message }));
    })
    .optional(),
});
export type FleetState = z.infer<typeof FleetState>;
