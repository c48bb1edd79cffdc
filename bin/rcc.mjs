#!/usr/bin/env node
// rcc, bundled from electron/cli/rcc/ by `npm run build:cli`. Do not edit: a test fails when this file is stale.
/* eslint-disable */

// electron/cli/rcc/main.ts
import { parseArgs } from "node:util";

// shared/compat/schemas.ts
import { z as z5 } from "zod";

// shared/protocol/fleet.ts
import { z } from "zod";
var Id = z.string().min(1).max(200);
var IsoTime = z.iso.datetime({ offset: true });
var TrainIndex = z.number().int().min(0);
var Train = z.object({
  index: TrainIndex,
  name: z.string().min(1),
  date: IsoTime
});
var ComponentTier = z.enum(["ui", "gateway", "service", "store", "worker"]);
var Component = z.object({
  id: Id,
  name: z.string().min(1),
  tier: ComponentTier
});
var TrainRange = z.object({ min: TrainIndex, max: TrainIndex }).refine((r) => r.min <= r.max, { message: "min is greater than max: the range is empty", path: ["min"] });
var PeerRange = z.object({ component: Id, trains: TrainRange });
var SchemaRange = z.object({ group: Id, trains: TrainRange });
function uniqueBy(item, what, keyField, key) {
  return z.array(item).superRefine((list, ctx) => {
    const first = /* @__PURE__ */ new Map();
    list.forEach((entry, i) => {
      const k = key(entry);
      const at = first.get(k);
      if (at === void 0) first.set(k, i);
      else ctx.addIssue({ code: "custom", path: [i, keyField], message: `${what} ${JSON.stringify(k)} is declared twice (also at [${at}])` });
    });
  });
}
var Compatibility = z.object({
  callees: uniqueBy(PeerRange, "callee", "component", (r) => r.component).optional(),
  callers: uniqueBy(PeerRange, "caller", "component", (r) => r.component).optional(),
  databaseGroups: uniqueBy(SchemaRange, "database group", "group", (r) => r.group).optional()
});
var ComponentVersion = z.object({
  component: Id,
  version: z.string().min(1),
  train: TrainIndex,
  /** Declared compatibility ranges; absent means the default ±1 contract everywhere. */
  compatibility: Compatibility.optional()
});
var DependencyKind = z.enum(["http", "queue", "event-stream"]);
var Dependency = z.object({
  from: Id,
  to: Id,
  kind: DependencyKind,
  crossRegion: z.boolean()
});
var InstanceState = z.enum(["starting", "running", "draining", "failed"]);
var Instance = z.object({
  id: z.string(),
  host: z.string(),
  component: z.string(),
  version: z.string(),
  state: InstanceState,
  startedAt: IsoTime,
  activeUsers: z.int().nonnegative()
});
var DatabaseGroup = z.object({
  id: Id,
  name: z.string().min(1),
  usedBy: z.array(Id)
});
var MigrationDirection = z.enum(["forward", "backward"]);
var Migration = z.object({
  direction: MigrationDirection,
  fromTrain: TrainIndex,
  toTrain: TrainIndex,
  startedAt: IsoTime,
  progress: z.number().min(0).max(1)
});
var Database = z.object({
  id: Id,
  group: Id,
  schemaVersion: z.string().min(1),
  schemaTrain: TrainIndex,
  migration: Migration.nullable()
});
var RolloutState = z.enum(["progressing", "paused", "aborted", "completed", "rolling-back"]);
var StageState = z.enum(["pending", "active", "done"]);
var RolloutStage = z.object({
  name: z.string().min(1),
  canaryPercent: z.number().min(0).max(100),
  waves: z.number().int().min(1),
  state: StageState
});
var RolloutEvent = z.object({
  at: IsoTime,
  event: z.string().min(1),
  by: z.string().min(1)
});
var Rollout = z.object({
  id: Id,
  component: Id,
  fromVersion: z.string().min(1),
  toVersion: z.string().min(1),
  state: RolloutState,
  stages: z.array(RolloutStage).min(1),
  currentStage: z.number().int().min(0),
  startedAt: IsoTime,
  history: z.array(RolloutEvent)
});
var ToggleState = z.enum(["on", "off", "dormant"]);
var Toggle = z.object({
  key: Id,
  description: z.string(),
  environment: z.string().min(1),
  state: ToggleState,
  /** Safe to enable only when every live instance of `component` is at least this version's train. */
  minVersion: z.object({ component: Id, version: z.string().min(1) }).nullable()
});
var StageGate = z.object({
  train: TrainIndex,
  stage: z.string().min(1),
  testsRun: z.number().int().min(0),
  testsPassed: z.number().int().min(0),
  testsFailed: z.number().int().min(0),
  at: IsoTime
});
var ReleaseFailureAction = z.enum(["rollback", "toggle-off"]);
var ReleaseFailure = z.object({
  action: ReleaseFailureAction,
  detectedAt: IsoTime,
  /** null while service is not restored. */
  restoredAt: IsoTime.nullable()
}).refine((f) => f.restoredAt === null || Date.parse(f.restoredAt) >= Date.parse(f.detectedAt), { path: ["restoredAt"], message: "restoredAt is before detectedAt" });
var Release = z.object({
  train: TrainIndex,
  productionAt: IsoTime,
  /** The train needed a rollback or a toggle turned off in production; null when it did not. */
  failure: ReleaseFailure.nullable()
});
var MAX_RELEASES = 520;
var RegionInfo = z.object({
  id: Id,
  name: z.string().min(1),
  timezone: z.string().min(1)
});
function duplicateKeys(list, field3, keyField, what, key, report) {
  if (list.length < 2) return;
  const keys = /* @__PURE__ */ new Set();
  for (let i = 0; i < list.length; i++) keys.add(key(list[i]));
  if (keys.size === list.length) return;
  const first = /* @__PURE__ */ new Map();
  for (let i = 0; i < list.length; i++) {
    const k = key(list[i]);
    const at = first.get(k);
    if (at === void 0) first.set(k, i);
    else report({ path: [field3, i, keyField], message: `duplicate ${what} ${JSON.stringify(k)} (also at ${field3}[${at}])` });
  }
}
function versionsAtTwoTrains(versions, report) {
  if (versions.length < 2) return;
  const first = /* @__PURE__ */ new Map();
  for (let i = 0; i < versions.length; i++) {
    const cv = versions[i];
    const key = JSON.stringify([cv.component, cv.version]);
    const at = first.get(key);
    if (at === void 0) {
      first.set(key, i);
      continue;
    }
    const other = versions[at];
    if (other.train === cv.train) continue;
    report({
      path: ["componentVersions", i, "train"],
      message: `${cv.component} version ${JSON.stringify(cv.version)} declared at train ${cv.train} and at train ${other.train} (componentVersions[${at}])`
    });
  }
}
function uniqueList(item, field3, keyField, what, key) {
  return z.array(item).superRefine((list, ctx) => {
    duplicateKeys(list, field3, keyField, what, key, ({ path, message }) => ctx.addIssue({ code: "custom", path: path.slice(1), message }));
  });
}
var trainIndex = (t) => t.index;
var componentId = (c) => c.id;
var instanceId = (i) => i.id;
var groupId = (g) => g.id;
var databaseId = (d) => d.id;
var rolloutId = (r) => r.id;
var toggleKey = (t) => t.key;
var releaseTrain = (r) => r.train;
var FleetState = z.object({
  region: RegionInfo,
  /** Change-stream position this state reflects; resume the stream from here. */
  revision: z.number().int().min(0),
  generatedAt: IsoTime,
  trains: uniqueList(Train, "trains", "index", "train index", trainIndex),
  components: uniqueList(Component, "components", "id", "component id", componentId),
  componentVersions: z.array(ComponentVersion).superRefine((list, ctx) => {
    versionsAtTwoTrains(list, ({ path, message }) => ctx.addIssue({ code: "custom", path: path.slice(1), message }));
  }),
  dependencies: z.array(Dependency),
  instances: uniqueList(Instance, "instances", "id", "instance id", instanceId),
  databaseGroups: uniqueList(DatabaseGroup, "databaseGroups", "id", "database group id", groupId),
  databases: uniqueList(Database, "databases", "id", "database id", databaseId),
  rollouts: uniqueList(Rollout, "rollouts", "id", "rollout id", rolloutId),
  toggles: uniqueList(Toggle, "toggles", "key", "toggle key", toggleKey),
  stageGates: z.array(StageGate),
  /** Optional: the region's release history, one entry per train that reached production here. Older endpoints omit it. */
  releases: z.array(Release).max(MAX_RELEASES).superRefine((list, ctx) => {
    duplicateKeys(list, "releases", "train", "release of train", releaseTrain, ({ path, message }) => ctx.addIssue({ code: "custom", path: path.slice(1), message }));
  }).optional()
});

// shared/protocol/changes.ts
import { z as z2 } from "zod";
var ChangeEvent = z2.discriminatedUnion("type", [
  z2.object({ revision: z2.number().int(), type: z2.literal("instance.upsert"), instance: Instance }),
  z2.object({ revision: z2.number().int(), type: z2.literal("instance.remove"), id: Id }),
  z2.object({ revision: z2.number().int(), type: z2.literal("database.upsert"), database: Database }),
  z2.object({ revision: z2.number().int(), type: z2.literal("rollout.upsert"), rollout: Rollout }),
  z2.object({ revision: z2.number().int(), type: z2.literal("toggle.upsert"), toggle: Toggle }),
  z2.object({ revision: z2.number().int(), type: z2.literal("componentVersion.upsert"), componentVersion: ComponentVersion }),
  z2.object({ revision: z2.number().int(), type: z2.literal("stageGate.upsert"), stageGate: StageGate })
]);
var StreamReset = z2.object({
  type: z2.literal("reset"),
  reason: z2.string(),
  revision: z2.number().int()
});

// shared/protocol/actions.ts
import { z as z3 } from "zod";
var ActionRequest = z3.discriminatedUnion("type", [
  z3.object({ type: z3.literal("rollout.pause"), rolloutId: Id }),
  z3.object({ type: z3.literal("rollout.resume"), rolloutId: Id }),
  z3.object({ type: z3.literal("rollout.abort"), rolloutId: Id }),
  z3.object({ type: z3.literal("component.rollback"), component: Id, toTrain: TrainIndex }),
  z3.object({ type: z3.literal("schema.rollback"), databaseGroup: Id, toTrain: TrainIndex }),
  z3.object({ type: z3.literal("toggle.set"), key: Id, state: ToggleState })
]);
var ActionStatus = z3.enum(["succeeded", "failed"]);
var ActionResult = z3.object({
  key: z3.string().min(8).max(128),
  request: ActionRequest,
  status: ActionStatus,
  message: z3.string(),
  acceptedAt: IsoTime,
  /** Revision of the change event that carries the action's effect, when it succeeded. */
  revision: z3.number().int().nullable()
});
var ProtocolError = z3.object({
  error: z3.object({ code: z3.string(), message: z3.string() })
});

// shared/protocol/telemetry.ts
import { z as z4 } from "zod";
var Signal = z4.enum(["request_rate", "error_rate", "latency_p50", "latency_p95", "latency_p99", "health"]);
var TelemetryQuery = z4.object({
  component: Id.optional(),
  signal: Signal,
  version: z4.string().min(1).optional(),
  from: IsoTime,
  to: IsoTime,
  stepSeconds: z4.number().int().min(1).max(86400)
});
var Series = z4.object({
  component: Id,
  version: z4.string().min(1),
  signal: Signal,
  unit: z4.string(),
  /** [unix seconds, value] */
  points: z4.array(z4.tuple([z4.number(), z4.number()]))
});
var TelemetryResponse = z4.object({
  region: Id,
  series: z4.array(Series)
});
function badPoint(points) {
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (!Array.isArray(p) || p.length !== 2) return { path: [i], message: `expected [unix seconds, value], got ${JSON.stringify(p)?.slice(0, 80)}` };
    for (let j = 0; j < 2; j++) if (!Number.isFinite(p[j])) return { path: [i, j], message: `expected a finite number, got ${JSON.stringify(p[j])?.slice(0, 40)}` };
  }
  return null;
}
var TimePoints = z4.custom((v) => Array.isArray(v), { message: "expected an array of [unix seconds, value] pairs" }).superRefine((points, ctx) => {
  const bad = badPoint(points);
  if (bad) ctx.addIssue({ code: "custom", path: bad.path, message: bad.message });
});
var CheckedTelemetryResponse = TelemetryResponse.extend({
  series: z4.array(Series.extend({ points: TimePoints }))
});
var Health = z4.object({
  status: z4.enum(["ok", "degraded"]),
  region: Id,
  time: IsoTime,
  revision: z4.number().int()
});

// shared/compat/schemas.ts
var RuleId = z5.enum(["version-window", "peer-skew", "schema-skew", "toggle-min-version"]);
var InvolvedVersion = z5.object({
  region: z5.string(),
  component: z5.string(),
  version: z5.string(),
  train: z5.number().int(),
  trainName: z5.string(),
  instances: z5.number().int(),
  activeUsers: z5.number().int()
});
var InvolvedSchemaTrain = z5.object({
  train: z5.number().int(),
  trainName: z5.string(),
  databases: z5.number().int(),
  /** Of `databases`, how many are mid-migration (they count on both sides of it). */
  migrating: z5.number().int()
});
var DeclaredRange = z5.object({
  region: z5.string(),
  component: z5.string(),
  version: z5.string(),
  train: z5.number().int(),
  trainName: z5.string(),
  /** What the range is about: a component it calls, a component that calls it, or a database group. */
  about: z5.enum(["callee", "caller", "database-group"]),
  /** The callee / caller component id or the database group id. */
  subject: z5.string(),
  min: z5.number().int(),
  max: z5.number().int(),
  minName: z5.string(),
  maxName: z5.string(),
  /** "search 4.2.0 (train 2026.44) declares search-index trains 2026.41–2026.45" */
  text: z5.string()
});
var Violation = z5.object({
  /** Deterministic: rule + regions + subject + trains. Same problem, same id, across evaluations. */
  id: z5.string(),
  /** The id without trains: what the violation is about (e.g. search in eu-west), to pair changes. */
  subject: z5.string(),
  rule: RuleId,
  regions: z5.array(z5.string()),
  components: z5.array(z5.string()),
  databaseGroup: z5.string().nullable(),
  toggle: z5.string().nullable(),
  /**
   * The trains the id is built from. version-window: [oldest, newest]; peer-skew: [caller, callee]
   * of the worst pair; schema-skew: [component train, schema train]; toggle-min-version: [required].
   */
  trains: z5.array(z5.number().int()),
  /** Names of `trains`, in the same order. */
  trainNames: z5.array(z5.string()),
  /** How far apart, in trains (window: newest − oldest; toggle: required − oldest live). */
  gap: z5.number().int(),
  /** The largest allowed gap for this rule. */
  limit: z5.number().int(),
  versions: z5.array(InvolvedVersion),
  schemaTrains: z5.array(InvolvedSchemaTrain),
  /** Live instances touched, and the sum of their active users. */
  instances: z5.number().int(),
  activeUsers: z5.number().int(),
  databases: z5.number().int(),
  firstSeen: IsoTime,
  sentence: z5.string(),
  /** Declared ranges the involved pairs fall outside; absent when only the default ±1 was broken. */
  declarations: z5.array(DeclaredRange).optional()
});
var DeclaredException = z5.object({
  /** `declared-exception:` + the id the violation would have had. */
  id: z5.string(),
  rule: z5.enum(["peer-skew", "schema-skew"]),
  regions: z5.array(z5.string()),
  components: z5.array(z5.string()),
  databaseGroup: z5.string().nullable(),
  /** peer-skew: [caller, callee] of the widest allowed pair; schema-skew: [component train, schema train]. */
  trains: z5.array(z5.number().int()),
  trainNames: z5.array(z5.string()),
  gap: z5.number().int(),
  /** The default limit the pair exceeds. */
  limit: z5.number().int(),
  versions: z5.array(InvolvedVersion),
  instances: z5.number().int(),
  activeUsers: z5.number().int(),
  /** The declarations that allow it. */
  declarations: z5.array(DeclaredRange).min(1),
  sentence: z5.string()
});
var InputEntity = z5.enum([
  "fleet",
  "region",
  "train",
  "component",
  "componentVersion",
  "dependency",
  "instance",
  "databaseGroup",
  "database",
  "toggle",
  "rollout",
  "action"
]);
var CompatInputError = z5.object({
  region: z5.string(),
  entity: InputEntity,
  /** Id of the offending entity (instance id, toggle key, "search@4.2.0", …). */
  entityId: z5.string(),
  /** Path inside that region's FleetState document (or inside the what-if request). */
  path: z5.array(z5.union([z5.string(), z5.number()])),
  /** `path` as text, e.g. `instances[3].version`. */
  field: z5.string(),
  message: z5.string()
});
var Verdict = z5.object({
  /** True when there are no input errors (violations may still exist). */
  ok: z5.boolean(),
  violations: z5.array(Violation),
  /**
   * Pairs beyond ±1 that declarations allow (never violations, never silent). Defaults to none when
   * absent, so verdicts recorded before declared ranges existed (snapshots) still parse.
   */
  exceptions: z5.array(DeclaredException).default([]),
  errors: z5.array(CompatInputError),
  /** Regions that were evaluated, in input order. */
  regions: z5.array(z5.string()),
  /** Regions left out because their state has input errors. */
  excludedRegions: z5.array(z5.string())
});
var RolloutStepAction = z5.object({ type: z5.literal("rollout.step"), rolloutId: Id });
var CompatAction = z5.discriminatedUnion("type", [...ActionRequest.options, RolloutStepAction]);
var WhatIfRequest = z5.object({ region: Id, action: CompatAction });
var WhatIfResult = z5.object({
  /** False when the request or the fleet has input errors; then the lists cover only what could be evaluated. */
  ok: z5.boolean(),
  errors: z5.array(CompatInputError),
  /** In the after-state only: the action would create these. */
  introduced: z5.array(Violation),
  /** In the before-state only: the action would clear these. */
  resolved: z5.array(Violation),
  /** In both (as they would be after the action). */
  unchanged: z5.array(Violation),
  /** Declared exceptions the action would create (allowed by a declaration, beyond ±1). */
  exceptionsIntroduced: z5.array(DeclaredException)
});
var VersionMixEntry = z5.object({
  train: z5.number().int(),
  trainName: z5.string(),
  version: z5.string(),
  count: z5.number().int(),
  activeUsers: z5.number().int()
});
var CellStatus = z5.enum(["ok", "warning", "exception", "violation"]);
var CellCompliance = z5.object({
  region: z5.string(),
  component: z5.string(),
  /**
   * violation: some violation names this region and component; exception: some declared exception
   * does (and no violation); warning: live span exactly at the limit (2).
   */
  status: CellStatus,
  /** Newest − oldest live train in the region, null when nothing runs. */
  span: z5.number().int().nullable(),
  violationIds: z5.array(z5.string()),
  exceptionIds: z5.array(z5.string())
});

// shared/compat/ids.ts
function violationSubject(rule, regions, subject3) {
  return [rule, regions.map(encodeURIComponent).join(">"), subject3.map(encodeURIComponent).join(">")].join(":");
}
function violationId(subject3, trains3) {
  return `${subject3}:${trains3.join("-")}`;
}
var FLEET_REGION_TOKEN = "*";
function joinKey(...parts) {
  let key = parts[0] ?? "";
  for (let i = 1; i < parts.length; i++) key += `\0${parts[i] ?? ""}`;
  return key;
}

// shared/compat/edge-index.ts
function buildEdgeIndex(regions) {
  const regionIds = regions.map((r) => r.regionId);
  const pairs = /* @__PURE__ */ new Map();
  const add2 = (pair) => {
    const key = joinKey(pair.from, pair.to, pair.callerRegion, pair.calleeRegion);
    if (!pairs.has(key)) pairs.set(key, pair);
  };
  for (const { regionId, dependencies } of regions) {
    for (const dep of dependencies) {
      add2({ from: dep.from, to: dep.to, callerRegion: regionId, calleeRegion: regionId });
      if (!dep.crossRegion) continue;
      for (const other of regionIds) add2({ from: dep.from, to: dep.to, callerRegion: regionId, calleeRegion: other });
    }
  }
  const byEnd = /* @__PURE__ */ new Map();
  const index = (region, component, pair) => {
    const key = joinKey(region, component);
    const list = byEnd.get(key);
    if (!list) byEnd.set(key, [pair]);
    else if (!list.includes(pair)) list.push(pair);
  };
  for (const pair of pairs.values()) {
    index(pair.callerRegion, pair.from, pair);
    index(pair.calleeRegion, pair.to, pair);
  }
  return {
    pairs: [...pairs.values()],
    touching: (region, component) => byEnd.get(joinKey(region, component)) ?? []
  };
}

// shared/zod-issues.ts
function formatPath(path) {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out === "" ? "(root)" : out;
}
function issuePath(issue) {
  return (issue?.path ?? []).map((p) => typeof p === "symbol" ? String(p) : p);
}

// shared/compat/format.ts
var COUNT_FORMAT = new Intl.NumberFormat("en-US");
function formatCount(n) {
  return COUNT_FORMAT.format(n);
}
function plural(n, singular, pluralForm = `${singular}s`) {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}
function joinList(items) {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1] ?? ""}`;
}
function impact(instances, activeUsers) {
  return `(${plural(instances, "instance")}, ${plural(activeUsers, "active user")})`;
}

// shared/compat/input-error.ts
function inputError(region, entity, entityId, path, message) {
  return { region, entity, entityId, path: [...path], field: formatPath(path), message };
}

// shared/compat/nested-cache.ts
var NestedCache = class _NestedCache {
  outer;
  constructor(outer = /* @__PURE__ */ new Map()) {
    this.outer = outer;
  }
  get(region, key) {
    return this.outer.get(region)?.get(key);
  }
  set(region, key, value) {
    let inner = this.outer.get(region);
    if (!inner) this.outer.set(region, inner = /* @__PURE__ */ new Map());
    inner.set(key, value);
  }
  delete(region, key) {
    this.outer.get(region)?.delete(key);
  }
  clear() {
    this.outer.clear();
  }
  /** An independent copy (values are shared; they are never mutated). */
  clone() {
    return new _NestedCache(new Map([...this.outer].map(([region, inner]) => [region, new Map(inner)])));
  }
};

// shared/compat/declarations.ts
function inRange(range, train) {
  return train >= range.min && train <= range.max;
}
function resolveDeclaration(cv) {
  const c = cv.compatibility;
  if (!c) return void 0;
  const callees = new Map((c.callees ?? []).map((r) => [r.component, r.trains]));
  const callers = new Map((c.callers ?? []).map((r) => [r.component, r.trains]));
  const groups = new Map((c.databaseGroups ?? []).map((r) => [r.group, r.trains]));
  if (callees.size === 0 && callers.size === 0 && groups.size === 0) return void 0;
  return { callees, callers, groups };
}
function indexDeclaration(index, cv) {
  const declaration = resolveDeclaration(cv);
  let byVersion = index.get(cv.component);
  if (declaration) {
    if (!byVersion) index.set(cv.component, byVersion = /* @__PURE__ */ new Map());
    byVersion.set(cv.version, declaration);
  } else if (byVersion) {
    byVersion.delete(cv.version);
    if (byVersion.size === 0) index.delete(cv.component);
  }
}
function buildDeclarationIndex(componentVersions) {
  const index = /* @__PURE__ */ new Map();
  for (const cv of componentVersions) indexDeclaration(index, cv);
  return index;
}

// shared/compat/tallies.ts
function isLive(state) {
  return state !== "failed";
}
function shapeOf(database) {
  const m = database.migration;
  return { schemaTrain: database.schemaTrain, fromTrain: m?.fromTrain ?? null, toTrain: m?.toTrain ?? null };
}
function shapeKey(shape3) {
  return `${shape3.schemaTrain}:${shape3.fromTrain ?? ""}:${shape3.toTrain ?? ""}`;
}
function shapeTrains(shape3) {
  const trains3 = [shape3.schemaTrain];
  if (shape3.fromTrain !== null && !trains3.includes(shape3.fromTrain)) trains3.push(shape3.fromTrain);
  if (shape3.toTrain !== null && !trains3.includes(shape3.toTrain)) trains3.push(shape3.toTrain);
  return trains3;
}
function emptyGroupTally() {
  return { plain: /* @__PURE__ */ new Map(), migrating: /* @__PURE__ */ new Map() };
}
function tallyShape(tally, shape3, count5) {
  if (shape3.fromTrain === null && shape3.toTrain === null) {
    const next2 = (tally.plain.get(shape3.schemaTrain) ?? 0) + count5;
    if (next2 <= 0) tally.plain.delete(shape3.schemaTrain);
    else tally.plain.set(shape3.schemaTrain, next2);
    return;
  }
  const key = shapeKey(shape3);
  const entry = tally.migrating.get(key);
  const next = (entry?.count ?? 0) + count5;
  if (next <= 0) tally.migrating.delete(key);
  else tally.migrating.set(key, { shape: shape3, count: next });
}
function tallyDatabase(tallies, database, sign2) {
  let tally = tallies.get(database.group);
  let keysChanged = false;
  if (!tally) {
    tally = emptyGroupTally();
    tallies.set(database.group, tally);
    keysChanged = true;
  }
  const before = tally.plain.size + tally.migrating.size;
  tallyShape(tally, shapeOf(database), sign2);
  const after = tally.plain.size + tally.migrating.size;
  if (after === 0) tallies.delete(database.group);
  return keysChanged || before !== after;
}

// shared/compat/region-index.ts
function storeValues(store) {
  return Array.isArray(store) ? store : store.values();
}
function versionKey(component, version) {
  return `${component}@${version}`;
}
function trainOfVersion(region, component, version) {
  return region.versionTrains.get(component)?.get(version);
}
function buildVersionTrains(componentVersions) {
  const out = /* @__PURE__ */ new Map();
  for (const cv of componentVersions) {
    let byVersion = out.get(cv.component);
    if (!byVersion) out.set(cv.component, byVersion = /* @__PURE__ */ new Map());
    byVersion.set(cv.version, cv.train);
  }
  return out;
}
function groupsByComponentOf(groups) {
  const out = /* @__PURE__ */ new Map();
  for (const group of groups) {
    for (const component of new Set(group.usedBy)) {
      const list = out.get(component);
      if (list) list.push(group.id);
      else out.set(component, [group.id]);
    }
  }
  return out;
}
function keyed(items, key) {
  const out = /* @__PURE__ */ new Map();
  for (const item of items) out.set(key(item), item);
  return out;
}
function buildRegionIndex(state, keyedEntities) {
  const componentVersions = keyed(state.componentVersions, (cv) => versionKey(cv.component, cv.version));
  const databaseGroups = keyed(state.databaseGroups, (g) => g.id);
  const instances = keyedEntities ? keyed(state.instances, (i) => i.id) : state.instances;
  const databases = keyedEntities ? keyed(state.databases, (d) => d.id) : state.databases;
  return {
    info: state.region,
    revision: state.revision,
    generatedAt: state.generatedAt,
    trains: state.trains,
    trainSet: new Set(state.trains.map((t) => t.index)),
    components: state.components,
    componentIds: new Set(state.components.map((c) => c.id)),
    componentVersions,
    versionTrains: buildVersionTrains(componentVersions.values()),
    declarations: buildDeclarationIndex(componentVersions.values()),
    dependencies: state.dependencies,
    databaseGroups,
    groupsByComponent: groupsByComponentOf(databaseGroups.values()),
    toggles: keyed(state.toggles, (t) => t.key),
    rollouts: keyed(state.rollouts, (r) => r.id),
    stageGates: [...state.stageGates],
    instances,
    databases,
    instanceTallies: countInstances(storeValues(instances)),
    groupTallies: countDatabases(storeValues(databases))
  };
}
function countInstances(instances) {
  const tallies = /* @__PURE__ */ new Map();
  for (const instance of instances) {
    let byVersion = tallies.get(instance.component);
    if (byVersion === void 0) tallies.set(instance.component, byVersion = /* @__PURE__ */ new Map());
    let tally = byVersion.get(instance.version);
    if (tally === void 0) byVersion.set(instance.version, tally = { total: 0, live: 0, liveUsers: 0 });
    tally.total++;
    if (isLive(instance.state)) {
      tally.live++;
      tally.liveUsers += instance.activeUsers;
    }
  }
  return tallies;
}
function countDatabases(databases) {
  const tallies = /* @__PURE__ */ new Map();
  for (const database of databases) {
    if (database.migration === null) {
      let tally = tallies.get(database.group);
      if (tally === void 0) tallies.set(database.group, tally = { plain: /* @__PURE__ */ new Map(), migrating: /* @__PURE__ */ new Map() });
      tally.plain.set(database.schemaTrain, (tally.plain.get(database.schemaTrain) ?? 0) + 1);
    } else {
      tallyDatabase(tallies, database, 1);
    }
  }
  return tallies;
}

// shared/compat/region-errors.ts
function regionInputErrors(region) {
  return [...structuralErrors(region), ...instanceErrors(region), ...databaseErrors(region)];
}
function structuralErrors(region) {
  const id = region.info.id;
  const errors = [];
  const knownComponent = (c) => region.componentIds.has(c);
  [...region.componentVersions.values()].forEach((cv, i) => {
    const key = `${cv.component}@${cv.version}`;
    if (!knownComponent(cv.component)) {
      errors.push(inputError(id, "componentVersion", key, ["componentVersions", i, "component"], `component "${cv.component}" is not in components`));
    }
    if (!region.trainSet.has(cv.train)) {
      errors.push(inputError(id, "componentVersion", key, ["componentVersions", i, "train"], `train ${cv.train} is not in trains`));
    }
  });
  errors.push(...declarationErrors(region));
  region.dependencies.forEach((dep, i) => {
    for (const end of ["from", "to"]) {
      if (!knownComponent(dep[end])) {
        errors.push(inputError(id, "dependency", `${dep.from}->${dep.to}`, ["dependencies", i, end], `component "${dep[end]}" is not in components`));
      }
    }
  });
  [...region.databaseGroups.values()].forEach((group, i) => {
    group.usedBy.forEach((component, j) => {
      if (!knownComponent(component)) {
        errors.push(inputError(id, "databaseGroup", group.id, ["databaseGroups", i, "usedBy", j], `component "${component}" is not in components`));
      }
    });
  });
  [...region.toggles.values()].forEach((toggle, i) => {
    const min = toggle.minVersion;
    if (!min) return;
    if (!knownComponent(min.component)) {
      errors.push(inputError(id, "toggle", toggle.key, ["toggles", i, "minVersion", "component"], `component "${min.component}" is not in components`));
    } else if (region.versionTrains.get(min.component)?.get(min.version) === void 0) {
      errors.push(inputError(id, "toggle", toggle.key, ["toggles", i, "minVersion", "version"], `${min.component} version "${min.version}" is not in componentVersions`));
    }
  });
  return errors;
}
function instanceErrors(region) {
  const badComponents = /* @__PURE__ */ new Set();
  const badVersions = /* @__PURE__ */ new Map();
  for (const [component, byVersion] of region.instanceTallies) {
    if (!region.componentIds.has(component)) {
      badComponents.add(component);
      continue;
    }
    const trains3 = region.versionTrains.get(component);
    for (const [version, tally] of byVersion) {
      if (trains3?.get(version) === void 0) badVersions.set(`${component}@${version}`, tally.total);
    }
  }
  if (badComponents.size === 0 && badVersions.size === 0) return [];
  const found = /* @__PURE__ */ new Map();
  let index = 0;
  for (const instance of storeValues(region.instances)) {
    const i = index++;
    if (badComponents.has(instance.component)) {
      const key = `component:${instance.component}`;
      if (!found.has(key)) {
        found.set(key, { index: i, error: inputError(region.info.id, "instance", instance.id, ["instances", i, "component"], `component "${instance.component}" is not in components`) });
      }
      continue;
    }
    const versionKey2 = `${instance.component}@${instance.version}`;
    const count5 = badVersions.get(versionKey2);
    if (count5 !== void 0 && !found.has(versionKey2)) {
      const message = `${instance.component} version "${instance.version}" is not in componentVersions (${plural(count5, "instance")})`;
      found.set(versionKey2, { index: i, error: inputError(region.info.id, "instance", instance.id, ["instances", i, "version"], message) });
    }
  }
  return [...found.values()].sort((a, b) => a.index - b.index).map((l) => l.error);
}
function databaseErrors(region) {
  const badGroups = /* @__PURE__ */ new Set();
  const badTrains = /* @__PURE__ */ new Set();
  for (const [group, tally] of region.groupTallies) {
    if (!region.databaseGroups.has(group)) badGroups.add(group);
    for (const train of tally.plain.keys()) if (!region.trainSet.has(train)) badTrains.add(train);
    for (const { shape: shape3 } of tally.migrating.values()) {
      for (const train of shapeTrains(shape3)) if (!region.trainSet.has(train)) badTrains.add(train);
    }
  }
  if (badGroups.size === 0 && badTrains.size === 0) return [];
  const found = /* @__PURE__ */ new Map();
  let i = 0;
  for (const db of storeValues(region.databases)) {
    const at = (key, path, message) => {
      if (!found.has(key)) found.set(key, inputError(region.info.id, "database", db.id, ["databases", i, ...path], message));
    };
    if (badGroups.has(db.group)) at(`group:${db.group}`, ["group"], `database group "${db.group}" is not in databaseGroups`);
    const fields = [
      [["schemaTrain"], db.schemaTrain],
      [["migration", "fromTrain"], db.migration?.fromTrain],
      [["migration", "toTrain"], db.migration?.toTrain]
    ];
    for (const [path, train] of fields) {
      if (train !== void 0 && badTrains.has(train)) at(`train:${train}`, path, `train ${train} is not in trains`);
    }
    i++;
  }
  return [...found.values()];
}
function declarationErrors(region) {
  if (region.declarations.size === 0) return [];
  const id = region.info.id;
  const calls = new Set(region.dependencies.map((d) => JSON.stringify([d.from, d.to])));
  const errors = [];
  [...region.componentVersions.values()].forEach((cv, i) => {
    const c = cv.compatibility;
    if (!c) return;
    const key = `${cv.component}@${cv.version}`;
    (c.callees ?? []).forEach((range, j) => {
      const path = ["componentVersions", i, "compatibility", "callees", j, "component"];
      if (!region.componentIds.has(range.component)) {
        errors.push(inputError(id, "componentVersion", key, path, `declared callee "${range.component}" is not in components`));
      } else if (!calls.has(JSON.stringify([cv.component, range.component]))) {
        errors.push(inputError(id, "componentVersion", key, path, `declared callee "${range.component}": no dependency ${cv.component} \u2192 ${range.component} in this region`));
      }
    });
    (c.databaseGroups ?? []).forEach((range, j) => {
      const path = ["componentVersions", i, "compatibility", "databaseGroups", j, "group"];
      const group = region.databaseGroups.get(range.group);
      if (!group) errors.push(inputError(id, "componentVersion", key, path, `declared database group "${range.group}" is not in databaseGroups`));
      else if (!group.usedBy.includes(cv.component)) {
        errors.push(inputError(id, "componentVersion", key, path, `declared database group "${range.group}" does not list ${cv.component} in usedBy`));
      }
    });
  });
  return errors;
}

// shared/compat/summaries.ts
var EMPTY_SUMMARY = { buckets: [], live: 0, users: 0 };
function summarizeComponent(tally, trains3) {
  if (!tally || !trains3) return EMPTY_SUMMARY;
  const byTrain = /* @__PURE__ */ new Map();
  let live = 0;
  let users = 0;
  for (const [version, t] of tally) {
    const train = trains3.get(version);
    if (t.live <= 0 || train === void 0) continue;
    let bucket = byTrain.get(train);
    if (!bucket) byTrain.set(train, bucket = { train, live: 0, users: 0, versions: [] });
    bucket.live += t.live;
    bucket.users += t.liveUsers;
    bucket.versions.push({ version, live: t.live, users: t.liveUsers });
    live += t.live;
    users += t.liveUsers;
  }
  const buckets = [...byTrain.values()].sort((a, b) => a.train - b.train);
  for (const bucket of buckets) bucket.versions.sort((a, b) => a.version < b.version ? -1 : a.version > b.version ? 1 : 0);
  return { buckets, live, users };
}
function summarizeGroup(tally) {
  if (!tally) return [];
  const byTrain = /* @__PURE__ */ new Map();
  const bucket = (train) => {
    let b = byTrain.get(train);
    if (!b) byTrain.set(train, b = { train, databases: 0, migrating: 0 });
    return b;
  };
  for (const [train, count5] of tally.plain) bucket(train).databases += count5;
  for (const { shape: shape3, count: count5 } of tally.migrating.values()) {
    for (const train of shapeTrains(shape3)) {
      const b = bucket(train);
      b.databases += count5;
      b.migrating += count5;
    }
  }
  return [...byTrain.values()].sort((a, b) => a.train - b.train);
}

// shared/compat/train-catalog.ts
function buildTrainCatalog(regions) {
  const names = /* @__PURE__ */ new Map();
  const errors = [];
  for (const { regionId, trains: trains3 } of regions) {
    trains3.forEach((train, i) => {
      const known = names.get(train.index);
      if (!known) names.set(train.index, { name: train.name, region: regionId });
      else if (known.name !== train.name) {
        errors.push(
          inputError(
            regionId,
            "train",
            String(train.index),
            ["trains", i, "name"],
            `train ${train.index} is named "${train.name}" here but "${known.name}" in ${known.region}`
          )
        );
      }
    });
  }
  return {
    catalog: {
      name: (index) => names.get(index)?.name,
      label: (index) => names.get(index)?.name ?? `#${index}`
    },
    errors
  };
}

// shared/compat/rules/context.ts
function involvedVersions(ctx, region, component, buckets) {
  return buckets.flatMap(
    (b) => b.versions.map((v) => ({
      region,
      component,
      version: v.version,
      train: b.train,
      trainName: ctx.catalog.label(b.train),
      instances: v.live,
      activeUsers: v.users
    }))
  );
}
function bucketLabel(ctx, bucket) {
  return `${joinList(bucket.versions.map((v) => v.version))} (train ${ctx.catalog.label(bucket.train)})`;
}
function sumBuckets(buckets) {
  let instances = 0;
  let activeUsers = 0;
  for (const b of buckets) {
    instances += b.live;
    activeUsers += b.users;
  }
  return { instances, activeUsers };
}
function trainsApart(gap) {
  return gap === 1 ? "1 train apart" : `${gap} trains apart`;
}

// shared/compat/rules/declared-ranges.ts
function versionEntries(ctx, region, component) {
  const declarations = ctx.region(region)?.declarations.get(component);
  const out = [];
  for (const bucket of ctx.summary(region, component).buckets) {
    for (const v of bucket.versions) {
      out.push({ ordinal: out.length, region, component, train: bucket.train, version: v.version, live: v.live, users: v.users, declaration: declarations?.get(v.version) });
    }
  }
  return out;
}
function entriesToBuckets(entries) {
  const unique = [...new Map([...entries].map((e) => [e.ordinal, e])).values()].sort((a, b) => a.ordinal - b.ordinal);
  const buckets = [];
  for (const e of unique) {
    let bucket = buckets[buckets.length - 1];
    if (bucket?.train !== e.train) buckets.push(bucket = { train: e.train, live: 0, users: 0, versions: [] });
    bucket.live += e.live;
    bucket.users += e.users;
    bucket.versions.push({ version: e.version, live: e.live, users: e.users });
  }
  return buckets;
}
function declaredRange(ctx, entry, about, subject3, range) {
  const minName = ctx.catalog.label(range.min);
  const maxName = ctx.catalog.label(range.max);
  const trains3 = range.min === range.max ? `train ${minName}` : `trains ${minName}\u2013${maxName}`;
  const what = about === "database-group" ? `${subject3} schemas at` : about === "caller" ? `callers ${subject3} at` : subject3;
  return {
    region: entry.region,
    component: entry.component,
    version: entry.version,
    train: entry.train,
    trainName: ctx.catalog.label(entry.train),
    about,
    subject: subject3,
    min: range.min,
    max: range.max,
    minName,
    maxName,
    text: `${entry.component} ${entry.version} in ${entry.region} declares ${what} ${trains3}`
  };
}
function uniqueRanges(ranges) {
  const out = /* @__PURE__ */ new Map();
  for (const r of ranges) {
    const key = JSON.stringify([r.region, r.component, r.version, r.about, r.subject]);
    if (!out.has(key)) out.set(key, r);
  }
  return [...out.values()];
}
function rangeTexts(ranges) {
  const shown = ranges.slice(0, 3).map((r) => r.text);
  const more2 = ranges.length - shown.length;
  return more2 > 0 ? `${shown.join("; ")} and ${more2} more` : joinList(shown);
}

// shared/compat/rules/peer-declared.ts
var DECLARED_EXCEPTION_PREFIX = "declared-exception:";
function declaredPeerFindings(ctx, pair, limit) {
  const callers = versionEntries(ctx, pair.callerRegion, pair.from);
  const callees = versionEntries(ctx, pair.calleeRegion, pair.to);
  const bad = [];
  const allowed = [];
  for (const caller of callers) {
    const forCallee = caller.declaration?.callees.get(pair.to);
    for (const callee of callees) {
      const forCaller = callee.declaration?.callers.get(pair.from);
      const gap = Math.abs(caller.train - callee.train);
      if (!forCallee && !forCaller) {
        if (gap > limit) bad.push({ caller, callee, gap, ranges: [] });
        continue;
      }
      const broken = [];
      const holding = [];
      if (forCallee) (inRange(forCallee, callee.train) ? holding : broken).push(declaredRange(ctx, caller, "callee", pair.to, forCallee));
      if (forCaller) (inRange(forCaller, caller.train) ? holding : broken).push(declaredRange(ctx, callee, "caller", pair.from, forCaller));
      if (broken.length > 0) bad.push({ caller, callee, gap, ranges: broken });
      else if (gap > limit) allowed.push({ caller, callee, gap, ranges: holding });
    }
  }
  return {
    violations: bad.length > 0 ? [peerViolation(ctx, pair, limit, bad)] : [],
    exceptions: allowed.length > 0 ? [peerException(ctx, pair, limit, allowed)] : []
  };
}
function widest(pairs) {
  let best = pairs[0];
  for (const p of pairs) {
    const up = p.caller.train >= p.callee.train;
    const bestUp = best.caller.train >= best.callee.train;
    if (p.gap > best.gap || p.gap === best.gap && (up && !bestUp || up === bestUp && p.caller.train > best.caller.train)) best = p;
  }
  return best;
}
function shape(ctx, pair, pairs) {
  const worst = widest(pairs);
  const sameSide = pair.from === pair.to && pair.callerRegion === pair.calleeRegion;
  const callerBuckets = entriesToBuckets(pairs.map((p) => p.caller));
  const calleeBuckets = entriesToBuckets(pairs.map((p) => p.callee));
  const touched = sameSide ? entriesToBuckets(pairs.flatMap((p) => [p.caller, p.callee])) : [...callerBuckets, ...calleeBuckets];
  const { instances, activeUsers } = sumBuckets(touched);
  const local = pair.callerRegion === pair.calleeRegion;
  const regions = local ? [pair.callerRegion] : [pair.callerRegion, pair.calleeRegion];
  const versions = sameSide ? involvedVersions(ctx, pair.callerRegion, pair.from, touched) : [...involvedVersions(ctx, pair.callerRegion, pair.from, callerBuckets), ...involvedVersions(ctx, pair.calleeRegion, pair.to, calleeBuckets)];
  const worstCaller = entriesToBuckets(pairs.filter((p) => p.caller.train === worst.caller.train).map((p) => p.caller))[0];
  const worstCallee = entriesToBuckets(pairs.filter((p) => p.callee.train === worst.callee.train).map((p) => p.callee))[0];
  const a = worstCaller ? bucketLabel(ctx, worstCaller) : worst.caller.version;
  const b = worstCallee ? bucketLabel(ctx, worstCallee) : worst.callee.version;
  const where = local ? `In ${pair.callerRegion}, ${pair.from} ${a} calls ${pair.to} ${b}` : `Across regions, ${pair.from} ${a} in ${pair.callerRegion} calls ${pair.to} ${b} in ${pair.calleeRegion}`;
  return {
    subject: violationSubject("peer-skew", regions, [pair.from, pair.to]),
    regions,
    components: pair.from === pair.to ? [pair.from] : [pair.from, pair.to],
    worst,
    trainPairs: new Set(pairs.map((p) => `${p.caller.train}>${p.callee.train}`)).size,
    where,
    versions,
    instances,
    activeUsers
  };
}
function peerViolation(ctx, pair, limit, pairs) {
  const s = shape(ctx, pair, pairs);
  const { worst } = s;
  const trains3 = [worst.caller.train, worst.callee.train];
  const others = s.trainPairs > 1 ? ` (the worst of ${s.trainPairs} incompatible train pairs)` : "";
  const declarations = uniqueRanges(pairs.flatMap((p) => p.ranges));
  const reason = worst.ranges.length > 0 ? `outside the declared range: ${rangeTexts(worst.ranges)}` : `but a caller and the component it calls may be at most 1 train apart` + (declarations.length > 0 ? `; other pairs fall outside the declared range: ${rangeTexts(declarations)}` : "");
  return {
    id: violationId(s.subject, trains3),
    subject: s.subject,
    rule: "peer-skew",
    regions: s.regions,
    components: s.components,
    databaseGroup: null,
    toggle: null,
    trains: trains3,
    trainNames: trains3.map((t) => ctx.catalog.label(t)),
    gap: worst.gap,
    limit,
    versions: s.versions,
    schemaTrains: [],
    instances: s.instances,
    activeUsers: s.activeUsers,
    databases: 0,
    sentence: `${s.where}: ${trainsApart(worst.gap)}${others}, ${reason} ${impact(s.instances, s.activeUsers)}.`,
    ...declarations.length > 0 ? { declarations } : {}
  };
}
function peerException(ctx, pair, limit, pairs) {
  const s = shape(ctx, pair, pairs);
  const { worst } = s;
  const trains3 = [worst.caller.train, worst.callee.train];
  const declarations = uniqueRanges(pairs.flatMap((p) => p.ranges));
  return {
    id: DECLARED_EXCEPTION_PREFIX + violationId(s.subject, trains3),
    rule: "peer-skew",
    regions: s.regions,
    components: s.components,
    databaseGroup: null,
    trains: trains3,
    trainNames: trains3.map((t) => ctx.catalog.label(t)),
    gap: worst.gap,
    limit,
    versions: s.versions,
    instances: s.instances,
    activeUsers: s.activeUsers,
    declarations,
    sentence: `${s.where}: ${trainsApart(worst.gap)}, beyond the default \xB11 but allowed by the declared range: ${rangeTexts(worst.ranges)} ${impact(s.instances, s.activeUsers)}.`
  };
}

// shared/compat/rules/peer-skew.ts
var PEER_LIMIT = 1;
function peerSkewFindings(ctx, pair) {
  const declaring = ctx.region(pair.callerRegion)?.declarations.has(pair.from) === true || ctx.region(pair.calleeRegion)?.declarations.has(pair.to) === true;
  return declaring ? declaredPeerFindings(ctx, pair, PEER_LIMIT) : { violations: peerSkewViolations(ctx, pair), exceptions: [] };
}
function peerSkewViolations(ctx, pair) {
  const callers = ctx.summary(pair.callerRegion, pair.from).buckets;
  const callees = ctx.summary(pair.calleeRegion, pair.to).buckets;
  const a0 = callers[0];
  const a1 = callers[callers.length - 1];
  const b0 = callees[0];
  const b1 = callees[callees.length - 1];
  if (!a0 || !a1 || !b0 || !b1) return [];
  const up = a1.train - b0.train;
  const down = b1.train - a0.train;
  const gap = Math.max(up, down);
  if (gap <= PEER_LIMIT) return [];
  const [worstCaller, worstCallee] = up >= down ? [a1, b0] : [a0, b1];
  const tooFar = (x, y) => Math.abs(x - y) > PEER_LIMIT;
  const badCallers = callers.filter((a) => callees.some((b) => tooFar(a.train, b.train)));
  const badCallees = callees.filter((b) => callers.some((a) => tooFar(a.train, b.train)));
  let pairs = 0;
  for (const a of callers) for (const b of callees) if (tooFar(a.train, b.train)) pairs++;
  const sameSide = pair.from === pair.to && pair.callerRegion === pair.calleeRegion;
  const touched = sameSide ? [.../* @__PURE__ */ new Set([...badCallers, ...badCallees])] : [...badCallers, ...badCallees];
  const { instances, activeUsers } = sumBuckets(touched);
  const local = pair.callerRegion === pair.calleeRegion;
  const regions = local ? [pair.callerRegion] : [pair.callerRegion, pair.calleeRegion];
  const subject3 = violationSubject("peer-skew", regions, [pair.from, pair.to]);
  const versions = sameSide ? involvedVersions(ctx, pair.callerRegion, pair.from, sortByTrain(touched)) : [...involvedVersions(ctx, pair.callerRegion, pair.from, badCallers), ...involvedVersions(ctx, pair.calleeRegion, pair.to, badCallees)];
  const others = pairs > 1 ? ` (the worst of ${pairs} incompatible train pairs)` : "";
  const where = local ? `In ${pair.callerRegion}, ${pair.from} ${bucketLabel(ctx, worstCaller)} calls ${pair.to} ${bucketLabel(ctx, worstCallee)}` : `Across regions, ${pair.from} ${bucketLabel(ctx, worstCaller)} in ${pair.callerRegion} calls ${pair.to} ${bucketLabel(ctx, worstCallee)} in ${pair.calleeRegion}`;
  return [
    {
      id: violationId(subject3, [worstCaller.train, worstCallee.train]),
      subject: subject3,
      rule: "peer-skew",
      regions,
      components: pair.from === pair.to ? [pair.from] : [pair.from, pair.to],
      databaseGroup: null,
      toggle: null,
      trains: [worstCaller.train, worstCallee.train],
      trainNames: [worstCaller.train, worstCallee.train].map((t) => ctx.catalog.label(t)),
      gap,
      limit: PEER_LIMIT,
      versions,
      schemaTrains: [],
      instances,
      activeUsers,
      databases: 0,
      sentence: `${where}: ${trainsApart(gap)}${others}, but a caller and the component it calls may be at most 1 train apart ${impact(instances, activeUsers)}.`
    }
  ];
}
function sortByTrain(buckets) {
  return [...buckets].sort((a, b) => a.train - b.train);
}

// shared/compat/rules/schema-skew.ts
var SCHEMA_LIMIT = 1;
function schemaSkewFindings(ctx, regionId, groupId2) {
  const region = ctx.region(regionId);
  const group = region?.databaseGroups.get(groupId2);
  const violations = [];
  const exceptions = [];
  if (!region || !group) return { violations, exceptions };
  const schemas = ctx.groupSummary(regionId, groupId2);
  if (schemas.length === 0) return { violations, exceptions };
  for (const component of new Set(group.usedBy)) {
    const declarations = region.declarations.get(component);
    for (const bucket of ctx.summary(regionId, component).buckets) {
      for (const schema of schemas) {
        const at = { regionId, group, component, bucket, schema, gap: Math.abs(bucket.train - schema.train) };
        if (!declarations) {
          if (at.gap > SCHEMA_LIMIT) violations.push(schemaViolation(ctx, at, []));
          continue;
        }
        const bad = [];
        const broken = [];
        const allowed = [];
        const allowing = [];
        for (const v of bucket.versions) {
          const range = declarations.get(v.version)?.groups.get(groupId2);
          if (!range) {
            if (at.gap > SCHEMA_LIMIT) bad.push(v);
            continue;
          }
          const entry = { ordinal: 0, region: regionId, component, train: bucket.train, version: v.version, live: v.live, users: v.users, declaration: void 0 };
          const declared = declaredRange(ctx, entry, "database-group", groupId2, range);
          if (!inRange(range, schema.train)) {
            bad.push(v);
            broken.push(declared);
          } else if (at.gap > SCHEMA_LIMIT) {
            allowed.push(v);
            allowing.push(declared);
          }
        }
        if (bad.length > 0) violations.push(schemaViolation(ctx, { ...at, bucket: only(bucket, bad) }, broken));
        if (allowed.length > 0) exceptions.push(schemaException(ctx, { ...at, bucket: only(bucket, allowed) }, allowing));
      }
    }
  }
  return { violations, exceptions };
}
function only(bucket, versions) {
  if (versions.length === bucket.versions.length) return bucket;
  return { train: bucket.train, live: versions.reduce((n, v) => n + v.live, 0), users: versions.reduce((n, v) => n + v.users, 0), versions };
}
function uses(ctx, at) {
  const migrating = at.schema.migrating > 0 ? `, ${at.schema.migrating} of them mid-migration` : "";
  return `In ${at.regionId}, ${at.component} ${bucketLabel(ctx, at.bucket)} uses ${at.group.name} databases at schema train ${ctx.catalog.label(at.schema.train)} (${plural(at.schema.databases, "database")}${migrating}): ${trainsApart(at.gap)}`;
}
function schemaViolation(ctx, at, declarations) {
  const { bucket, schema } = at;
  const subject3 = violationSubject("schema-skew", [at.regionId], [at.group.id, at.component]);
  const reason = declarations.length > 0 ? `, outside the declared range: ${rangeTexts(declarations)}` : `, but an instance may only use schemas within 1 train of its own`;
  return {
    id: violationId(subject3, [bucket.train, schema.train]),
    subject: subject3,
    rule: "schema-skew",
    regions: [at.regionId],
    components: [at.component],
    databaseGroup: at.group.id,
    toggle: null,
    trains: [bucket.train, schema.train],
    trainNames: [bucket.train, schema.train].map((t) => ctx.catalog.label(t)),
    gap: at.gap,
    limit: SCHEMA_LIMIT,
    versions: involvedVersions(ctx, at.regionId, at.component, [bucket]),
    schemaTrains: [{ train: schema.train, trainName: ctx.catalog.label(schema.train), databases: schema.databases, migrating: schema.migrating }],
    instances: bucket.live,
    activeUsers: bucket.users,
    databases: schema.databases,
    sentence: `${uses(ctx, at)}${reason} ${impact(bucket.live, bucket.users)}.`,
    ...declarations.length > 0 ? { declarations } : {}
  };
}
function schemaException(ctx, at, declarations) {
  const { bucket, schema } = at;
  const subject3 = violationSubject("schema-skew", [at.regionId], [at.group.id, at.component]);
  return {
    id: DECLARED_EXCEPTION_PREFIX + violationId(subject3, [bucket.train, schema.train]),
    rule: "schema-skew",
    regions: [at.regionId],
    components: [at.component],
    databaseGroup: at.group.id,
    trains: [bucket.train, schema.train],
    trainNames: [bucket.train, schema.train].map((t) => ctx.catalog.label(t)),
    gap: at.gap,
    limit: SCHEMA_LIMIT,
    versions: involvedVersions(ctx, at.regionId, at.component, [bucket]),
    instances: bucket.live,
    activeUsers: bucket.users,
    declarations,
    sentence: `${uses(ctx, at)}, beyond the default \xB11 but allowed by the declared range: ${rangeTexts(declarations)} ${impact(bucket.live, bucket.users)}.`
  };
}

// shared/compat/rules/toggle-min-version.ts
function toggleMinVersionViolations(ctx, regionId, key) {
  const region = ctx.region(regionId);
  const toggle = region?.toggles.get(key);
  const min = toggle?.minVersion;
  if (!region || !toggle || !min || toggle.state !== "on") return [];
  const required = region.versionTrains.get(min.component)?.get(min.version);
  if (required === void 0) return [];
  const behind = ctx.summary(regionId, min.component).buckets.filter((b) => b.train < required);
  const oldest = behind[0];
  if (!oldest) return [];
  const { instances, activeUsers } = sumBuckets(behind);
  const subject3 = violationSubject("toggle-min-version", [regionId], [key, min.component]);
  const still = behind.map((b) => bucketLabel(ctx, b));
  return [
    {
      id: violationId(subject3, [required]),
      subject: subject3,
      rule: "toggle-min-version",
      regions: [regionId],
      components: [min.component],
      databaseGroup: null,
      toggle: key,
      trains: [required],
      trainNames: [required].map((t) => ctx.catalog.label(t)),
      gap: required - oldest.train,
      limit: 0,
      versions: involvedVersions(ctx, regionId, min.component, behind),
      schemaTrains: [],
      instances,
      activeUsers,
      databases: 0,
      sentence: `In ${regionId}, toggle ${key} is on but needs ${min.component} ${min.version} (train ${ctx.catalog.label(required)}) or later, while ${joinList(still)} still ${behind.length === 1 && oldest.versions.length === 1 ? "runs" : "run"} ${impact(instances, activeUsers)}.`
    }
  ];
}

// shared/compat/rules/version-window.ts
var WINDOW_LIMIT = 2;
function regionWindowViolations(ctx, regionId, component) {
  const { buckets } = ctx.summary(regionId, component);
  const oldest = buckets[0];
  const newest = buckets[buckets.length - 1];
  if (!oldest || !newest || newest.train - oldest.train <= WINDOW_LIMIT) return [];
  const gap = newest.train - oldest.train;
  const ends = [oldest, newest];
  const { instances, activeUsers } = sumBuckets(ends);
  const subject3 = violationSubject("version-window", [regionId], [component]);
  return [
    {
      id: violationId(subject3, [oldest.train, newest.train]),
      subject: subject3,
      rule: "version-window",
      regions: [regionId],
      components: [component],
      databaseGroup: null,
      toggle: null,
      trains: [oldest.train, newest.train],
      trainNames: [oldest.train, newest.train].map((t) => ctx.catalog.label(t)),
      gap,
      limit: WINDOW_LIMIT,
      versions: involvedVersions(ctx, regionId, component, ends),
      schemaTrains: [],
      instances,
      activeUsers,
      databases: 0,
      sentence: `In ${regionId}, ${component} runs ${bucketLabel(ctx, oldest)} alongside ${bucketLabel(ctx, newest)}: that spans ${gap + 1} trains, but at most 3 consecutive trains may run side by side ${impact(instances, activeUsers)}.`
    }
  ];
}
function fleetWindowViolations(ctx, component) {
  const spans = [];
  for (const region of ctx.validRegions()) {
    const { buckets } = ctx.summary(region, component);
    const oldest = buckets[0];
    const newest = buckets[buckets.length - 1];
    if (oldest && newest) spans.push({ region, oldest, newest });
  }
  let worst;
  for (const a of spans) {
    for (const b of spans) {
      if (a === b) continue;
      const gap2 = b.newest.train - a.oldest.train;
      if (gap2 > WINDOW_LIMIT && (!worst || gap2 > worst.high - worst.low)) worst = { low: a.oldest.train, high: b.newest.train };
    }
  }
  if (!worst) return [];
  const { low, high } = worst;
  const gap = high - low;
  const olds = spans.filter((s) => s.oldest.train === low);
  const news = spans.filter((s) => s.newest.train === high);
  const versions = [
    ...olds.flatMap((s) => involvedVersions(ctx, s.region, component, [s.oldest])),
    ...news.flatMap((s) => involvedVersions(ctx, s.region, component, [s.newest]))
  ];
  const instances = versions.reduce((n, v) => n + v.instances, 0);
  const activeUsers = versions.reduce((n, v) => n + v.activeUsers, 0);
  const regions = spans.filter((s) => olds.includes(s) || news.includes(s)).map((s) => s.region);
  const side = (list, train, end) => {
    const names = [...new Set(list.flatMap((s) => s[end].versions.map((v) => v.version)))];
    return `${joinList(names)} (train ${ctx.catalog.label(train)}) in ${joinList(list.map((s) => s.region))}`;
  };
  const subject3 = violationSubject("version-window", [FLEET_REGION_TOKEN], [component]);
  return [
    {
      id: violationId(subject3, [low, high]),
      subject: subject3,
      rule: "version-window",
      regions,
      components: [component],
      databaseGroup: null,
      toggle: null,
      trains: [low, high],
      trainNames: [low, high].map((t) => ctx.catalog.label(t)),
      gap,
      limit: WINDOW_LIMIT,
      versions,
      schemaTrains: [],
      instances,
      activeUsers,
      databases: 0,
      sentence: `Across regions, ${component} runs ${side(olds, low, "oldest")} alongside ${side(news, high, "newest")}: that spans ${gap + 1} trains, but at most 3 consecutive trains may run side by side ${impact(instances, activeUsers)}.`
    }
  ];
}

// shared/compat/units.ts
function unitKey(unit) {
  switch (unit.kind) {
    case "window":
      return joinKey("w", unit.region, unit.component);
    case "fleet-window":
      return joinKey("f", unit.component);
    case "peer":
      return joinKey("p", unit.pair.from, unit.pair.to, unit.pair.callerRegion, unit.pair.calleeRegion);
    case "schema":
      return joinKey("s", unit.region, unit.group);
    case "toggle":
      return joinKey("t", unit.region, unit.key);
  }
}
function computeUnit(ctx, unit) {
  switch (unit.kind) {
    case "window":
      return { violations: regionWindowViolations(ctx, unit.region, unit.component), exceptions: [] };
    case "fleet-window":
      return { violations: fleetWindowViolations(ctx, unit.component), exceptions: [] };
    case "peer":
      return peerSkewFindings(ctx, unit.pair);
    case "schema":
      return schemaSkewFindings(ctx, unit.region, unit.group);
    case "toggle":
      return { violations: toggleMinVersionViolations(ctx, unit.region, unit.key), exceptions: [] };
  }
}
function unitsOfComponent(region, edges, component) {
  const id = region.info.id;
  const units = [
    { kind: "window", region: id, component },
    { kind: "fleet-window", component }
  ];
  for (const pair of edges.touching(id, component)) units.push({ kind: "peer", pair });
  for (const group of region.groupsByComponent.get(component) ?? []) units.push({ kind: "schema", region: id, group });
  for (const toggle of region.toggles.values()) {
    if (toggle.minVersion?.component === component) units.push({ kind: "toggle", region: id, key: toggle.key });
  }
  return units;
}
function unitsOfRegion(region, edges) {
  const id = region.info.id;
  const units = [];
  for (const component of region.instanceTallies.keys()) {
    units.push({ kind: "window", region: id, component }, { kind: "fleet-window", component });
  }
  for (const pair of edges.pairs) {
    if (pair.callerRegion === id || pair.calleeRegion === id) units.push({ kind: "peer", pair });
  }
  for (const group of region.databaseGroups.keys()) units.push({ kind: "schema", region: id, group });
  for (const key of region.toggles.keys()) units.push({ kind: "toggle", region: id, key });
  return units;
}

// shared/compat/model.ts
var RULE_ORDER = new Map(RuleId.options.map((rule, i) => [rule, i]));
var CompatModel = class _CompatModel {
  f;
  constructor(fields) {
    this.f = fields;
  }
  static fromStates(states, now, keyedEntities, previous = []) {
    const regions = /* @__PURE__ */ new Map();
    const duplicates = [];
    states.forEach((state, i) => {
      const id = state.region.id;
      if (regions.has(id)) {
        duplicates.push(inputError(id, "region", id, ["region", "id"], `region ${id} is given more than once (again as input ${i + 1})`));
      } else regions.set(id, buildRegionIndex(state, keyedEntities));
    });
    const model = new _CompatModel({
      regions,
      catalog: buildTrainCatalog([]).catalog,
      edges: buildEdgeIndex([]),
      duplicateErrors: duplicates,
      fleetErrors: /* @__PURE__ */ new Map(),
      regionErrors: /* @__PURE__ */ new Map(),
      summaries: new NestedCache(),
      groupSummaries: new NestedCache(),
      units: /* @__PURE__ */ new Map(),
      exceptions: /* @__PURE__ */ new Map(),
      dirtyUnits: /* @__PURE__ */ new Map(),
      dirtyErrors: /* @__PURE__ */ new Map(),
      seen: new Map(previous.map((v) => [v.id, v.firstSeen])),
      verdict: null
    });
    model.rebuildStructure(now);
    return model;
  }
  /** A copy that shares every table until the copy replaces it (for what-if). */
  fork() {
    this.refresh();
    const f = this.f;
    return new _CompatModel({
      ...f,
      regions: new Map(f.regions),
      fleetErrors: new Map(f.fleetErrors),
      regionErrors: new Map(f.regionErrors),
      summaries: f.summaries.clone(),
      groupSummaries: f.groupSummaries.clone(),
      units: new Map(f.units),
      exceptions: new Map(f.exceptions),
      dirtyUnits: /* @__PURE__ */ new Map(),
      dirtyErrors: /* @__PURE__ */ new Map(),
      seen: new Map(f.seen),
      verdict: null
    });
  }
  // ---- RuleContext -------------------------------------------------------------------------
  get catalog() {
    return this.f.catalog;
  }
  regionIds() {
    return [...this.f.regions.keys()];
  }
  validRegions() {
    return this.regionIds().filter((id) => this.isValid(id));
  }
  isValid(regionId) {
    return (this.f.regionErrors.get(regionId)?.length ?? 0) === 0 && (this.f.fleetErrors.get(regionId)?.length ?? 0) === 0;
  }
  /** A region without input errors (rules see only those). */
  region(regionId) {
    return this.isValid(regionId) ? this.f.regions.get(regionId) : void 0;
  }
  /** Any region, valid or not. */
  anyRegion(regionId) {
    return this.f.regions.get(regionId);
  }
  summary(regionId, component) {
    const region = this.region(regionId);
    if (!region) return EMPTY_SUMMARY;
    let summary = this.f.summaries.get(regionId, component);
    if (!summary) {
      summary = summarizeComponent(region.instanceTallies.get(component), region.versionTrains.get(component));
      this.f.summaries.set(regionId, component, summary);
    }
    return summary;
  }
  groupSummary(regionId, group) {
    const region = this.region(regionId);
    if (!region) return [];
    let summary = this.f.groupSummaries.get(regionId, group);
    if (!summary) {
      summary = summarizeGroup(region.groupTallies.get(group));
      this.f.groupSummaries.set(regionId, group, summary);
    }
    return summary;
  }
  // ---- changes -----------------------------------------------------------------------------
  /** Swaps a region's index without invalidating anything; pair with the *Changed calls. */
  setRegion(region) {
    this.f.regions.set(region.info.id, region);
  }
  /** A refetched region replaces the old one entirely (a new region id is added). */
  replaceRegion(state, at, keyedEntities) {
    this.f.regions.set(state.region.id, buildRegionIndex(state, keyedEntities));
    this.f.duplicateErrors = this.f.duplicateErrors.filter((e) => e.region !== state.region.id);
    this.rebuildStructure(at);
  }
  componentChanged(regionId, component, at) {
    const region = this.f.regions.get(regionId);
    if (!region) return;
    this.f.summaries.delete(regionId, component);
    for (const unit of unitsOfComponent(region, this.f.edges, component)) this.markDirty(unit, at);
  }
  groupChanged(regionId, group, at) {
    this.f.groupSummaries.delete(regionId, group);
    this.markDirty({ kind: "schema", region: regionId, group }, at);
  }
  toggleChanged(regionId, key, at) {
    this.markDirty({ kind: "toggle", region: regionId, key }, at);
  }
  /** The region's input errors must be re-derived (a table key appeared/vanished, a list changed). */
  errorsMayChange(regionId, at) {
    this.f.dirtyErrors.set(regionId, at);
    this.f.verdict = null;
  }
  /** Regions, trains or dependencies changed: re-derive everything fleet-level and every unit. */
  rebuildStructure(at) {
    const regions = [...this.f.regions.values()];
    const { catalog, errors } = buildTrainCatalog(regions.map((r) => ({ regionId: r.info.id, trains: r.trains })));
    this.f.catalog = catalog;
    this.f.edges = buildEdgeIndex(regions.map((r) => ({ regionId: r.info.id, dependencies: r.dependencies })));
    this.f.fleetErrors = /* @__PURE__ */ new Map();
    for (const error of [...this.f.duplicateErrors, ...errors]) {
      const list = this.f.fleetErrors.get(error.region) ?? [];
      list.push(error);
      this.f.fleetErrors.set(error.region, list);
    }
    this.f.summaries.clear();
    this.f.groupSummaries.clear();
    this.f.units.clear();
    this.f.exceptions.clear();
    this.f.dirtyUnits.clear();
    for (const region of regions) {
      this.f.regionErrors.set(region.info.id, regionInputErrors(region));
    }
    this.f.dirtyErrors.clear();
    const done = /* @__PURE__ */ new Set();
    for (const region of regions) {
      for (const unit of unitsOfRegion(region, this.f.edges)) {
        const key = unitKey(unit);
        if (done.has(key)) continue;
        done.add(key);
        this.store(key, computeUnit(this, unit), at);
      }
    }
    this.f.verdict = null;
  }
  /**
   * The latest change wins: a violation found on recompute is stamped with the time of the last
   * change applied before that evaluation (as a full evaluation at that time would stamp it).
   */
  markDirty(unit, at) {
    this.f.dirtyUnits.set(unitKey(unit), { unit, at });
    this.f.verdict = null;
  }
  // ---- evaluation --------------------------------------------------------------------------
  /** Recomputes what changes made dirty: input errors first (validity gates every rule), then units. */
  refresh() {
    for (const [regionId, at] of this.f.dirtyErrors) {
      const region = this.f.regions.get(regionId);
      if (!region) continue;
      const wasValid = this.isValid(regionId);
      this.f.regionErrors.set(regionId, regionInputErrors(region));
      if (wasValid !== this.isValid(regionId)) {
        for (const unit of unitsOfRegion(region, this.f.edges)) this.markDirty(unit, at);
      }
    }
    this.f.dirtyErrors.clear();
    for (const [key, { unit, at }] of this.f.dirtyUnits) this.store(key, computeUnit(this, unit), at);
    this.f.dirtyUnits.clear();
  }
  store(key, findings, at) {
    if (findings.violations.length === 0) this.f.units.delete(key);
    else this.f.units.set(key, findings.violations.map((draft) => this.stamp(draft, at)));
    if (findings.exceptions.length === 0) this.f.exceptions.delete(key);
    else this.f.exceptions.set(key, findings.exceptions);
  }
  /** New ids are first seen at the time of the change that made their unit recompute. */
  stamp(draft, at) {
    return { ...draft, firstSeen: this.f.seen.get(draft.id) ?? at };
  }
  verdict() {
    this.refresh();
    if (this.f.verdict) return this.f.verdict;
    const violations = [];
    for (const list of this.f.units.values()) violations.push(...list);
    this.f.seen = new Map(violations.map((v) => [v.id, v.firstSeen]));
    violations.sort((a, b) => (RULE_ORDER.get(a.rule) ?? 0) - (RULE_ORDER.get(b.rule) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const ids = this.regionIds();
    const errors = ids.flatMap((id) => [...this.f.fleetErrors.get(id) ?? [], ...this.f.regionErrors.get(id) ?? []]);
    const exceptions = [];
    for (const list of this.f.exceptions.values()) exceptions.push(...list);
    exceptions.sort((a, b) => (RULE_ORDER.get(a.rule) ?? 0) - (RULE_ORDER.get(b.rule) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.f.verdict = {
      ok: errors.length === 0,
      violations,
      exceptions,
      errors,
      regions: ids.filter((id) => this.isValid(id)),
      excludedRegions: ids.filter((id) => !this.isValid(id))
    };
    return this.f.verdict;
  }
};

// shared/assert-never.ts
function assertNever(value, what = "value") {
  const seen = value;
  const type = typeof seen === "object" && seen !== null && "type" in seen ? String(seen.type) : String(seen);
  throw new Error(`unhandled ${what}: ${type}`);
}

// shared/compat/actions.ts
function applyAction(base, request, at) {
  const fail = (entity, entityId, path, message) => ({
    ok: false,
    errors: [inputError(request.region, entity, entityId, path, message)]
  });
  const region = base.anyRegion(request.region);
  if (!region) return fail("action", request.action.type, ["region"], `region ${request.region} is not in the fleet`);
  if (!base.isValid(request.region)) {
    return fail("action", request.action.type, ["region"], `region ${request.region} has input errors, so the action cannot be evaluated`);
  }
  const model = base.fork();
  const action = request.action;
  switch (action.type) {
    case "component.rollback": {
      const { component, toTrain } = action;
      if (!region.componentIds.has(component)) return fail("action", component, ["action", "component"], `component "${component}" is not in components`);
      if (!region.trainSet.has(toTrain)) return fail("action", component, ["action", "toTrain"], `train ${toTrain} is not in trains`);
      const tally = region.instanceTallies.get(component);
      const target = versionAtTrain(region, component, toTrain, tally);
      if (target === void 0) {
        return fail("action", component, ["action", "toTrain"], `${component} has no version at train ${base.catalog.label(toTrain)}`);
      }
      const moves = [];
      for (const [version, t] of tally ?? []) {
        const train = trainOfVersion(region, component, version);
        if (train !== void 0 && train > toTrain && t.live > 0) moves.push({ from: version, to: target, count: t.live, users: t.liveUsers });
      }
      replaceComponentTally(model, region, component, moveLive(tally, moves), at);
      return { ok: true, model };
    }
    case "schema.rollback": {
      const { databaseGroup, toTrain } = action;
      if (!region.databaseGroups.has(databaseGroup)) {
        return fail("action", databaseGroup, ["action", "databaseGroup"], `database group "${databaseGroup}" is not in databaseGroups`);
      }
      if (!region.trainSet.has(toTrain)) return fail("action", databaseGroup, ["action", "toTrain"], `train ${toTrain} is not in trains`);
      const next = emptyGroupTally();
      const tally = region.groupTallies.get(databaseGroup);
      for (const [train, count5] of tally?.plain ?? []) tallyShape(next, plainShape(Math.min(train, toTrain)), count5);
      for (const { shape: shape3, count: count5 } of tally?.migrating.values() ?? []) {
        const beyond = Math.max(...shapeTrains(shape3)) > toTrain;
        tallyShape(next, beyond ? plainShape(Math.min(shape3.schemaTrain, toTrain)) : shape3, count5);
      }
      const groupTallies = new Map(region.groupTallies);
      groupTallies.set(databaseGroup, next);
      model.setRegion({ ...region, groupTallies });
      model.groupChanged(request.region, databaseGroup, at);
      return { ok: true, model };
    }
    case "rollout.pause":
    case "rollout.resume":
    case "rollout.abort":
    case "rollout.step": {
      const found = findRollout(region, action.rolloutId);
      if (!found) return fail("action", action.rolloutId, ["action", "rolloutId"], `rollout "${action.rolloutId}" does not exist in ${request.region}`);
      const { rollout, index } = found;
      for (const field3 of ["fromVersion", "toVersion"]) {
        if (trainOfVersion(region, rollout.component, rollout[field3]) === void 0) {
          return fail("rollout", rollout.id, ["rollouts", index, field3], `${rollout.component} version "${rollout[field3]}" is not in componentVersions`);
        }
      }
      if (action.type === "rollout.pause") return { ok: true, model };
      const tally = region.instanceTallies.get(rollout.component);
      const from = tally?.get(rollout.fromVersion);
      const to = tally?.get(rollout.toVersion);
      let move;
      if (action.type === "rollout.resume") move = moveAll(rollout.fromVersion, rollout.toVersion, from);
      else if (action.type === "rollout.abort") move = moveAll(rollout.toVersion, rollout.fromVersion, to);
      else {
        const stage = rollout.stages[rollout.currentStage + 1];
        if (!stage) {
          return fail(
            "action",
            rollout.id,
            ["action", "rolloutId"],
            `rollout "${rollout.id}" is at its last stage (${rollout.currentStage + 1} of ${rollout.stages.length}); resume completes it`
          );
        }
        move = stepMove(rollout, stage.canaryPercent, from, to);
      }
      replaceComponentTally(model, region, rollout.component, moveLive(tally, [move]), at);
      return { ok: true, model };
    }
    case "toggle.set": {
      const toggle = region.toggles.get(action.key);
      if (!toggle) return fail("action", action.key, ["action", "key"], `toggle "${action.key}" does not exist in ${request.region}`);
      const toggles = new Map(region.toggles);
      toggles.set(action.key, { ...toggle, state: action.state });
      model.setRegion({ ...region, toggles });
      model.toggleChanged(request.region, action.key, at);
      return { ok: true, model };
    }
    default:
      return assertNever(action, "action");
  }
}
function plainShape(schemaTrain) {
  return { schemaTrain, fromTrain: null, toTrain: null };
}
function versionAtTrain(region, component, train, tally) {
  let best;
  let bestLive = -1;
  for (const [version, t] of region.versionTrains.get(component) ?? []) {
    if (t !== train) continue;
    const live = tally?.get(version)?.live ?? 0;
    if (live > bestLive) [best, bestLive] = [version, live];
  }
  return best;
}
function findRollout(region, id) {
  let index = 0;
  for (const rollout of region.rollouts.values()) {
    if (rollout.id === id) return { rollout, index };
    index++;
  }
  return void 0;
}
function moveAll(from, to, tally) {
  return { from, to, count: tally?.live ?? 0, users: tally?.liveUsers ?? 0 };
}
function stepMove(rollout, percent, from, to) {
  const fromLive = from?.live ?? 0;
  const toLive = to?.live ?? 0;
  const wanted = Math.ceil((fromLive + toLive) * percent / 100);
  const count5 = Math.max(0, Math.min(fromLive, wanted - toLive));
  const users = fromLive === 0 ? 0 : Math.round((from?.liveUsers ?? 0) * count5 / fromLive);
  return { from: rollout.fromVersion, to: rollout.toVersion, count: count5, users };
}
function moveLive(tally, moves) {
  const next = new Map(tally);
  const edit = (version) => {
    const copy = { ...next.get(version) ?? { total: 0, live: 0, liveUsers: 0 } };
    next.set(version, copy);
    return copy;
  };
  for (const move of moves) {
    if (move.count === 0 || move.from === move.to) continue;
    const from = edit(move.from);
    const to = edit(move.to);
    from.total -= move.count;
    from.live -= move.count;
    from.liveUsers -= move.users;
    to.total += move.count;
    to.live += move.count;
    to.liveUsers += move.users;
    if (from.total <= 0) next.delete(move.from);
  }
  return next;
}
function replaceComponentTally(model, region, component, tally, at) {
  const instanceTallies = new Map(region.instanceTallies);
  if (tally.size === 0) instanceTallies.delete(component);
  else instanceTallies.set(component, tally);
  model.setRegion({ ...region, instanceTallies });
  model.componentChanged(region.info.id, component, at);
}

// shared/compat/cells.ts
function versionMix(model, region, component) {
  return model.summary(region, component).buckets.flatMap(
    (b) => b.versions.map((v) => ({ train: b.train, trainName: model.catalog.label(b.train), version: v.version, count: v.live, activeUsers: v.users }))
  );
}
function cellKey(region, component) {
  return joinKey(region, component);
}
function indexByCell(findings) {
  const index = /* @__PURE__ */ new Map();
  for (const v of findings) {
    for (const region of v.regions) {
      for (const component of v.components) {
        const key = cellKey(region, component);
        const list = index.get(key);
        if (list) list.push(v.id);
        else index.set(key, [v.id]);
      }
    }
  }
  return index;
}
function indexViolationsByCell(verdict) {
  return { violations: indexByCell(verdict.violations), exceptions: indexByCell(verdict.exceptions) };
}
function cellCompliance(model, index, region, component) {
  const { buckets } = model.summary(region, component);
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  const span = first && last ? last.train - first.train : null;
  const violationIds = index.violations.get(cellKey(region, component)) ?? [];
  const exceptionIds = index.exceptions.get(cellKey(region, component)) ?? [];
  const status = violationIds.length > 0 ? "violation" : exceptionIds.length > 0 ? "exception" : span === WINDOW_LIMIT ? "warning" : "ok";
  return { region, component, status, span, violationIds, exceptionIds };
}
function complianceMatrix(model, verdict) {
  const index = indexViolationsByCell(verdict);
  const components = [];
  const seen = /* @__PURE__ */ new Set();
  for (const id of model.regionIds()) {
    for (const c of model.anyRegion(id)?.components ?? []) {
      if (!seen.has(c.id)) {
        seen.add(c.id);
        components.push(c.id);
      }
    }
  }
  return model.regionIds().flatMap((region) => components.map((component) => cellCompliance(model, index, region, component)));
}

// shared/compat/what-if.ts
function diffVerdicts(before, after) {
  const beforeIds = new Set(before.violations.map((v) => v.id));
  const afterIds = new Set(after.violations.map((v) => v.id));
  const introduced = [];
  const unchanged = [];
  for (const v of after.violations) (beforeIds.has(v.id) ? unchanged : introduced).push(v);
  const resolved = before.violations.filter((v) => !afterIds.has(v.id));
  const exceptionIds = new Set(before.exceptions.map((e) => e.id));
  const exceptionsIntroduced = after.exceptions.filter((e) => !exceptionIds.has(e.id));
  return { introduced, resolved, unchanged, exceptionsIntroduced };
}

// shared/compat/view.ts
var ModelView = class _ModelView {
  model;
  currentNow;
  cells = null;
  constructor(model, now) {
    this.model = model;
    this.currentNow = now;
  }
  get now() {
    return this.currentNow;
  }
  regionIds() {
    return this.model.regionIds();
  }
  verdict() {
    return this.model.verdict();
  }
  whatIf(request) {
    const before = this.model.verdict();
    const outcome = applyAction(this.model, request, this.currentNow);
    if (!outcome.ok) return { ok: false, errors: [...before.errors, ...outcome.errors], introduced: [], resolved: [], unchanged: [], exceptionsIntroduced: [] };
    const after = outcome.model.verdict();
    return { ok: before.ok, errors: before.errors, ...diffVerdicts(before, after) };
  }
  after(request) {
    const outcome = applyAction(this.model, request, this.currentNow);
    return outcome.ok ? { ok: true, view: new _ModelView(outcome.model, this.currentNow) } : outcome;
  }
  versionMix(region, component) {
    return versionMix(this.model, region, component);
  }
  cellStatus(region, component) {
    return cellCompliance(this.model, this.cellIndex(), region, component);
  }
  matrix() {
    return complianceMatrix(this.model, this.model.verdict());
  }
  trainName(index) {
    return this.model.catalog.name(index);
  }
  cellIndex() {
    const verdict = this.model.verdict();
    if (this.cells?.verdict !== verdict) this.cells = { verdict, index: indexViolationsByCell(verdict) };
    return this.cells.index;
  }
};

// shared/compat/evaluate.ts
function indexFleet(states, options2) {
  return new ModelView(CompatModel.fromStates(states, options2.now, false, options2.previous), options2.now);
}
function evaluate(states, options2) {
  return indexFleet(states, options2).verdict();
}
function whatIf(states, request, options2) {
  return indexFleet(states, options2).whatIf(request);
}

// shared/compat/cause-schemas.ts
import { z as z6 } from "zod";
var CauseKind = z6.enum(["component", "schema", "toggle"]);
var CauseDirection = z6.enum(["behind", "ahead"]);
var Cause = z6.object({
  /** `component:eu-west:consent:199`, `schema:ca-central:imaging-meta-db:202`, `toggle:us-east:new-viewer`. */
  id: z6.string(),
  kind: CauseKind,
  region: z6.string(),
  component: z6.string().nullable(),
  databaseGroup: z6.string().nullable(),
  toggle: z6.string().nullable(),
  /** The outlier's train (component train or schema train); null for a toggle. */
  train: z6.number().int().nullable(),
  trainName: z6.string().nullable(),
  /** Versions of `component` live at `train` in `region` (empty for schema and toggle causes). */
  versions: z6.array(z6.string()),
  direction: CauseDirection.nullable(),
  /** The largest gap, in trains, among its violations. */
  gap: z6.number().int(),
  /** One line: "consent in eu-west is 2 trains behind its callers". */
  title: z6.string(),
  /** The full sentence, naming the counterparts. */
  sentence: z6.string(),
  rules: z6.array(RuleId),
  violationIds: z6.array(z6.string()),
  /** Live instances (and their active users) the violations touch, each counted once. */
  instances: z6.number().int(),
  activeUsers: z6.number().int(),
  databases: z6.number().int()
});
var CauseList = z6.object({
  causes: z6.array(Cause),
  /** Every current violation id → the one cause it belongs to. */
  causeOf: z6.record(z6.string(), z6.string()),
  violations: z6.number().int(),
  /** Over all violations, each instance counted once. */
  instances: z6.number().int(),
  activeUsers: z6.number().int()
});
var LadderRung = z6.enum(["toggle", "rollout", "code-rollback", "schema-rollback"]);
var PlanDraft = z6.object({ region: Id, action: ActionRequest }).strict();
var PlanStep = z6.object({
  /** 1-based position: step n is judged on the fleet after steps 1 … n−1. */
  index: z6.number().int().min(1),
  draft: PlanDraft,
  rung: LadderRung,
  /** "Abort the rollout eu-west.search.2026.46 (search 6.18.2-r2 → 6.19.0-r1) in eu-west". */
  summary: z6.string(),
  /** Live instances (and their users) the action moves or gates, judged after the previous steps. */
  instances: z6.number().int(),
  activeUsers: z6.number().int(),
  /** The what-if of this step on the fleet after the previous ones. */
  introduced: z6.array(z6.string()),
  resolved: z6.array(z6.string()),
  /** Violations left after this step (whole fleet). */
  remaining: z6.number().int(),
  /** The causes whose violations this step resolves. */
  causeIds: z6.array(z6.string()),
  /** Prefilled into the confirmation's reason. */
  reason: z6.string()
});
var UnfixableKind = z6.enum(["needs-release", "would-introduce", "no-action"]);
var Unfixable = z6.object({
  violationId: z6.string(),
  causeId: z6.string(),
  kind: UnfixableKind,
  /** "needs a release: consent in eu-west has no paused rollout to resume towards train 2026.46". */
  why: z6.string()
});
var Plan = z6.object({
  /** The cause the plan is for; null for the whole fleet. */
  cause: z6.string().nullable(),
  /** Violations in scope before the plan. */
  violations: z6.number().int(),
  steps: z6.array(PlanStep),
  resolved: z6.number().int(),
  /** True when the steps resolve every violation in scope. */
  complete: z6.boolean(),
  unfixable: z6.array(Unfixable),
  instances: z6.number().int(),
  activeUsers: z6.number().int(),
  /** How the search went, for people wondering why a plan is what it is. */
  search: z6.object({ candidates: z6.number().int(), evaluations: z6.number().int(), beamWidth: z6.number().int(), truncated: z6.boolean() })
});

// shared/compat/cause-candidates.ts
function causeKey(kind, region, subject3, train) {
  return [kind, region, subject3, ...train === null ? [] : [String(train)]].map(encodeURIComponent).join(":");
}
function componentRef(region, component, train, trainName2, direction2, relation) {
  return { key: causeKey("component", region, component, train), kind: "component", region, component, group: null, toggle: null, train, trainName: trainName2, direction: direction2, relation };
}
var behindIf = (lower) => lower ? "behind" : "ahead";
function candidatesOf(v) {
  const [a = 0, b = 0] = v.trains;
  const [nameA = `#${a}`, nameB = `#${b}`] = v.trainNames;
  switch (v.rule) {
    case "version-window": {
      const component = v.components[0] ?? "";
      const fleetWide = v.id.startsWith(`version-window:${FLEET_REGION_TOKEN}:`);
      const ends = [[a, nameA, "behind"], [b, nameB, "ahead"]];
      return ends.flatMap(([train, name, direction2]) => {
        const regions = [...new Set(v.versions.filter((x) => x.train === train).map((x) => x.region))];
        return regions.map((region) => {
          const others = v.regions.filter((r) => r !== region);
          return componentRef(region, component, train, name, direction2, fleetWide ? { kind: "fleet", regions: others } : { kind: "window", region });
        });
      });
    }
    case "peer-skew": {
      const [from = "", to = from] = v.components;
      const [callerRegion = "", calleeRegion = callerRegion] = v.regions;
      return [
        componentRef(callerRegion, from, a, nameA, behindIf(a < b), { kind: "callees", component: to }),
        componentRef(calleeRegion, to, b, nameB, behindIf(b < a), { kind: "callers", component: from })
      ];
    }
    case "schema-skew": {
      const component = v.components[0] ?? "";
      const group = v.databaseGroup ?? "";
      const region = v.regions[0] ?? "";
      return [
        componentRef(region, component, a, nameA, behindIf(a < b), { kind: "schema", group, train: b, trainName: nameB }),
        { key: causeKey("schema", region, group, b), kind: "schema", region, component: null, group, toggle: null, train: b, trainName: nameB, direction: behindIf(b < a), relation: { kind: "users", component } }
      ];
    }
    case "toggle-min-version": {
      const region = v.regions[0] ?? "";
      const toggle = v.toggle ?? "";
      return [{ key: causeKey("toggle", region, toggle, null), kind: "toggle", region, component: v.components[0] ?? null, group: null, toggle, train: null, trainName: null, direction: null, relation: { kind: "toggle", sentence: v.sentence } }];
    }
  }
}
function touchedAt(ref, v) {
  const out = /* @__PURE__ */ new Map();
  if (ref.kind !== "component") return out;
  for (const x of v.versions) {
    if (x.region === ref.region && x.component === ref.component && x.train === ref.train) {
      out.set(versionCell(x.region, x.component, x.version), { instances: x.instances, users: x.activeUsers });
    }
  }
  return out;
}
function versionCell(region, component, version) {
  return `${region}\0${component}\0${version}`;
}

// shared/compat/cause-text.ts
var sorted = (items) => [...new Set(items)].sort();
function trains(gap) {
  return gap === 1 ? "1 train" : `${gap} trains`;
}
function direction(d) {
  return d === "behind" ? "behind" : d === "ahead" ? "ahead of" : "apart from";
}
function subject(c) {
  return c.kind === "schema" ? `The ${c.group ?? ""} schema in ${c.region}` : `${c.component ?? ""} in ${c.region}`;
}
function byKind(refs, kind) {
  return refs.map((r) => r.relation).filter((r) => r.kind === kind);
}
function mainCounterpart(c, refs) {
  const counts = /* @__PURE__ */ new Map();
  for (const r of refs) counts.set(r.relation.kind, (counts.get(r.relation.kind) ?? 0) + 1);
  const [kind] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  switch (kind) {
    case "callers": {
      const callers = sorted(byKind(refs, "callers").map((r) => r.component));
      return callers.length === 1 ? `its caller ${callers[0] ?? ""}` : "its callers";
    }
    case "callees": {
      const callees = sorted(byKind(refs, "callees").map((r) => r.component));
      return callees.length === 1 ? `${callees[0] ?? ""}, which it calls` : "the components it calls";
    }
    case "window":
      return c.direction === "ahead" ? "its oldest live versions" : "its newest live versions";
    case "fleet":
      return `${c.component ?? ""} in other regions`;
    case "schema":
      return "its database schema";
    case "users": {
      const users = sorted(byKind(refs, "users").map((r) => r.component));
      return users.length === 1 ? `${users[0] ?? ""}, which uses it` : "the components using it";
    }
    default:
      return "its counterparts";
  }
}
function causeTitle(c, refs) {
  if (c.kind === "toggle") return `Toggle ${c.toggle ?? ""} is on in ${c.region} before ${c.component ?? "its component"} reaches the version it needs`;
  return `${subject(c)} is ${trains(c.gap)} ${direction(c.direction)} ${mainCounterpart(c, refs)}`;
}
function counterparts(c, refs) {
  const phrases = [];
  const callers = sorted(byKind(refs, "callers").map((r) => r.component));
  if (callers.length > 0) phrases.push(`${callers.length === 1 ? "its caller" : "its callers"} ${joinList(callers)}`);
  const callees = sorted(byKind(refs, "callees").map((r) => r.component));
  if (callees.length > 0) phrases.push(`${joinList(callees)}, which it calls`);
  if (byKind(refs, "window").length > 0) phrases.push(`${c.direction === "ahead" ? "the oldest" : "the newest"} ${c.component ?? ""} instances in ${c.region}`);
  const regions = sorted(byKind(refs, "fleet").flatMap((r) => r.regions));
  if (regions.length > 0) phrases.push(`${c.component ?? ""} in ${joinList(regions)}`);
  const schemas = byKind(refs, "schema");
  for (const group of sorted(schemas.map((s) => s.group))) {
    const names = sorted(schemas.filter((s) => s.group === group).map((s) => s.trainName));
    phrases.push(`the ${group} schema (train ${joinList(names)})`);
  }
  const users = sorted(byKind(refs, "users").map((r) => r.component));
  if (users.length > 0) phrases.push(`${joinList(users)}, which ${users.length === 1 ? "uses" : "use"} it`);
  return phrases;
}
function causeSentence(c, refs, violations, declarations = []) {
  if (c.kind === "toggle") return byKind(refs, "toggle")[0]?.sentence ?? causeTitle(c, refs);
  const at = c.kind === "schema" ? `The ${c.group ?? ""} schema at train ${c.trainName ?? ""} in ${c.region}` : `${c.component ?? ""} ${joinList(c.versions)} (train ${c.trainName ?? ""}) in ${c.region}`;
  const phrases = counterparts(c, refs);
  const list = phrases.length <= 1 ? phrases[0] ?? "" : `${phrases.slice(0, -1).join(", ")}, and ${phrases[phrases.length - 1] ?? ""}`;
  const declared = declarations.length > 0 ? ` Judged against the declared range: ${rangeTexts(declarations)}.` : "";
  return `${at} is ${trains(c.gap)} ${direction(c.direction)} ${list}: ${plural(violations, "violation")}.${declared}`;
}

// shared/compat/causes.ts
function findCauses(violations) {
  const pools = /* @__PURE__ */ new Map();
  for (const v of violations) {
    for (const ref of candidatesOf(v)) {
      let pool = pools.get(ref.key);
      if (!pool) pools.set(ref.key, pool = { ref, explains: /* @__PURE__ */ new Map(), cells: /* @__PURE__ */ new Map(), instances: 0, users: 0 });
      pool.explains.set(v.id, ref);
      for (const [cell, t] of touchedAt(ref, v)) pool.cells.set(cell, t);
    }
  }
  for (const pool of pools.values()) {
    for (const t of pool.cells.values()) {
      pool.instances += t.instances;
      pool.users += t.users;
    }
  }
  const byId = new Map(violations.map((v) => [v.id, v]));
  const unexplained = new Set(byId.keys());
  const chosen = [];
  while (unexplained.size > 0) {
    let best;
    let bestCount = 0;
    for (const pool of pools.values()) {
      let n = 0;
      for (const id of pool.explains.keys()) if (unexplained.has(id)) n++;
      if (n === 0) continue;
      if (!best || n > bestCount || n === bestCount && betterTie(pool, best)) [best, bestCount] = [pool, n];
    }
    if (!best) break;
    const ids = [...best.explains.keys()].filter((id) => unexplained.has(id));
    for (const id of ids) unexplained.delete(id);
    chosen.push({ pool: best, ids });
  }
  const causes = chosen.map(({ pool, ids }) => buildCause(pool, ids.map((id) => byId.get(id)).filter((v) => v !== void 0)));
  causes.sort((x, y) => y.violationIds.length - x.violationIds.length || y.gap - x.gap || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const causeOf = {};
  for (const cause of causes) for (const id of cause.violationIds) causeOf[id] = cause.id;
  const all = touchedOnce(violations);
  return { causes, causeOf, violations: violations.length, instances: all.instances, activeUsers: all.activeUsers };
}
function betterTie(a, b) {
  if (a.instances !== b.instances) return a.instances < b.instances;
  if (a.users !== b.users) return a.users < b.users;
  return a.ref.key < b.ref.key;
}
function touchedOnce(violations) {
  const cells = /* @__PURE__ */ new Map();
  const schemas = /* @__PURE__ */ new Map();
  for (const v of violations) {
    for (const x of v.versions) cells.set(versionCell(x.region, x.component, x.version), { instances: x.instances, users: x.activeUsers });
    for (const s of v.schemaTrains) schemas.set(`${v.regions[0] ?? ""}\0${v.databaseGroup ?? ""}\0${s.train}`, s.databases);
  }
  let instances = 0;
  let activeUsers = 0;
  for (const t of cells.values()) {
    instances += t.instances;
    activeUsers += t.users;
  }
  let databases = 0;
  for (const n of schemas.values()) databases += n;
  return { instances, activeUsers, databases };
}
function buildCause(pool, violations) {
  const { ref } = pool;
  const refs = violations.map((v) => pool.explains.get(v.id)).filter((r) => r !== void 0);
  const behind = refs.filter((r) => r.direction === "behind").length;
  const ahead = refs.filter((r) => r.direction === "ahead").length;
  const direction2 = behind > 0 && ahead === 0 ? "behind" : ahead > 0 && behind === 0 ? "ahead" : null;
  const gap = Math.max(0, ...violations.map((v) => v.gap));
  const versions = [...new Set(violations.flatMap((v) => v.versions.filter((x) => x.region === ref.region && x.component === ref.component && x.train === ref.train).map((x) => x.version)))].sort();
  const rules = [...new Set(violations.map((v) => v.rule))].sort();
  const touched = touchedOnce(violations);
  const shape3 = { ...ref, direction: direction2, gap, versions };
  return {
    id: ref.key,
    kind: ref.kind,
    region: ref.region,
    component: ref.kind === "schema" ? null : ref.component,
    databaseGroup: ref.group,
    toggle: ref.toggle,
    train: ref.train,
    trainName: ref.trainName,
    versions,
    direction: direction2,
    gap,
    title: causeTitle(shape3, refs),
    sentence: causeSentence(shape3, refs, violations.length, uniqueRanges(violations.flatMap((v) => v.declarations ?? []))),
    rules,
    violationIds: violations.map((v) => v.id),
    instances: touched.instances,
    activeUsers: touched.activeUsers,
    databases: touched.databases
  };
}

// shared/compat/plan-candidates.ts
var ROLLBACK_DEPTH = 3;
var RUNG_ORDER = { toggle: 0, rollout: 1, "code-rollback": 2, "schema-rollback": 3 };
function planWorld(states) {
  return {
    states: new Map(states.map((s) => [s.region.id, s])),
    edges: buildEdgeIndex(states.map((s) => ({ regionId: s.region.id, dependencies: s.dependencies })))
  };
}
var componentTarget = (region, component) => joinKey(region, "component", component);
function componentFootprint(world, region, component) {
  const state = world.states.get(region);
  const units = [{ kind: "window", region, component }, { kind: "fleet-window", component }];
  for (const pair of world.edges.touching(region, component)) units.push({ kind: "peer", pair });
  for (const group of state?.databaseGroups ?? []) if (group.usedBy.includes(component)) units.push({ kind: "schema", region, group: group.id });
  for (const toggle of state?.toggles ?? []) if (toggle.minVersion?.component === component) units.push({ kind: "toggle", region, key: toggle.key });
  return new Set(units.map(unitKey));
}
function declaredTrains(state, component) {
  return [...new Set(state.componentVersions.filter((v) => v.component === component).map((v) => v.train))].sort((a, b) => a - b);
}
function rolloutCandidates(world, region, rollout) {
  const out = [];
  const footprint = componentFootprint(world, region, rollout.component);
  const target = componentTarget(region, rollout.component);
  if (rollout.state === "paused") {
    out.push({ key: joinKey(region, "resume", rollout.id), target, draft: { region, action: { type: "rollout.resume", rolloutId: rollout.id } }, rung: "rollout", depth: 0, footprint });
  }
  if (rollout.state === "paused" || rollout.state === "progressing") {
    out.push({ key: joinKey(region, "abort", rollout.id), target, draft: { region, action: { type: "rollout.abort", rolloutId: rollout.id } }, rung: "rollout", depth: 0, footprint });
  }
  return out;
}
function rollbackCandidates(world, view, region, component) {
  const state = world.states.get(region);
  if (!state) return [];
  const mix2 = view.versionMix(region, component);
  if (mix2.length === 0) return [];
  const newest = Math.max(...mix2.map((m) => m.train));
  const footprint = componentFootprint(world, region, component);
  return declaredTrains(state, component).filter((t) => t < newest && t >= newest - ROLLBACK_DEPTH).map((toTrain) => ({
    key: joinKey(region, "rollback", component, String(toTrain)),
    target: componentTarget(region, component),
    draft: { region, action: { type: "component.rollback", component, toTrain } },
    rung: "code-rollback",
    depth: newest - toTrain,
    footprint
  }));
}
function schemaCandidates(world, region, group, schemaTrains) {
  const state = world.states.get(region);
  if (!state || schemaTrains.length === 0) return [];
  const top = Math.max(...schemaTrains);
  const footprint = /* @__PURE__ */ new Set([unitKey({ kind: "schema", region, group })]);
  return state.trains.map((t) => t.index).filter((t) => t < top && t >= top - ROLLBACK_DEPTH).map((toTrain) => ({
    key: joinKey(region, "schema", group, String(toTrain)),
    target: joinKey(region, "group", group),
    draft: { region, action: { type: "schema.rollback", databaseGroup: group, toTrain } },
    rung: "schema-rollback",
    depth: top - toTrain,
    footprint
  }));
}
function toggleCandidate(region, key) {
  return {
    key: joinKey(region, "toggle", key),
    target: joinKey(region, "toggle", key),
    draft: { region, action: { type: "toggle.set", key, state: "off" } },
    rung: "toggle",
    depth: 0,
    footprint: /* @__PURE__ */ new Set([unitKey({ kind: "toggle", region, key })])
  };
}
function planCandidates(world, view, violations) {
  const cells = /* @__PURE__ */ new Map();
  const groups = /* @__PURE__ */ new Map();
  const toggles = /* @__PURE__ */ new Map();
  for (const v of violations) {
    for (const x of v.versions) cells.set(joinKey(x.region, x.component), { region: x.region, component: x.component });
    const region = v.regions[0] ?? "";
    if (v.rule === "schema-skew" && v.databaseGroup !== null) {
      const key = joinKey(region, v.databaseGroup);
      const entry = groups.get(key) ?? { region, group: v.databaseGroup, trains: /* @__PURE__ */ new Set() };
      for (const s of v.schemaTrains) entry.trains.add(s.train);
      groups.set(key, entry);
    }
    if (v.toggle !== null) toggles.set(joinKey(region, v.toggle), { region, key: v.toggle });
  }
  const out = [];
  for (const { region, key } of toggles.values()) {
    if (world.states.get(region)?.toggles.some((t) => t.key === key && t.state === "on")) out.push(toggleCandidate(region, key));
  }
  for (const { region, component } of cells.values()) {
    for (const rollout of world.states.get(region)?.rollouts ?? []) {
      if (rollout.component === component) out.push(...rolloutCandidates(world, region, rollout));
    }
  }
  for (const { region, component } of cells.values()) out.push(...rollbackCandidates(world, view, region, component));
  for (const { region, group, trains: trains3 } of groups.values()) out.push(...schemaCandidates(world, region, group, [...trains3]));
  return out;
}
function interacts(a, b) {
  const [small, large] = a.footprint.size <= b.footprint.size ? [a.footprint, b.footprint] : [b.footprint, a.footprint];
  for (const unit of small) if (large.has(unit)) return true;
  return false;
}
function touchesAny(candidate, units) {
  for (const unit of candidate.footprint) if (units.has(unit)) return true;
  return false;
}

// shared/compat/plan-node.ts
var compareRungs = (a, b) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return a.length - b.length;
};
function compareNodes(a, b) {
  return b.resolvedInScope - a.resolvedInScope || a.steps.length - b.steps.length || a.instances - b.instances || a.users - b.users || compareRungs(a.rungs, b.rungs) || a.depth - b.depth || (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0);
}
function compareChildren(a, b) {
  if (a.resolvedInScope === b.resolvedInScope && a.idle > 0 && b.idle > 0 && a.pressure !== b.pressure) return a.pressure - b.pressure;
  return compareNodes(a, b);
}
function pressureOf(view, scope) {
  const ids = /* @__PURE__ */ new Set();
  let pressure = 0;
  for (const v of view.verdict().violations) {
    ids.add(v.id);
    if (scope.has(v.id)) pressure += v.instances;
  }
  return { ids, pressure };
}
function rootNode(view, scope) {
  return { view, ...pressureOf(view, scope), steps: [], used: /* @__PURE__ */ new Set(), resolvedInScope: 0, idle: 0, instances: 0, users: 0, rungs: [], depth: 0, signature: "", views: /* @__PURE__ */ new Map() };
}

// shared/compat/plan-impact.ts
function sum(entries, keep = () => true) {
  let instances = 0;
  let activeUsers = 0;
  for (const e of entries) {
    if (!keep(e)) continue;
    instances += e.count;
    activeUsers += e.activeUsers;
  }
  return { instances, activeUsers };
}
function add(a, b) {
  return { instances: a.instances + b.instances, activeUsers: a.activeUsers + b.activeUsers };
}
function touchedBy(view, world, draft) {
  const { region, action } = draft;
  const state = world.states.get(region);
  const mix2 = (component) => view.versionMix(region, component);
  switch (action.type) {
    case "component.rollback":
      return sum(mix2(action.component), (e) => e.train > action.toTrain);
    case "rollout.pause":
    case "rollout.resume":
    case "rollout.abort": {
      const rollout = state?.rollouts.find((r) => r.id === action.rolloutId);
      if (!rollout) return { instances: 0, activeUsers: 0 };
      const moving = action.type === "rollout.abort" ? rollout.toVersion : action.type === "rollout.resume" ? rollout.fromVersion : null;
      return sum(mix2(rollout.component), (e) => moving === null ? e.version === rollout.fromVersion || e.version === rollout.toVersion : e.version === moving);
    }
    case "toggle.set": {
      const component = state?.toggles.find((t) => t.key === action.key)?.minVersion?.component;
      return component ? sum(mix2(component)) : { instances: 0, activeUsers: 0 };
    }
    case "schema.rollback": {
      const users = state?.databaseGroups.find((g) => g.id === action.databaseGroup)?.usedBy ?? [];
      return [...new Set(users)].reduce((total, c) => add(total, sum(mix2(c))), { instances: 0, activeUsers: 0 });
    }
    default:
      return assertNever(action, "action");
  }
}

// shared/compat/plan-units.ts
function violationUnit(v) {
  const region = v.regions[0] ?? "";
  const component = v.components[0] ?? "";
  switch (v.rule) {
    case "version-window":
      return v.id.startsWith(`version-window:${FLEET_REGION_TOKEN}:`) ? unitKey({ kind: "fleet-window", component }) : unitKey({ kind: "window", region, component });
    case "peer-skew":
      return unitKey({ kind: "peer", pair: { from: component, to: v.components[1] ?? component, callerRegion: region, calleeRegion: v.regions[1] ?? region } });
    case "schema-skew":
      return unitKey({ kind: "schema", region, group: v.databaseGroup ?? "" });
    case "toggle-min-version":
      return unitKey({ kind: "toggle", region, key: v.toggle ?? "" });
  }
}

// shared/compat/plan-search.ts
function searchPlan(world, root, candidates, scope, violations, options2) {
  const unitOf = new Map(violations.filter((v) => scope.has(v.id)).map((v) => [v.id, violationUnit(v)]));
  const idleTargets = idleRegions(violations.filter((v) => scope.has(v.id)), options2.maxIdleSteps + 1);
  const openUnits = (node) => new Set([...unitOf].filter(([id]) => node.ids.has(id)).map(([, unit]) => unit));
  const cache = /* @__PURE__ */ new Map();
  const keyOf = (node, candidate) => {
    const relevant = node.steps.filter((s) => interacts(s.candidate, candidate)).map((s) => s.candidate.key).sort();
    return [candidate.key, ...relevant].join("");
  };
  const peek = (node, candidate) => cache.get(keyOf(node, candidate));
  const evaluate2 = (node, candidate) => {
    const key = keyOf(node, candidate);
    const cached = cache.get(key);
    if (cached) return cached;
    const after = node.view.after(candidate.draft);
    let evaluation;
    if (!after.ok) evaluation = { ok: false, introduced: [], introducedSentence: null, resolved: [], scopeDelta: 0, touched: { instances: 0, activeUsers: 0 } };
    else {
      node.views.set(candidate.key, after.view);
      const { ids, pressure } = pressureOf(after.view, scope);
      const introduced = after.view.verdict().violations.filter((v) => !node.ids.has(v.id));
      evaluation = {
        ok: true,
        introduced: introduced.map((v) => v.id),
        introducedSentence: introduced[0]?.sentence ?? null,
        resolved: [...node.ids].filter((id) => !ids.has(id)),
        scopeDelta: pressure - node.pressure,
        touched: touchedBy(node.view, world, candidate.draft)
      };
    }
    cache.set(key, evaluation);
    return evaluation;
  };
  const preview = (node, candidate, evaluation, gain) => ({
    ...node,
    pressure: node.pressure + evaluation.scopeDelta,
    steps: [...node.steps, { candidate, evaluation, remaining: 0 }],
    resolvedInScope: node.resolvedInScope + gain,
    idle: gain > 0 ? 0 : node.idle + 1,
    instances: node.instances + evaluation.touched.instances,
    users: node.users + evaluation.touched.activeUsers,
    rungs: [...node.rungs, RUNG_ORDER[candidate.rung]].sort((a, b) => a - b),
    depth: node.depth + candidate.depth,
    signature: [...node.steps.map((s) => s.candidate.key), candidate.key].sort().join("")
  });
  const child = ({ node, candidate, evaluation, preview: p }) => {
    let view = node.views.get(candidate.key);
    if (!view) {
      const after = node.view.after(candidate.draft);
      if (!after.ok) throw new Error(`plan: ${candidate.key} was evaluated but cannot be applied`);
      view = after.view;
    }
    const { ids, pressure } = pressureOf(view, scope);
    const steps = [...node.steps, { candidate, evaluation, remaining: ids.size }];
    return { ...p, view, ids, pressure, steps, used: /* @__PURE__ */ new Set([...node.used, candidate.target]), views: /* @__PURE__ */ new Map() };
  };
  let beam = [root];
  let best = root;
  let truncated = false;
  for (let depth = 0; depth < options2.maxSteps && best.resolvedInScope < scope.size && beam.length > 0; depth++) {
    const ranked = [];
    for (const node of beam) {
      const open2 = openUnits(node);
      for (const candidate of candidates) {
        if (node.used.has(candidate.target) || !touchesAny(candidate, open2)) continue;
        const evaluation = evaluate2(node, candidate);
        if (!evaluation.ok || evaluation.introduced.length > 0) continue;
        const gain = evaluation.resolved.filter((id) => scope.has(id)).length;
        const idle = gain === 0 && evaluation.scopeDelta < 0 && node.idle < options2.maxIdleSteps && idleTargets.get(candidate.draft.region)?.some((u) => open2.has(u) && candidate.footprint.has(u));
        if (gain > 0 || idle) ranked.push({ node, candidate, evaluation, preview: preview(node, candidate, evaluation, gain) });
      }
    }
    ranked.sort((a, b) => compareChildren(a.preview, b.preview));
    const next = [];
    const seen = /* @__PURE__ */ new Set();
    for (const option of ranked) {
      const targets = [...option.node.used, option.candidate.target].sort().join("");
      if (seen.has(targets)) continue;
      seen.add(targets);
      next.push(child(option));
      if (next.length >= options2.beamWidth) break;
    }
    for (const node of beam) node.views.clear();
    beam = next;
    for (const node of beam) if (node.idle === 0 && compareNodes(node, best) < 0) best = node;
    if (cache.size > options2.maxEvaluations) {
      truncated = true;
      break;
    }
  }
  return { best, evaluations: () => cache.size, truncated, evaluate: evaluate2, peek, openUnits };
}
function idleRegions(violations, most) {
  const out = /* @__PURE__ */ new Map();
  for (const v of violations) {
    if (v.rule !== "version-window" || !v.id.startsWith(`version-window:${FLEET_REGION_TOKEN}:`)) continue;
    const unit = violationUnit(v);
    for (const train of v.trains) {
      const regions = [...new Set(v.versions.filter((x) => x.train === train).map((x) => x.region))];
      if (regions.length > most) continue;
      for (const region of regions) out.set(region, [...out.get(region) ?? [], unit]);
    }
  }
  return out;
}

// shared/compat/plan-text.ts
function trainText(view, train) {
  const name = view.trainName(train);
  return name ? `train ${name}` : `train #${train}`;
}
function stepSummary(view, world, draft) {
  const { region, action } = draft;
  const state = world.states.get(region);
  switch (action.type) {
    case "toggle.set":
      return `Turn ${action.state} toggle ${action.key} in ${region}`;
    case "rollout.pause":
    case "rollout.resume":
    case "rollout.abort": {
      const r = state?.rollouts.find((x) => x.id === action.rolloutId);
      const verb = action.type === "rollout.pause" ? "Pause" : action.type === "rollout.resume" ? "Resume" : "Abort";
      if (!r) return `${verb} the rollout ${action.rolloutId} in ${region}`;
      const where = `${verb} the rollout of ${r.component} ${r.fromVersion} \u2192 ${r.toVersion} in ${region}`;
      return action.type === "rollout.abort" ? `${where}: back to ${r.fromVersion}` : action.type === "rollout.resume" ? `${where}: on to ${r.toVersion}` : where;
    }
    case "component.rollback": {
      const version = state?.componentVersions.find((v) => v.component === action.component && v.train === action.toTrain)?.version;
      return `Roll ${action.component} in ${region} back to ${trainText(view, action.toTrain)}${version ? ` (${version})` : ""}`;
    }
    case "schema.rollback":
      return `Roll the ${action.databaseGroup} schema in ${region} back to ${trainText(view, action.toTrain)}`;
    default:
      return assertNever(action, "action");
  }
}
function stepReason(index, total, causeTitles) {
  const what = causeTitles.length === 0 ? "compatibility violations" : causeTitles.join("; ");
  return `Remediation plan, step ${index} of ${total}: ${what}`.slice(0, 2e3);
}

// shared/compat/plan-unfixable.ts
function hasRolloutForward(world, region, component, train) {
  const state = world.states.get(region);
  if (!state) return false;
  const trainOf = (version) => state.componentVersions.find((v) => v.component === component && v.version === version)?.train;
  return state.rollouts.some((r) => r.component === component && r.state === "paused" && (trainOf(r.toVersion) ?? -1) > train);
}
function explainUnfixable(ctx, remaining) {
  const { best } = ctx;
  const needsRelease = (causeId) => {
    const cause = ctx.causes.get(causeId);
    if (cause?.kind !== "component" || cause.direction !== "behind" || cause.component === null || cause.train === null) return null;
    return hasRolloutForward(ctx.world, cause.region, cause.component, cause.train) ? null : cause;
  };
  const asked = new Set(remaining.filter((id) => !needsRelease(ctx.causeOf[id] ?? "")).map((id) => ctx.unitOf.get(id)).filter((u) => u !== void 0));
  const resolvers = /* @__PURE__ */ new Map();
  for (const candidate of ctx.candidates) {
    if (best.used.has(candidate.target) || !touchesAny(candidate, ctx.openUnits)) continue;
    const evaluation = touchesAny(candidate, asked) ? ctx.evaluate(best, candidate) : ctx.peek(best, candidate);
    if (!evaluation?.ok) continue;
    for (const id of evaluation.resolved) {
      const list = resolvers.get(id) ?? [];
      list.push({ candidate, evaluation });
      resolvers.set(id, list);
    }
  }
  return remaining.map((violationId2) => {
    const causeId = ctx.causeOf[violationId2] ?? "";
    const options2 = (resolvers.get(violationId2) ?? []).sort((a, b) => a.evaluation.introduced.length - b.evaluation.introduced.length || a.candidate.depth - b.candidate.depth);
    const cheapest = options2[0];
    const sentence = cheapest?.evaluation.introducedSentence?.replace(/\.$/, "");
    const instead = cheapest && cheapest.evaluation.introduced.length > 0 ? `"${stepSummary(ctx.view, ctx.world, cheapest.candidate.draft)}" would resolve it but introduce ${plural(cheapest.evaluation.introduced.length, "violation")}${sentence ? `: ${sentence}` : ""}` : null;
    const cause = needsRelease(causeId);
    if (cause) {
      const release = `needs a release: ${cause.component ?? ""} in ${cause.region} is ${plural(cause.gap, "train")} behind and has no paused rollout to resume towards a newer train`;
      return { violationId: violationId2, causeId, kind: "needs-release", why: instead ? `${release}. ${instead}.` : `${release}.` };
    }
    if (instead) return { violationId: violationId2, causeId, kind: "would-introduce", why: `${instead}.` };
    if (cheapest) {
      return { violationId: violationId2, causeId, kind: "no-action", why: `the search stopped at its bound (${ctx.truncated ? "what-if budget" : "step limit"}) before ${stepSummary(ctx.view, ctx.world, cheapest.candidate.draft)}.` };
    }
    return { violationId: violationId2, causeId, kind: "no-action", why: "no action the protocol offers on the components, groups, toggles and rollouts it involves resolves it." };
  });
}

// shared/compat/plan.ts
var PLAN_DEFAULTS = { beamWidth: 3, maxSteps: 40, maxIdleSteps: 2, maxEvaluations: 5e3 };
var UnknownCauseError = class extends Error {
};
function planRemediation(view, states, options2 = {}) {
  const verdict = view.verdict();
  const causes = options2.causes ?? findCauses(verdict.violations);
  const causeById = new Map(causes.causes.map((c) => [c.id, c]));
  const causeId = options2.cause ?? null;
  let scope;
  if (causeId !== null) {
    const cause = causeById.get(causeId);
    if (!cause) throw new UnknownCauseError(`no current cause "${causeId}" (the fleet may have changed: list the causes again)`);
    scope = new Set(cause.violationIds);
  } else scope = new Set(verdict.violations.map((v) => v.id));
  const world = planWorld(states);
  const candidates = planCandidates(world, view, verdict.violations.filter((v) => scope.has(v.id)));
  const search = {
    beamWidth: options2.beamWidth ?? PLAN_DEFAULTS.beamWidth,
    maxSteps: options2.maxSteps ?? PLAN_DEFAULTS.maxSteps,
    maxIdleSteps: PLAN_DEFAULTS.maxIdleSteps,
    maxEvaluations: options2.maxEvaluations ?? PLAN_DEFAULTS.maxEvaluations
  };
  const result = searchPlan(world, rootNode(view, scope), candidates, scope, verdict.violations, search);
  const { best } = result;
  const total = best.steps.length;
  const steps = best.steps.map((s, i) => {
    const stepCauses = [...new Set(s.evaluation.resolved.map((id) => causes.causeOf[id]).filter((id) => id !== void 0))];
    const titles = causeId !== null ? [causeById.get(causeId)?.title ?? ""] : stepCauses.map((id) => causeById.get(id)?.title ?? id);
    return {
      index: i + 1,
      draft: s.candidate.draft,
      rung: s.candidate.rung,
      summary: stepSummary(view, world, s.candidate.draft),
      instances: s.evaluation.touched.instances,
      activeUsers: s.evaluation.touched.activeUsers,
      introduced: s.evaluation.introduced,
      resolved: s.evaluation.resolved,
      remaining: s.remaining,
      causeIds: stepCauses,
      reason: stepReason(i + 1, total, titles)
    };
  });
  const remaining = [...scope].filter((id) => best.ids.has(id));
  const unitOf = new Map(verdict.violations.filter((v) => scope.has(v.id)).map((v) => [v.id, violationUnit(v)]));
  const unfixable = explainUnfixable(
    { world, view, best, candidates, causes: causeById, causeOf: causes.causeOf, truncated: result.truncated, evaluate: result.evaluate, peek: result.peek, openUnits: result.openUnits(best), unitOf },
    remaining
  );
  return {
    cause: causeId,
    violations: scope.size,
    steps,
    resolved: best.resolvedInScope,
    complete: remaining.length === 0,
    unfixable,
    instances: best.instances,
    activeUsers: best.users,
    search: { candidates: candidates.length, evaluations: result.evaluations(), beamWidth: search.beamWidth, truncated: result.truncated }
  };
}

// electron/audit/entry.ts
import { z as z7 } from "zod";
var AuditKind = z7.enum(["intent", "outcome", "setting", "note"]);
var AuditOutcome = z7.enum(["succeeded", "failed", "unknown"]);
var MAX_TEXT = 4096;
var MAX_JSON = 256 * 1024;
var text = (max = MAX_TEXT) => z7.string().max(max);
var optionalText = (max = MAX_TEXT) => text(max).nullable().default(null);
var MAX_DEPTH = 32;
function isJsonValue(value, depth = 0) {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value !== "object" || depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isJsonValue(item, depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || !isJsonValue(value[key], depth + 1)) return false;
  }
  return true;
}
var optionalJson = z7.custom((value) => isJsonValue(value), { message: `not a JSON value (null, booleans, finite numbers, strings, arrays, plain objects; at most ${MAX_DEPTH} deep)` }).nullable().default(null);
var AuditEntryInput = z7.object({
  kind: AuditKind,
  /** OS user name of the person acting. */
  actorUser: text(256).min(1),
  /** Display name from the settings (may be empty). */
  actorName: text(256),
  /** Host name of the machine the console runs on. */
  workstation: text(256).min(1),
  /** e.g. `toggle.set`, `rollout.pause`, `component.rollback`, `schema.rollback`, `settings.set`. */
  action: text(128).min(1),
  region: optionalText(256),
  /** What was acted on: a component, a toggle key, a rollout id, a setting name. */
  target: optionalText(1024),
  /** State before and after the action, as the console saw or asked for it. */
  before: optionalJson,
  after: optionalJson,
  /** The what-if verdict shown before confirming (introduced / resolved / unchanged violations). */
  whatIf: optionalJson,
  /** Justification recorded when the user overrode a what-if that introduces violations. */
  override: optionalText(),
  reason: optionalText(),
  ticket: optionalText(256),
  breakGlass: z7.boolean().default(false),
  /** The `Idempotency-Key` sent with the action (intent) or answered for (outcome). */
  idempotencyKey: optionalText(256),
  /** For an outcome: the `seq` of its intent. */
  intentSeq: z7.number().int().positive().nullable().default(null),
  outcome: AuditOutcome.nullable().default(null),
  /** Short summary of the endpoint's answer (status, error message), for outcomes. */
  response: optionalText()
}).strict().superRefine((entry, ctx) => {
  if (entry.kind === "outcome") {
    if (entry.intentSeq === null) ctx.addIssue({ code: "custom", path: ["intentSeq"], message: "an outcome names its intent (intentSeq)" });
    if (entry.outcome === null) ctx.addIssue({ code: "custom", path: ["outcome"], message: "an outcome entry says succeeded, failed or unknown" });
  } else {
    if (entry.intentSeq !== null) ctx.addIssue({ code: "custom", path: ["intentSeq"], message: `only outcome entries link to an intent (this is a ${entry.kind})` });
    if (entry.outcome !== null) ctx.addIssue({ code: "custom", path: ["outcome"], message: `only outcome entries carry an outcome (this is a ${entry.kind})` });
  }
  if (entry.breakGlass && !entry.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "a break-glass action needs a reason" });
  if (entry.override !== null && entry.override.trim() === "") ctx.addIssue({ code: "custom", path: ["override"], message: "an override needs a justification" });
});
var GENESIS_HASH = "0".repeat(64);
function canonicalJson(value) {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(",")}}`;
}
var str = (value) => value === null ? "null" : JSON.stringify(value);
function serializeTail(f, consoleVersion, j) {
  return `"kind":${str(f.kind)},"actorUser":${str(f.actorUser)},"actorName":${str(f.actorName)},"workstation":${str(f.workstation)},"action":${str(f.action)},"region":${str(f.region)},"target":${str(f.target)},"before":${j.before},"after":${j.after},"whatIf":${j.whatIf},"override":${str(f.override)},"reason":${str(f.reason)},"ticket":${str(f.ticket)},"breakGlass":${f.breakGlass ? "true" : "false"},"idempotencyKey":${str(f.idempotencyKey)},"intentSeq":${f.intentSeq === null ? "null" : f.intentSeq},"outcome":${str(f.outcome)},"response":${str(f.response)},"consoleVersion":${str(consoleVersion)}}`;
}
function quote(text2) {
  for (let i = 0; i < text2.length; i++) {
    const c = text2.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92 || c >= 55296 && c <= 57343) return JSON.stringify(text2);
  }
  return `"${text2}"`;
}
function checkedCanonicalJson(value, depth = 0) {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return quote(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return Number.isFinite(value) ? String(value) : null;
    case "object":
      break;
    default:
      return null;
  }
  if (depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype || Object.hasOwn(value, Symbol.iterator)) return null;
    let out2 = "[";
    for (let i = 0; i < value.length; i++) {
      const item = checkedCanonicalJson(value[i], depth + 1);
      if (item === null) return null;
      out2 += i === 0 ? item : `,${item}`;
    }
    return `${out2}]`;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return null;
  const object = value;
  const keys = [];
  let sorted2 = true;
  for (const key in object) {
    if (!Object.hasOwn(object, key)) return null;
    if (sorted2 && keys.length > 0 && !(keys[keys.length - 1] < key)) sorted2 = false;
    keys.push(key);
  }
  if (!sorted2) keys.sort();
  let out = "{";
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const item = checkedCanonicalJson(object[key], depth + 1);
    if (item === null) return null;
    out += `${i === 0 ? "" : ","}${quote(key)}:${item}`;
  }
  return `${out}}`;
}
function optional(value, max) {
  if (value === void 0 || value === null) return null;
  return typeof value === "string" && value.length <= max ? value : void 0;
}
function canonicalJsonFields(f) {
  const json = { before: "null", after: "null", whatIf: "null" };
  for (const key of ["before", "after", "whatIf"]) {
    const value = f[key];
    if (value === null) continue;
    json[key] = canonicalJson(value);
    if (json[key].length > MAX_JSON) return { tooLarge: key };
  }
  return json;
}
function prepareEntry(input, consoleVersion) {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return null;
  const proto = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) return null;
  const v = input;
  for (const key in v) {
    if (!Object.hasOwn(v, key)) return null;
    switch (key) {
      case "kind":
      case "actorUser":
      case "actorName":
      case "workstation":
      case "action":
      case "region":
      case "target":
      case "before":
      case "after":
      case "whatIf":
      case "override":
      case "reason":
      case "ticket":
      case "breakGlass":
      case "idempotencyKey":
      case "intentSeq":
      case "outcome":
      case "response":
        break;
      default:
        return null;
    }
  }
  const { kind, actorUser, actorName, workstation, action } = v;
  if (kind !== "intent" && kind !== "outcome" && kind !== "setting" && kind !== "note") return null;
  if (typeof actorUser !== "string" || actorUser.length < 1 || actorUser.length > 256) return null;
  if (typeof actorName !== "string" || actorName.length > 256) return null;
  if (typeof workstation !== "string" || workstation.length < 1 || workstation.length > 256) return null;
  if (typeof action !== "string" || action.length < 1 || action.length > 128) return null;
  const region = optional(v.region, 256);
  const target = optional(v.target, 1024);
  const override = optional(v.override, MAX_TEXT);
  const reason = optional(v.reason, MAX_TEXT);
  const ticket = optional(v.ticket, 256);
  const idempotencyKey = optional(v.idempotencyKey, 256);
  const response = optional(v.response, MAX_TEXT);
  if (region === void 0 || target === void 0 || override === void 0 || reason === void 0 || ticket === void 0 || idempotencyKey === void 0 || response === void 0) return null;
  const breakGlass = v.breakGlass === void 0 ? false : v.breakGlass;
  if (typeof breakGlass !== "boolean") return null;
  const intentSeq = v.intentSeq === void 0 ? null : v.intentSeq;
  if (intentSeq !== null && !(typeof intentSeq === "number" && Number.isSafeInteger(intentSeq) && intentSeq > 0)) return null;
  const outcome = v.outcome === void 0 ? null : v.outcome;
  if (outcome !== null && outcome !== "succeeded" && outcome !== "failed" && outcome !== "unknown") return null;
  if (kind === "outcome" ? intentSeq === null || outcome === null : intentSeq !== null || outcome !== null) return null;
  if (breakGlass && !reason) return null;
  if (override !== null && override.trim() === "") return null;
  const before = v.before === void 0 ? null : v.before;
  const after = v.after === void 0 ? null : v.after;
  const whatIf2 = v.whatIf === void 0 ? null : v.whatIf;
  const beforeText = checkedCanonicalJson(before);
  const afterText = checkedCanonicalJson(after);
  const whatIfText = checkedCanonicalJson(whatIf2);
  if (beforeText === null || afterText === null || whatIfText === null) return null;
  if (beforeText.length > MAX_JSON) return { tooLarge: "before" };
  if (afterText.length > MAX_JSON) return { tooLarge: "after" };
  if (whatIfText.length > MAX_JSON) return { tooLarge: "whatIf" };
  const text2 = (value) => value === null ? "null" : quote(value);
  const tail = `"kind":"${kind}","actorUser":${quote(actorUser)},"actorName":${quote(actorName)},"workstation":${quote(workstation)},"action":${quote(action)},"region":${text2(region)},"target":${text2(target)},"before":${beforeText},"after":${afterText},"whatIf":${whatIfText},"override":${text2(override)},"reason":${text2(reason)},"ticket":${text2(ticket)},"breakGlass":${breakGlass ? "true" : "false"},"idempotencyKey":${text2(idempotencyKey)},"intentSeq":${intentSeq === null ? "null" : intentSeq},"outcome":${outcome === null ? "null" : `"${outcome}"`},"response":${text2(response)},"consoleVersion":${quote(consoleVersion)}}`;
  return {
    entry: {
      kind,
      actorUser,
      actorName,
      workstation,
      action,
      region,
      target,
      before,
      after,
      whatIf: whatIf2,
      override,
      reason,
      ticket,
      breakGlass,
      idempotencyKey,
      intentSeq,
      outcome,
      response,
      consoleVersion
    },
    tail
  };
}
function canonicalPrefix(seq) {
  return `{"seq":${seq},`;
}
var AuditFilter = z7.object({
  /** Inclusive lower bound on `at` (ISO 8601). */
  since: z7.iso.datetime({ offset: true }).optional(),
  /** Exclusive upper bound on `at` (ISO 8601). */
  until: z7.iso.datetime({ offset: true }).optional(),
  /** Matches `actorUser` or `actorName` exactly. */
  actor: z7.string().min(1).optional(),
  region: z7.string().min(1).optional(),
  action: z7.string().min(1).optional(),
  kind: AuditKind.optional(),
  outcome: AuditOutcome.optional(),
  /** Words to find (all of them, prefix match on the last one), e.g. `CHG-1042 rollback`. */
  text: z7.string().max(500).optional()
}).strict();
var AuditPage = z7.object({
  limit: z7.number().int().min(1).max(1e3).default(100),
  offset: z7.number().int().min(0).default(0)
});

// electron/common/console-error.ts
var ConsoleError = class extends Error {
  kind;
  details;
  constructor(kind, message, details = {}) {
    super(message);
    this.name = "ConsoleError";
    this.kind = kind;
    this.details = details;
  }
  toBody() {
    return { kind: this.kind, message: this.message, ...this.details };
  }
};

// electron/audit/errors.ts
var AuditUnavailableError = class extends ConsoleError {
  reason;
  file;
  constructor(file, reason, why, options2) {
    super("audit-unavailable", `Not sent: the audit store ${file} cannot be written (${why}), so the action was refused before anything was sent.`);
    this.name = "AuditUnavailableError";
    this.reason = reason;
    this.file = file;
    if (options2?.cause !== void 0) this.cause = options2.cause;
  }
};
var AuditOpenError = class extends ConsoleError {
  reason;
  file;
  constructor(file, reason, message, options2) {
    super("validation", message);
    this.name = "AuditOpenError";
    this.reason = reason;
    this.file = file;
    if (options2?.cause !== void 0) this.cause = options2.cause;
  }
};

// electron/audit/signing-key.ts
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { z as z8 } from "zod";

// electron/common/data-files.ts
var DATA_FILE_MAX_BYTES = 4 * 1024 * 1024;

// electron/audit/signing-key.ts
var EncryptedKeyFile = z8.object({ version: z8.literal(1), key: z8.string().min(1) });
function publicKeyPem(key) {
  return (key.type === "public" ? key : createPublicKey(key)).export({ format: "pem", type: "spki" }).toString();
}
function keyFingerprint(publicPem) {
  const der = createPublicKey(publicPem).export({ format: "der", type: "spki" });
  return `SHA256:${createHash("sha256").update(der).digest("base64").replace(/=+$/, "")}`;
}

// electron/audit/api.ts
var CHECKPOINT_EVERY = 64;

// electron/audit/store.ts
import Database2 from "better-sqlite3";
import { createPublicKey as createPublicKey2, hash as digest2, sign, verify as verifySignature } from "node:crypto";
import { once } from "node:events";
import { existsSync, rmSync, statSync } from "node:fs";

// electron/audit/entry-from-text.ts
function entryFromText([seq, text2, prevHash, hash]) {
  let f = {};
  try {
    const parsed = JSON.parse(text2);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) f = parsed;
  } catch {
    f = { response: `unreadable entry: ${text2.slice(0, 200)}` };
  }
  const s = (k) => typeof f[k] === "string" ? f[k] : null;
  const j = (k) => f[k] === void 0 ? null : f[k];
  const kind = AuditKind.safeParse(f.kind);
  const outcome = AuditOutcome.safeParse(f.outcome);
  return {
    seq,
    at: s("at") ?? (/* @__PURE__ */ new Date(0)).toISOString(),
    kind: kind.success ? kind.data : "note",
    actorUser: s("actorUser") ?? "",
    actorName: s("actorName") ?? "",
    workstation: s("workstation") ?? "",
    action: s("action") ?? "",
    region: s("region"),
    target: s("target"),
    before: j("before"),
    after: j("after"),
    whatIf: j("whatIf"),
    override: s("override"),
    reason: s("reason"),
    ticket: s("ticket"),
    breakGlass: f.breakGlass === true,
    idempotencyKey: s("idempotencyKey"),
    intentSeq: typeof f.intentSeq === "number" ? f.intentSeq : null,
    outcome: outcome.success ? outcome.data : null,
    response: s("response"),
    consoleVersion: s("consoleVersion") ?? "",
    prevHash,
    hash
  };
}

// electron/audit/export.ts
import { stringify } from "csv-stringify/sync";
function howToVerify(fingerprint) {
  return `Verify the store itself, not this export: close the console, copy audit.sqlite, and run \`rcc audit verify <copy> --public-key <key.pem>\` with the public key below saved as key.pem (fingerprint ${fingerprint}); exit 0 means intact. Each entry hash = SHA-256(prev_hash || canonical entry JSON); the checkpoint signature is Ed25519 over "<seq>:<hash>".`;
}
var CSV_COLUMNS = [
  "record",
  "seq",
  "at",
  "kind",
  "actor_user",
  "actor_name",
  "workstation",
  "action",
  "region",
  "target",
  "before",
  "after",
  "what_if",
  "override",
  "reason",
  "ticket",
  "break_glass",
  "idempotency_key",
  "intent_seq",
  "outcome",
  "response",
  "console_version",
  "prev_hash",
  "hash",
  "signature",
  "detail"
];
var jsonText = (value) => value === null ? null : canonicalJson(value);
function csvRecord(e) {
  return {
    record: "entry",
    seq: e.seq,
    at: e.at,
    kind: e.kind,
    actor_user: e.actorUser,
    actor_name: e.actorName,
    workstation: e.workstation,
    action: e.action,
    region: e.region,
    target: e.target,
    before: jsonText(e.before),
    after: jsonText(e.after),
    what_if: jsonText(e.whatIf),
    override: e.override,
    reason: e.reason,
    ticket: e.ticket,
    break_glass: e.breakGlass ? "true" : "false",
    idempotency_key: e.idempotencyKey,
    intent_seq: e.intentSeq,
    outcome: e.outcome,
    response: e.response,
    console_version: e.consoleVersion,
    prev_hash: e.prevHash,
    hash: e.hash
  };
}
function csv(records, header, escapeFormulas = true) {
  return stringify(records, { header, columns: [...CSV_COLUMNS], record_delimiter: "windows", quote_record_delimiter: true, escape_formulas: escapeFormulas });
}
async function exportEntries(job) {
  let count5 = 0;
  let after = 0;
  if (job.format === "csv") await job.write(csv([], true));
  for (; ; ) {
    const entries = job.pages(after);
    if (entries.length === 0) break;
    after = entries[entries.length - 1]?.seq ?? after;
    count5 += entries.length;
    await job.write(
      job.format === "csv" ? csv(entries.map(csvRecord), false) : entries.map((e) => `${JSON.stringify({ type: "entry", ...e })}
`).join("")
    );
  }
  const verify3 = howToVerify(job.fingerprint);
  const summary = `${count5} of ${job.totalEntries} entries exported; filter ${JSON.stringify(job.filter)}`;
  if (job.format === "csv") {
    const cp = job.checkpoint;
    await job.write(
      csv(
        [
          { record: "chain-head", seq: job.head?.seq ?? 0, hash: job.head?.hash ?? null, detail: summary },
          { record: "checkpoint", seq: cp?.seq ?? null, at: cp?.at ?? null, hash: cp?.hash ?? null, signature: cp?.signature ?? null, detail: cp ? 'Ed25519 over "<seq>:<hash>"' : "no checkpoint yet" },
          { record: "public-key", detail: job.publicKey },
          { record: "how-to-verify", detail: verify3 }
        ],
        false,
        false
      )
    );
  } else {
    await job.write(
      `${JSON.stringify({
        type: "chain-head",
        head: job.head,
        checkpoint: job.checkpoint,
        publicKey: job.publicKey,
        fingerprint: job.fingerprint,
        entries: job.totalEntries,
        exported: count5,
        filter: job.filter,
        verify: verify3
      })}
`
    );
  }
  return count5;
}

// electron/audit/schema.ts
var STORE_FORMAT = "rcc-audit";
var SCHEMA_VERSION = "2";
var TABLES = ["audit_meta", "audit_entries", "audit_fields", "audit_checkpoints", "audit_verifications", "audit_fts"];
var appendOnly = (table2, what) => `
CREATE TRIGGER ${table2}_no_update BEFORE UPDATE ON ${table2}
BEGIN SELECT RAISE(ABORT, 'the audit store is append-only: UPDATE of ${what} refused'); END;
CREATE TRIGGER ${table2}_no_delete BEFORE DELETE ON ${table2}
BEGIN SELECT RAISE(ABORT, 'the audit store is append-only: DELETE of ${what} refused'); END;`;
var field = (name) => `(NEW.entry ->> '$.${name}')`;
function tagsSql(v) {
  return `'k' || coalesce(${v.kind}, '') || ' o' || coalesce(${v.outcome}, '') || ' r' || coalesce(hex(${v.region}), '') || ' a' || coalesce(hex(${v.action}), '') || ' u' || coalesce(hex(${v.actorUser}), '') || ' n' || coalesce(hex(${v.actorName}), '')`;
}
var SCHEMA_SQL = `
CREATE TABLE audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE audit_entries (
  seq INTEGER PRIMARY KEY,
  entry TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

CREATE TABLE audit_fields (
  seq INTEGER PRIMARY KEY,
  at TEXT,
  kind TEXT,
  actor_user TEXT,
  actor_name TEXT,
  action TEXT,
  region TEXT,
  outcome TEXT,
  intent_seq INTEGER
);
CREATE INDEX audit_fields_at ON audit_fields(at);
CREATE INDEX audit_fields_kind ON audit_fields(kind);
CREATE INDEX audit_fields_actor_user ON audit_fields(actor_user);
CREATE INDEX audit_fields_actor_name ON audit_fields(actor_name);
CREATE INDEX audit_fields_action ON audit_fields(action);
CREATE INDEX audit_fields_region ON audit_fields(region);
CREATE INDEX audit_fields_outcome ON audit_fields(outcome) WHERE outcome IS NOT NULL;
CREATE INDEX audit_fields_intent ON audit_fields(intent_seq) WHERE intent_seq IS NOT NULL;

CREATE VIEW audit_fts_source AS
  SELECT e.seq AS seq, e.entry ->> '$.reason' AS reason, e.entry ->> '$.target' AS target, e.entry ->> '$.ticket' AS ticket,
         f.action AS action, f.region AS region, f.actor_user || ' ' || f.actor_name AS actor,
         ${tagsSql({ kind: "f.kind", outcome: "f.outcome", region: "f.region", action: "f.action", actorUser: "f.actor_user", actorName: "f.actor_name" })} AS tags
  FROM audit_entries AS e JOIN audit_fields AS f ON f.seq = e.seq;
CREATE VIRTUAL TABLE audit_fts USING fts5(
  reason, target, ticket, action, region, actor, tags,
  content = 'audit_fts_source', content_rowid = 'seq'
);

CREATE TRIGGER audit_entries_in_order BEFORE INSERT ON audit_entries
WHEN NEW.seq IS NOT coalesce((SELECT max(seq) FROM audit_entries), 0) + 1
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_entries ORDER BY seq DESC LIMIT 1), '${GENESIS_HASH}')
BEGIN SELECT RAISE(ABORT, 'audit entries are appended in order: seq must follow the last entry and prev_hash must be its hash'); END;

CREATE TRIGGER audit_entries_derive AFTER INSERT ON audit_entries BEGIN
  INSERT INTO audit_fields (seq, at, kind, actor_user, actor_name, action, region, outcome, intent_seq)
  VALUES (NEW.seq, ${field("at")}, ${field("kind")}, ${field("actorUser")}, ${field("actorName")}, ${field("action")},
          ${field("region")}, ${field("outcome")}, ${field("intentSeq")});
  INSERT INTO audit_fts (rowid, reason, target, ticket, action, region, actor, tags)
  VALUES (NEW.seq, ${field("reason")}, ${field("target")}, ${field("ticket")}, ${field("action")}, ${field("region")},
          ${field("actorUser")} || ' ' || ${field("actorName")},
          ${tagsSql({ kind: field("kind"), outcome: field("outcome"), region: field("region"), action: field("action"), actorUser: field("actorUser"), actorName: field("actorName") })});
END;
${appendOnly("audit_entries", "audit entries")}
${appendOnly("audit_fields", "audit fields")}

CREATE TABLE audit_checkpoints (
  seq INTEGER PRIMARY KEY,
  hash TEXT NOT NULL,
  signature TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
${appendOnly("audit_checkpoints", "checkpoints")}

CREATE TABLE audit_verifications (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  from_seq INTEGER NOT NULL,
  to_seq INTEGER NOT NULL,
  hash TEXT NOT NULL
) STRICT;
${appendOnly("audit_verifications", "verification records")}
${appendOnly("audit_meta", "store metadata")}
`;

// electron/audit/verify-chunks.ts
import { hash as digest } from "node:crypto";
import { createRequire } from "node:module";
import { availableParallelism, cpus } from "node:os";
import { Worker } from "node:worker_threads";
var JOINED_ROWS_SQL = "SELECT iif(octet_length(prev_hash) = 64 AND octet_length(hash) = 64, prev_hash || entry || hash) FROM audit_entries WHERE seq > ? AND seq <= ? ORDER BY seq";
var CHUNK_CHECKPOINTS_SQL = "SELECT seq, hash FROM audit_checkpoints WHERE seq > ? AND seq <= ? ORDER BY seq";
function checkChunk(rows, low, high, checkpoints, every, sha256hex2) {
  if (rows.length !== high - low || rows.length === 0) return { ok: false };
  const first = rows[0];
  const firstPrev = typeof first === "string" ? first.slice(0, 64) : "";
  let prev = firstPrev;
  let cp = 0;
  let seq = low + 1;
  for (const joined of rows) {
    if (typeof joined !== "string" || joined.length < 137) return { ok: false };
    const n = joined.length;
    if (joined.slice(0, 64) !== prev) return { ok: false };
    if (joined.charCodeAt(64) !== 123 || // {
    joined.charCodeAt(65) !== 34 || // "
    joined.charCodeAt(66) !== 115 || // s
    joined.charCodeAt(67) !== 101 || // e
    joined.charCodeAt(68) !== 113 || // q
    joined.charCodeAt(69) !== 34 || // "
    joined.charCodeAt(70) !== 58 || // :
    joined.charCodeAt(71) === 48) {
      return { ok: false };
    }
    let value = 0;
    let at = 71;
    for (; at < 87; at++) {
      const c = joined.charCodeAt(at);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
    }
    if (at === 71 || value !== seq || joined.charCodeAt(at) !== 44) return { ok: false };
    const hash = sha256hex2(joined.slice(0, n - 64));
    if (joined.slice(n - 64) !== hash) return { ok: false };
    const checkpoint = checkpoints[cp];
    if (checkpoint !== void 0 && checkpoint[0] === seq) {
      if (checkpoint[1] !== hash) return { ok: false };
      cp++;
    } else if (seq % every === 0) {
      return { ok: false };
    }
    prev = hash;
    seq++;
  }
  if (cp !== checkpoints.length) return { ok: false };
  return { ok: true, firstPrev, lastHash: prev };
}
function sha256hex(text2) {
  return digest("sha256", text2, "hex");
}
var WORKER_SOURCE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const Database = require(workerData.sqlite);
const checkChunk = (${checkChunk.toString()});
const sha256hex = (text) => hash('sha256', text, 'hex');
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
const rows = db.prepare(workerData.rowsSql).pluck();
const checkpoints = db.prepare(workerData.checkpointsSql).raw();
parentPort.on('message', (chunk) => {
  if (chunk === null) {
    db.close();
    parentPort.close();
    return;
  }
  let result;
  try {
    result = checkChunk(rows.all(chunk.low, chunk.high), chunk.low, chunk.high, checkpoints.all(chunk.low, chunk.high), workerData.every, sha256hex);
  } catch {
    result = { ok: false };
  }
  parentPort.postMessage({ id: chunk.id, result });
});
`;
var CHUNK = 2048;
var PARALLEL_MIN_ENTRIES = 32768;
var SAMPLE_MS = 100;
function defaultWorkers(entries) {
  return entries >= PARALLEL_MIN_ENTRIES && availableParallelism() >= 2 ? "idle-cpus" : 0;
}
function idleMs() {
  let idle = 0;
  for (const cpu of cpus()) idle += cpu.times.idle;
  return idle;
}
function planChunks(from, to, size = CHUNK) {
  const step = Math.max(1, Math.floor(size) || CHUNK);
  const chunks = [];
  for (let low = from - 1; low < to; low += step) chunks.push({ low, high: Math.min(low + step, to) });
  return chunks;
}
async function checkChunks(options2) {
  const { chunks, every, checkHere, onResult } = options2;
  const results = /* @__PURE__ */ new Map();
  const redo = [];
  let next = 0;
  let closing = false;
  let wake = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const take = () => redo.length > 0 ? redo.shift() : next < chunks.length ? next++ : void 0;
  const pool = [];
  const workerData = { sqlite: "", file: options2.file, rowsSql: JOINED_ROWS_SQL, checkpointsSql: CHUNK_CHECKPOINTS_SQL, every };
  const startWorkers = (wanted) => {
    const count5 = Math.min(wanted, 7, chunks.length - next - 1);
    if (count5 <= 0) return;
    if (workerData.sqlite === "") {
      try {
        workerData.sqlite = createRequire(import.meta.url).resolve("better-sqlite3");
      } catch {
        return;
      }
    }
    for (let i = 0; i < count5; i++) {
      let worker;
      try {
        worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
      } catch {
        return;
      }
      const given = /* @__PURE__ */ new Set();
      const give = () => {
        const id = closing ? void 0 : take();
        if (id === void 0) return;
        given.add(id);
        const chunk = chunks[id];
        worker.postMessage({ id, low: chunk.low, high: chunk.high });
      };
      let dropped = false;
      const drop = () => {
        if (dropped) return;
        dropped = true;
        redo.push(...given);
        redo.sort((a, b) => a - b);
        given.clear();
        notify();
      };
      const exited = new Promise((resolve) => {
        worker.once("exit", () => {
          drop();
          resolve();
        });
      });
      worker.on("message", (message) => {
        if (dropped) return;
        given.delete(message.id);
        results.set(message.id, message.result);
        give();
        notify();
      });
      worker.on("error", drop);
      pool.push({ worker, exited });
      give();
      give();
    }
  };
  let sample = options2.workers === "idle-cpus" ? { at: performance.now(), idle: idleMs() } : null;
  if (typeof options2.workers === "number") startWorkers(options2.workers);
  let consumed = 0;
  try {
    for (; ; ) {
      for (let result = results.get(consumed); result !== void 0; result = results.get(consumed)) {
        results.delete(consumed);
        consumed++;
        if (!onResult(consumed - 1, result)) return { handed: consumed, workers: pool.length };
      }
      if (consumed === chunks.length) return { handed: consumed, workers: pool.length };
      const id = take();
      if (id !== void 0) {
        results.set(id, checkHere(chunks[id]));
        if (sample && performance.now() - sample.at >= SAMPLE_MS) {
          const idleCpus = (idleMs() - sample.idle) / (performance.now() - sample.at);
          sample = null;
          startWorkers(Math.min(availableParallelism() - 1, Math.floor(idleCpus + 0.4)));
        }
        await new Promise((resolve) => setImmediate(resolve));
      } else {
        await new Promise((resolve) => wake = resolve);
      }
    }
  } finally {
    closing = true;
    for (const { worker } of pool) worker.postMessage(null);
    await Promise.all(pool.map(({ exited }) => exited));
  }
}

// electron/audit/store.ts
var DEFAULT_BUSY_TIMEOUT_MS = 2e3;
var SEQ_BOUND_SCAN = 131072;
function chainHash(prevHash, entry) {
  return digest2("sha256", prevHash + entry, "hex");
}
function checkpointMessage(seq, hash) {
  return Buffer.from(`${seq}:${hash}`, "utf8");
}
function prepareWithSchema(input, consoleVersion) {
  const parsed = AuditEntryInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConsoleError("invalid-input", `audit entry: ${issue?.path.join(".") || "(entry)"}: ${issue?.message ?? "invalid"}`, {
      path: (issue?.path ?? []).filter((p) => typeof p !== "symbol")
    });
  }
  const json = canonicalJsonFields(parsed.data);
  return "tooLarge" in json ? json : { entry: { ...parsed.data, consoleVersion }, tail: serializeTail(parsed.data, consoleVersion, json) };
}
function sqliteCode(error) {
  const code = error?.code;
  return typeof code === "string" ? code : "";
}
function describe(error) {
  return error instanceof Error ? error.message : String(error);
}
function classify(error, busyTimeoutMs) {
  const code = sqliteCode(error);
  const message = describe(error);
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return { reason: "locked", why: `another program holds its write lock; waited ${busyTimeoutMs} ms` };
  }
  if (code === "SQLITE_FULL" || code === "ENOSPC" || /disk is full|no space/i.test(message)) return { reason: "disk-full", why: "the disk is full" };
  if (code.startsWith("SQLITE_READONLY") || code === "SQLITE_PERM" || code === "SQLITE_AUTH" || code === "EACCES" || code === "EPERM" || code === "EROFS") {
    return { reason: "read-only", why: `the file or its directory is read-only (${message})` };
  }
  if (code.startsWith("SQLITE_CANTOPEN")) return { reason: "read-only", why: `it cannot be opened for writing (${message})` };
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") return { reason: "corrupt", why: `the file is damaged (${message})` };
  if (code === "SQLITE_IOERR_WRITE" || code === "SQLITE_IOERR_FSYNC") return { reason: "io", why: `writing failed (${message})` };
  return { reason: "io", why: message };
}
function unavailable(file, error, busyTimeoutMs) {
  if (error instanceof AuditUnavailableError) return error;
  const { reason, why } = classify(error, busyTimeoutMs);
  return new AuditUnavailableError(file, reason, why, { cause: error });
}
function tableNames(db) {
  const rows = db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')").pluck().all();
  return new Set(rows);
}
function inspect(db, makeError) {
  const names = tableNames(db);
  if (names.size === 0) return null;
  if (!names.has("audit_meta")) throw makeError("not-an-audit-store", "it is a SQLite database but not an audit store (no audit_meta table)");
  const meta = new Map(db.prepare("SELECT key, value FROM audit_meta").raw().all());
  if (meta.get("format") !== STORE_FORMAT) throw makeError("not-an-audit-store", `it is a SQLite database but not an audit store (format ${JSON.stringify(meta.get("format") ?? null)})`);
  if (meta.get("schema") !== SCHEMA_VERSION) throw makeError("not-an-audit-store", `it is an audit store of schema ${meta.get("schema") ?? "?"}; this console reads schema ${SCHEMA_VERSION}`);
  const missing = TABLES.filter((t) => !names.has(t));
  if (missing.length > 0) throw makeError("corrupt", `it is an audit store missing tables ${missing.join(", ")}`);
  return meta;
}
function hex(value) {
  return Buffer.from(value, "utf8").toString("hex");
}
function ftsQuery(text2) {
  const words = text2.split(/\s+/).map((word) => word.match(/[\p{L}\p{N}]+/gu) ?? []).filter((tokens) => tokens.length > 0);
  if (words.length === 0) return null;
  return words.map((tokens, i) => `"${tokens.join(" ")}"${i === words.length - 1 ? "*" : ""}`).join(" ");
}
var SqliteAuditStore = class {
  constructor(db, file, trustedPublicKey, filePublicKey, writer, afterClose = () => {
  }) {
    this.db = db;
    this.file = file;
    this.trustedPublicKey = trustedPublicKey;
    this.filePublicKey = filePublicKey;
    this.writer = writer;
    this.afterClose = afterClose;
    this.stmts = {
      head: db.prepare("SELECT seq, entry, prev_hash, hash FROM audit_entries ORDER BY seq DESC LIMIT 1").raw(),
      headHash: db.prepare("SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1").raw(),
      get: db.prepare("SELECT seq, entry, prev_hash, hash FROM audit_entries WHERE seq = ?").raw(),
      hashAt: db.prepare("SELECT hash FROM audit_entries WHERE seq = ?").pluck(),
      page: db.prepare("SELECT seq, entry, prev_hash, hash FROM audit_entries WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?").raw(),
      pageJoined: db.prepare(JOINED_ROWS_SQL).pluck(),
      seqOfHash: db.prepare("SELECT seq FROM audit_entries WHERE hash = ? LIMIT 1").pluck(),
      latestCheckpoint: db.prepare("SELECT seq, hash, signature, at FROM audit_checkpoints ORDER BY seq DESC LIMIT 1").raw(),
      checkpointsIn: db.prepare(CHUNK_CHECKPOINTS_SQL).raw(),
      lastVerification: db.prepare("SELECT to_seq, hash FROM audit_verifications ORDER BY id DESC LIMIT 1").raw()
    };
    if (writer) {
      const last = this.stmts.lastVerification.get();
      if (last) this.verifiedHead = { seq: last[0], hash: last[1] };
    }
  }
  db;
  file;
  trustedPublicKey;
  filePublicKey;
  writer;
  afterClose;
  stmts;
  queryCache = /* @__PURE__ */ new Map();
  closed = false;
  /** Last head known good: verified, or appended by this store on top of a verified head. */
  verifiedHead = null;
  /** Pending intents are searched from here up (intents below it all have a final outcome). */
  pendingFrom = null;
  openReport;
  ensureOpen() {
    if (this.closed) throw new AuditUnavailableError(this.file, "closed", "the store is closed");
  }
  get busyTimeoutMs() {
    return this.writer?.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  }
  /** The connection's durability pragmas, read back now. */
  durability() {
    return {
      journalMode: String(this.db.pragma("journal_mode", { simple: true })),
      synchronous: Number(this.db.pragma("synchronous", { simple: true }))
    };
  }
  append(input) {
    const writer = this.writer;
    if (!writer) throw new AuditUnavailableError(this.file, "read-only", "it was opened read-only");
    this.ensureOpen();
    const prepared = prepareEntry(input, writer.consoleVersion) ?? prepareWithSchema(input, writer.consoleVersion);
    if ("tooLarge" in prepared) {
      const key = prepared.tooLarge;
      throw new ConsoleError("invalid-input", `audit entry: ${key}: larger than ${MAX_JSON} characters once serialized`, { path: [key] });
    }
    let entry;
    try {
      this.appendTx ??= this.db.transaction((p) => this.appendInTransaction(p, writer));
      entry = this.appendTx.immediate(prepared);
    } catch (error) {
      this.writeHead = null;
      if (error instanceof ConsoleError) throw error;
      throw unavailable(this.file, error, writer.busyTimeoutMs);
    }
    this.writeHead = { seq: entry.seq, hash: entry.hash };
    if (this.verifiedHead?.seq === entry.seq - 1 && this.verifiedHead.hash === entry.prevHash) this.verifiedHead = { seq: entry.seq, hash: entry.hash };
    if (entry.kind === "intent" && this.pendingFrom !== null && this.pendingFrom > entry.seq) this.pendingFrom = entry.seq;
    return entry;
  }
  /**
   * The head this connection committed last (null: read it from the file). Another connection that
   * appends meanwhile makes it stale; the ordering trigger (and the primary key) then refuse the
   * insert built on it, and appendInTransaction reads the head and chains again.
   */
  writeHead = null;
  readHead() {
    const row = this.stmts.headHash.get();
    return row ? { seq: row[0], hash: row[1] } : { seq: 0, hash: GENESIS_HASH };
  }
  appendTx;
  appendInTransaction({ entry: f, tail }, writer) {
    if (f.kind === "outcome" && f.intentSeq !== null) this.checkIntent(f.intentSeq);
    const at = writer.now().toISOString();
    let head = this.writeHead ?? this.readHead();
    let chained = `${head.hash}{"seq":${head.seq + 1},"at":"${at}",${tail}`;
    let hash = digest2("sha256", chained, "hex");
    try {
      this.insertEntry(head.seq + 1, chained.slice(64), head.hash, hash);
    } catch (error) {
      if (this.writeHead === null || !sqliteCode(error).startsWith("SQLITE_CONSTRAINT") || !this.db.inTransaction) throw error;
      this.writeHead = null;
      head = this.readHead();
      chained = `${head.hash}{"seq":${head.seq + 1},"at":"${at}",${tail}`;
      hash = digest2("sha256", chained, "hex");
      this.insertEntry(head.seq + 1, chained.slice(64), head.hash, hash);
    }
    const seq = head.seq + 1;
    if (seq % CHECKPOINT_EVERY === 0) this.insertCheckpoint(seq, hash, writer);
    return {
      seq,
      at,
      kind: f.kind,
      actorUser: f.actorUser,
      actorName: f.actorName,
      workstation: f.workstation,
      action: f.action,
      region: f.region,
      target: f.target,
      before: f.before,
      after: f.after,
      whatIf: f.whatIf,
      override: f.override,
      reason: f.reason,
      ticket: f.ticket,
      breakGlass: f.breakGlass,
      idempotencyKey: f.idempotencyKey,
      intentSeq: f.intentSeq,
      outcome: f.outcome,
      response: f.response,
      consoleVersion: f.consoleVersion,
      prevHash: head.hash,
      hash
    };
  }
  insertStmt;
  insertEntry(seq, text2, prevHash, hash) {
    this.insertStmt ??= this.db.prepare("INSERT INTO audit_entries (seq, entry, prev_hash, hash) VALUES (?, ?, ?, ?)");
    this.insertStmt.run(seq, text2, prevHash, hash);
  }
  intentStmt;
  checkIntent(intentSeq) {
    this.intentStmt ??= this.db.prepare(
      `SELECT (SELECT kind FROM audit_fields WHERE seq = ?),
                (SELECT count(*) FROM audit_fields WHERE intent_seq = ? AND outcome IN ('succeeded', 'failed'))`
    ).raw();
    const [kind, finals] = this.intentStmt.get(intentSeq, intentSeq) ?? [null, 0];
    if (kind !== "intent") throw new ConsoleError("invalid-input", `audit entry: intentSeq: entry ${intentSeq} is ${kind === null ? "not in the store" : `a ${kind}, not an intent`}`, { path: ["intentSeq"] });
    if (finals > 0) throw new ConsoleError("invalid-input", `audit entry: intentSeq: intent ${intentSeq} already has a final outcome`, { path: ["intentSeq"] });
  }
  checkpointStmt;
  insertCheckpoint(seq, hash, writer) {
    const signature = sign(null, checkpointMessage(seq, hash), writer.key).toString("base64");
    const at = writer.now().toISOString();
    this.checkpointStmt ??= this.db.prepare("INSERT INTO audit_checkpoints (seq, hash, signature, at) VALUES (?, ?, ?, ?)");
    this.checkpointStmt.run(seq, hash, signature, at);
    return { seq, hash, signature, at };
  }
  pendingIntents() {
    this.ensureOpen();
    const rows = this.db.prepare(
      `SELECT e.seq, e.entry, e.prev_hash, e.hash FROM audit_fields AS i JOIN audit_entries AS e ON e.seq = i.seq
         WHERE i.kind = 'intent' AND i.seq >= ?
           AND NOT EXISTS (SELECT 1 FROM audit_fields AS o WHERE o.intent_seq = i.seq AND o.outcome IN ('succeeded', 'failed'))
         ORDER BY i.seq`
    ).raw().all(this.pendingFrom ?? 0);
    this.pendingFrom = rows[0]?.[0] ?? (this.stmts.head.get()?.[0] ?? 0) + 1;
    return rows.map(entryFromText);
  }
  get(seq) {
    this.ensureOpen();
    const row = this.stmts.get.get(seq);
    return row ? entryFromText(row) : null;
  }
  head() {
    this.ensureOpen();
    const row = this.stmts.head.get();
    return row ? { seq: row[0], hash: row[3] } : null;
  }
  latestCheckpoint() {
    this.ensureOpen();
    const row = this.stmts.latestCheckpoint.get();
    return row ? { seq: row[0], hash: row[1], signature: row[2], at: row[3] } : null;
  }
  publicKey() {
    return this.trustedPublicKey;
  }
  checkpoint() {
    const writer = this.writer;
    if (!writer) throw new AuditUnavailableError(this.file, "read-only", "it was opened read-only");
    this.ensureOpen();
    try {
      return this.db.transaction(() => {
        const head = this.head();
        if (!head) return null;
        const latest = this.latestCheckpoint();
        if (latest?.seq === head.seq) return latest;
        return this.insertCheckpoint(head.seq, head.hash, writer);
      }).immediate();
    } catch (error) {
      throw unavailable(this.file, error, writer.busyTimeoutMs);
    }
  }
  async verify(options2 = {}) {
    this.ensureOpen();
    const t0 = performance.now();
    const headRow = this.stmts.head.get();
    const headSeq = headRow?.[0] ?? 0;
    let start = 1;
    let prev = GENESIS_HASH;
    if (options2.from === "last-verified" && this.verifiedHead && this.verifiedHead.seq <= headSeq) {
      const { seq, hash } = this.verifiedHead;
      if (this.stmts.hashAt.get(seq) === hash) {
        start = seq + 1;
        prev = hash;
      }
    }
    const fingerprint = keyFingerprint(this.trustedPublicKey);
    let workersUsed = 0;
    const report = (failure2, checked2, checkpoint) => ({
      ok: failure2 === null,
      entries: headSeq,
      checkedFrom: start,
      checked: checked2,
      head: failure2 === null && headSeq > 0 ? { seq: headSeq, hash: prev } : null,
      checkpoint,
      unsignedTail: headSeq - (checkpoint?.seq ?? 0),
      publicKey: this.trustedPublicKey,
      fingerprint,
      failure: failure2,
      ms: Math.round(performance.now() - t0),
      workers: workersUsed
    });
    if (this.filePublicKey !== void 0 && !samePublicKey(this.filePublicKey, this.trustedPublicKey)) {
      return report(
        { seq: 0, reason: "wrong-key", message: `the store records public key ${safeFingerprint(this.filePublicKey)}, not the expected ${fingerprint}: it was not written by this console (or was rebuilt)` },
        0,
        null
      );
    }
    let expected = start;
    let failure = null;
    const chunks = planChunks(start, headSeq, options2.chunkSize);
    const { workers } = await checkChunks({
      file: this.file,
      chunks,
      workers: options2.workers === void 0 ? defaultWorkers(headSeq - start + 1) : Math.max(0, Math.floor(options2.workers)),
      every: CHECKPOINT_EVERY,
      checkHere: ({ low, high }) => {
        this.ensureOpen();
        return checkChunk(this.stmts.pageJoined.all(low, high), low, high, this.stmts.checkpointsIn.all(low, high), CHECKPOINT_EVERY, sha256hex);
      },
      onResult: (index, result) => {
        this.ensureOpen();
        const { low, high } = chunks[index];
        if (result.ok && result.firstPrev === prev) {
          prev = result.lastHash;
        } else {
          const scan = this.scanRows(low, high, headSeq, prev);
          prev = scan.prev;
          if (scan.failure) {
            failure = scan.failure;
            expected = failure.seq;
            return false;
          }
        }
        expected = high + 1;
        return true;
      }
    });
    workersUsed = workers;
    const checked = expected - start;
    if (failure) return report(failure, checked, null);
    if (expected !== headSeq + 1) {
      return report({ seq: expected, reason: "seq-gap", message: `entry ${expected}: missing (the store ends at ${expected - 1} but its head is ${headSeq})` }, checked, null);
    }
    const latestRow = this.stmts.latestCheckpoint.get();
    const latest = latestRow ? { seq: latestRow[0], hash: latestRow[1], signature: latestRow[2], at: latestRow[3] } : null;
    if (latest && latest.seq > headSeq) {
      return report(
        { seq: headSeq + 1, reason: "seq-gap", message: `entry ${headSeq + 1}: missing: the store ends at ${headSeq}, but a signed checkpoint names entry ${latest.seq} (entries were removed from the end)` },
        checked,
        null
      );
    }
    if (latest) {
      if (latest.seq < start && this.stmts.hashAt.get(latest.seq) !== latest.hash) {
        return report({ seq: latest.seq, reason: "checkpoint-mismatch", message: `entry ${latest.seq}: the signed checkpoint at ${latest.seq} holds another hash` }, checked, null);
      }
      if (!signatureValid(latest, this.trustedPublicKey)) {
        return report(
          { seq: latest.seq, reason: "bad-signature", message: `entry ${latest.seq}: the checkpoint's signature does not verify with public key ${fingerprint}: the store was rewritten or signed by another key` },
          checked,
          null
        );
      }
    }
    this.verifiedHead = headSeq > 0 ? { seq: headSeq, hash: prev } : null;
    if (this.writer && headSeq > 0 && checked > 0) this.recordVerification(start, headSeq, prev);
    return report(null, checked, latest);
  }
  /**
   * Entries `low + 1 … high` read row by row (the slow path, for a chunk that did not check out whole):
   * the first bad entry and why, or null and the hash of entry `high`. `prev` is the hash of entry `low`.
   */
  scanRows(low, high, headSeq, prev) {
    const checkpoints = this.stmts.checkpointsIn.all(low, high);
    let cp = 0;
    for (let seq = low + 1; seq <= high; seq++) {
      const row = this.stmts.page.get(seq - 1, headSeq, 1);
      if (!row) return { failure: { seq, reason: "seq-gap", message: `entry ${seq}: missing` }, prev };
      const failure = this.checkRow(row, seq, prev);
      if (failure) return { failure, prev };
      const hash = row[3];
      const cpRow = checkpoints[cp];
      const checkpoint = cpRow?.[0] === seq ? cpRow[1] : void 0;
      if (checkpoint !== void 0) cp++;
      if (checkpoint === void 0 && seq % CHECKPOINT_EVERY === 0) {
        return { failure: { seq, reason: "checkpoint-missing", message: `entry ${seq}: its checkpoint (one is signed every ${CHECKPOINT_EVERY} entries) is missing` }, prev };
      }
      if (checkpoint !== void 0 && checkpoint !== hash) {
        return { failure: { seq, reason: "checkpoint-mismatch", message: `entry ${seq}: the signed checkpoint at ${seq} holds another hash: the chain up to ${seq} was rebuilt` }, prev };
      }
      prev = hash;
    }
    return { failure: null, prev };
  }
  /** The first problem of one row, or null. */
  checkRow(row, expected, prev) {
    const [seq, text2, prevHash, hash] = row;
    if (seq !== expected) {
      return expected === 1 && seq > 1 ? { seq: 1, reason: "seq-gap", message: `entry 1: missing (the store starts at ${seq})` } : { seq: expected, reason: "seq-gap", message: `entry ${expected}: missing (entries ${expected}\u2013${seq - 1} are gone; the next is ${seq})` };
    }
    if (typeof text2 !== "string" || typeof prevHash !== "string" || typeof hash !== "string") {
      return { seq, reason: "malformed", message: `entry ${seq}: malformed: entry, prev_hash and hash must be text` };
    }
    if (!text2.startsWith(canonicalPrefix(seq))) {
      const carried = /^\{"seq":(\d+),/.exec(text2)?.[1];
      return carried !== void 0 ? { seq, reason: "reordered", message: `entry ${seq}: reordered: the row at ${seq} holds entry ${carried}` } : { seq, reason: "malformed", message: `entry ${seq}: malformed: its text does not start with {"seq":${seq},` };
    }
    if (prevHash !== prev) {
      const owner = this.stmts.seqOfHash.get(prevHash);
      if (owner !== void 0 && owner > seq) {
        return { seq, reason: "reordered", message: `entry ${seq}: reordered: its predecessor is entry ${owner}, which comes after it` };
      }
      return { seq, reason: "broken-link", message: `entry ${seq}: broken link: its prevHash is not the hash of entry ${seq - 1} (an entry was removed, inserted or replaced before it)` };
    }
    if (chainHash(prev, text2) !== hash) {
      return { seq, reason: "hash-mismatch", message: `entry ${seq}: hash mismatch: its fields do not hash to its stored hash (a value was edited)` };
    }
    return null;
  }
  recordVerification(from, to, hash) {
    try {
      this.db.prepare("INSERT INTO audit_verifications (at, from_seq, to_seq, hash) VALUES (?, ?, ?, ?)").run((/* @__PURE__ */ new Date()).toISOString(), from, to, hash);
    } catch {
    }
  }
  query(filter = {}, page = {}) {
    this.ensureOpen();
    const { where, params, match, onRows } = this.whereClause(filter);
    const { limit, offset } = parseOrThrow(AuditPage, page, "page");
    if (match !== null) {
      const seqs = onRows ? this.cached(`SELECT seq FROM audit_fields ${where} ORDER BY seq`, false).pluck().all(...params) : this.cached("SELECT rowid FROM audit_fts WHERE audit_fts MATCH ? ORDER BY rowid", false).pluck().all(match);
      const pageSeqs = seqs.slice(Math.max(0, seqs.length - offset - limit), Math.max(0, seqs.length - offset));
      const rows2 = pageSeqs.length === 0 ? [] : this.cached(`SELECT seq, entry, prev_hash, hash FROM audit_entries WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq DESC`, true).all(JSON.stringify(pageSeqs));
      return { entries: rows2.map(entryFromText), total: seqs.length };
    }
    const rows = this.cached(
      `SELECT e.seq, e.entry, e.prev_hash, e.hash FROM audit_entries AS e WHERE e.seq IN (SELECT seq FROM audit_fields ${where} ORDER BY seq DESC LIMIT ? OFFSET ?) ORDER BY e.seq DESC`,
      true
    ).all(...params, limit, offset);
    const total = this.cached(`SELECT count(*) FROM audit_fields ${where}`, false).pluck().get(...params) ?? 0;
    return { entries: rows.map(entryFromText), total };
  }
  cached(sql, raw) {
    const key = `${raw ? "r" : "p"}:${sql}`;
    let stmt = this.queryCache.get(key);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      if (raw) stmt.raw();
      this.queryCache.set(key, stmt);
    }
    return stmt;
  }
  /**
   * SQL conditions on `audit_fields` for a filter (`WHERE …` or ''), with their parameters.
   *
   * With text or an actor, region or action filter, one FTS5 query drives the search: the text over
   * the human columns, and every equality filter (kind and outcome too) as an exact token of the
   * `tags` column, so FTS5 intersects doclists and no row is looked up per candidate; only a time
   * range is then checked on the rows (`+at`, so SQLite does not drive by the time index instead).
   * Otherwise the column indexes drive.
   */
  whereClause(filter, extra = []) {
    const f = parseOrThrow(AuditFilter, filter, "filter");
    const text2 = f.text === void 0 ? null : ftsQuery(f.text);
    const searched = text2 !== null || f.actor !== void 0 || f.region !== void 0 || f.action !== void 0;
    const conditions = [];
    const params = [];
    let match = null;
    if (searched) {
      const terms = [];
      if (text2 !== null) terms.push(`{reason target ticket action region actor} : (${text2})`);
      if (f.actor !== void 0) terms.push(`tags : ("u${hex(f.actor)}" OR "n${hex(f.actor)}")`);
      if (f.region !== void 0) terms.push(`tags : "r${hex(f.region)}"`);
      if (f.action !== void 0) terms.push(`tags : "a${hex(f.action)}"`);
      if (f.kind !== void 0) terms.push(`tags : "k${f.kind}"`);
      if (f.outcome !== void 0) terms.push(`tags : "o${f.outcome}"`);
      match = terms.join(" AND ");
      const low = f.since === void 0 ? void 0 : this.seqBound("since", new Date(f.since).toISOString());
      const high = f.until === void 0 ? void 0 : this.seqBound("until", new Date(f.until).toISOString());
      conditions.push(`seq IN (SELECT rowid FROM audit_fts WHERE audit_fts MATCH ?${low === void 0 ? "" : " AND rowid >= ?"}${high === void 0 ? "" : " AND rowid <= ?"})`);
      params.push(match);
      if (low !== void 0) params.push(low);
      if (high !== void 0) params.push(high);
    }
    const col = (name) => searched ? `+${name}` : name;
    if (f.since !== void 0) {
      conditions.push(`${col("at")} >= ?`);
      params.push(new Date(f.since).toISOString());
    }
    if (f.until !== void 0) {
      conditions.push(`${col("at")} < ?`);
      params.push(new Date(f.until).toISOString());
    }
    if (!searched) {
      for (const [column2, value] of [
        ["kind", f.kind],
        ["outcome", f.outcome]
      ]) {
        if (value === void 0) continue;
        conditions.push(`${column2} = ?`);
        params.push(value);
      }
    }
    conditions.push(...extra);
    const onRows = conditions.length > (match === null ? 0 : 1);
    return { where: conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "", params, match, onRows };
  }
  /**
   * The smallest seq of the entries at or after `since`, or the largest of those before `until`,
   * when the time index finds them among at most SEQ_BOUND_SCAN entries (exact then, whatever order
   * the times are in); otherwise undefined (a wide window: looking would cost more than it saves).
   * For no entry at all in the window, a bound that no seq meets.
   */
  seqBound(side, at) {
    const sql = side === "since" ? `SELECT count(*), min(seq) FROM (SELECT seq FROM audit_fields WHERE at >= ? ORDER BY at LIMIT ${SEQ_BOUND_SCAN})` : `SELECT count(*), max(seq) FROM (SELECT seq FROM audit_fields WHERE at < ? ORDER BY at DESC LIMIT ${SEQ_BOUND_SCAN})`;
    const [count5, seq] = this.cached(sql, true).get(at) ?? [SEQ_BOUND_SCAN, null];
    if (count5 >= SEQ_BOUND_SCAN) return void 0;
    return seq ?? (side === "since" ? Number.MAX_SAFE_INTEGER : 0);
  }
  async export(filter, format, out) {
    this.ensureOpen();
    if (this.writer) {
      try {
        this.checkpoint();
      } catch {
      }
    }
    const head = this.head();
    const checkpoint = this.latestCheckpoint();
    const { where, params } = this.whereClause(filter, ["seq > ?", "seq <= ?"]);
    const page = this.cached(
      `SELECT e.seq, e.entry, e.prev_hash, e.hash FROM audit_entries AS e WHERE e.seq IN (SELECT seq FROM audit_fields ${where} ORDER BY seq LIMIT 1000) ORDER BY e.seq`,
      true
    );
    const headSeq = head?.seq ?? 0;
    const pages = (after) => {
      this.ensureOpen();
      return page.all(...params, after, headSeq).map(entryFromText);
    };
    const entries = await exportEntries({
      format,
      out,
      pages,
      head,
      checkpoint,
      totalEntries: headSeq,
      filter,
      publicKey: this.trustedPublicKey,
      fingerprint: keyFingerprint(this.trustedPublicKey),
      write: async (chunk) => {
        if (!out.write(chunk)) await once(out, "drain");
      }
    });
    return { entries, head, checkpoint };
  }
  close() {
    if (this.closed) return;
    if (this.writer) {
      try {
        this.checkpoint();
      } catch {
      }
    }
    this.closed = true;
    this.db.close();
    this.afterClose();
  }
};
function parseOrThrow(schema, value, what) {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? []).filter((p) => typeof p !== "symbol");
  throw new ConsoleError("invalid-input", `audit ${what}: ${path.join(".") || "(value)"}: ${issue?.message ?? "invalid"}`, { path });
}
function samePublicKey(a, b) {
  try {
    const der = (pem) => createPublicKey2(pem).export({ format: "der", type: "spki" });
    return der(a).equals(der(b));
  } catch {
    return false;
  }
}
function safeFingerprint(pem) {
  try {
    return keyFingerprint(pem);
  } catch {
    return "(unreadable key)";
  }
}
function signatureValid(checkpoint, publicKey) {
  try {
    return verifySignature(null, checkpointMessage(checkpoint.seq, checkpoint.hash), publicKey, Buffer.from(checkpoint.signature, "base64"));
  } catch {
    return false;
  }
}
function openAuditStoreReadOnly(file, options2 = {}) {
  const fail = (reason, why) => new AuditOpenError(file, reason, `${file}: ${why}`);
  if (!existsSync(file)) throw fail("io", "no such file");
  const created = [`${file}-wal`, `${file}-shm`].filter((side) => !existsSync(side));
  const removeCreated = () => {
    for (const side of created) {
      try {
        if (!side.endsWith("-wal") || statSync(side).size === 0) rmSync(side, { force: true });
      } catch {
      }
    }
  };
  let db;
  try {
    db = new Database2(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    removeCreated();
    throw fail(sqliteCode(error) === "SQLITE_CANTOPEN" ? "io" : classify(error, 0).reason, `cannot be opened (${describe(error)})`);
  }
  const closeDb = () => {
    db.close();
    removeCreated();
  };
  try {
    const meta = inspect(db, fail);
    if (meta === null) throw fail("not-an-audit-store", "not an audit store (an empty database)");
    const recorded = meta.get("public_key");
    if (recorded === void 0) throw fail("corrupt", "the store records no public key");
    let trusted = recorded;
    if (options2.publicKey !== void 0) {
      try {
        trusted = publicKeyPem(createPublicKey2(options2.publicKey));
      } catch (error) {
        throw fail("signing-key", `the public key given is not a valid key (${describe(error)})`);
      }
    } else if (!validPublicKey(recorded)) {
      throw fail("corrupt", "the store records a public key that cannot be read");
    }
    return new SqliteAuditStore(db, file, trusted, recorded, null, removeCreated);
  } catch (error) {
    closeDb();
    if (error instanceof AuditOpenError) throw error;
    const code = sqliteCode(error);
    if (code === "SQLITE_NOTADB") throw fail("not-an-audit-store", "not an audit store (not a SQLite database)");
    throw fail(classify(error, 0).reason, `cannot be read (${describe(error)})`);
  }
}
function validPublicKey(pem) {
  try {
    return createPublicKey2(pem).asymmetricKeyType === "ed25519";
  } catch {
    return false;
  }
}

// electron/cli/rcc/public-key-option.ts
import { readFileSync } from "node:fs";
function readPublicKeyOption(command, path, out) {
  if (path === void 0) return void 0;
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    out.stderr(`rcc ${command}: --public-key ${path}: cannot be read (${error.code ?? String(error)})`);
    return null;
  }
}

// electron/cli/rcc/audit.ts
var USAGE = "usage: rcc audit verify PATH [--public-key KEY.pem] [--json] | rcc audit export PATH --format csv|jsonl [--since T]";
async function runAudit(args, options2, out, stdout) {
  const [sub, file, ...rest] = args;
  if (sub !== "verify" && sub !== "export" || !file || rest.length > 0) {
    out.stderr(`rcc audit: ${sub === void 0 ? "missing subcommand" : sub !== "verify" && sub !== "export" ? `unknown subcommand "${sub}"` : !file ? "missing PATH" : `unexpected ${rest.join(" ")}`}
${USAGE}`);
    return 2;
  }
  const publicKey = readPublicKeyOption("audit", options2.publicKey, out);
  if (publicKey === null) return 2;
  let store;
  try {
    store = openAuditStoreReadOnly(file, publicKey === void 0 ? {} : { publicKey });
  } catch (error) {
    if (!(error instanceof AuditOpenError)) throw error;
    out.stderr(`rcc audit: ${error.message}`);
    return 2;
  }
  try {
    return sub === "verify" ? await verify(store, file, options2.json, publicKey !== void 0, out) : await exportStore(store, options2, out, stdout);
  } catch (error) {
    out.stderr(`rcc audit: ${file}: cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    store.close();
  }
}
async function verify(store, file, json, pinned, out) {
  const report = await store.verify();
  const code = exitCode(report);
  if (json) {
    out.stdout(JSON.stringify({ file, exitCode: code, ...report }, null, 2));
    return code;
  }
  const key = `${pinned ? "the key given with --public-key" : "the key recorded in the file"} (${report.fingerprint})`;
  if (report.failure) {
    out.stdout(`${file}: TAMPERED \u2014 ${report.failure.message}.`);
    out.stdout(`Checked ${report.checked} of ${report.entries} entries; signatures checked with ${key}.`);
    return code;
  }
  if (report.entries === 0) {
    out.stdout(`${file}: intact \u2014 an empty audit store (signing key ${report.fingerprint}).`);
    return code;
  }
  const head = report.head ? `chain head: entry ${report.head.seq}, ${report.head.hash}` : "";
  if (report.unsignedTail > 0) {
    const from = report.entries - report.unsignedTail + 1;
    out.stdout(
      `${file}: NOT VERIFIED \u2014 entries ${from}\u2013${report.entries} come after the last signed checkpoint (${report.checkpoint ? `entry ${report.checkpoint.seq}` : "there is none"}): they were appended after the console last signed its head, by a console that stopped without closing or by someone else. Start and quit the console, then verify a fresh copy.`
    );
    out.stdout(`Entries 1\u2013${from - 1} chain correctly; ${head}.`);
    return code;
  }
  out.stdout(`${file}: intact \u2014 ${report.entries} entries chain correctly and the ${head} is signed with ${key}.`);
  if (!pinned) out.stdout("Compare that fingerprint with the public key of an earlier export, or pass it with --public-key KEY.pem: a store rebuilt with another key also verifies against its own.");
  return code;
}
function exitCode(report) {
  return report.ok && report.unsignedTail === 0 ? 0 : 1;
}
async function exportStore(store, options2, out, stdout) {
  if (options2.format !== "csv" && options2.format !== "jsonl") {
    out.stderr(`rcc audit export: --format must be csv or jsonl${options2.format === void 0 ? "" : ` (got "${options2.format}")`}
${USAGE}`);
    return 2;
  }
  let since;
  if (options2.since !== void 0) {
    const value = /^\d{4}-\d{2}-\d{2}$/.test(options2.since) ? `${options2.since}T00:00:00Z` : options2.since;
    const time = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time)) {
      out.stderr(`rcc audit export: --since ${options2.since}: expected a date (2026-11-01) or an ISO 8601 time (2026-11-01T12:00:00Z)`);
      return 2;
    }
    since = new Date(time).toISOString();
  }
  await store.export(since === void 0 ? {} : { since }, options2.format, stdout);
  return 0;
}

// electron/cli/rcc/sources.ts
var InputProblem = class extends Error {
  lines;
  constructor(lines) {
    super(lines.join("\n"));
    this.name = "InputProblem";
    this.lines = lines;
  }
};

// electron/cli/rcc/problems.ts
var DEFAULT_MAX_PROBLEMS = 20;
var count = (n) => n.toLocaleString("en-US");
var plural2 = (n, word) => `${count(n)} ${n === 1 ? word : `${word}s`}`;
var Problems = class {
  constructor(limit = DEFAULT_MAX_PROBLEMS) {
    this.limit = limit;
  }
  limit;
  shown = [];
  /** Problems found after the cap: counted, not kept. */
  omitted = 0;
  /** Documents and files skipped once the cap was reached. */
  unchecked = { document: 0, file: 0 };
  /** The cap is reached: callers stop validating and count what they skip with `skipped`. */
  get full() {
    return this.shown.length >= this.limit;
  }
  get size() {
    return this.shown.length + this.omitted;
  }
  get empty() {
    return this.size === 0 && this.unchecked.document === 0 && this.unchecked.file === 0;
  }
  /** Keeps the line while under the cap, else counts it. Building lines lazily: pass a function. */
  add(line) {
    if (this.full) this.omitted++;
    else this.shown.push(typeof line === "string" ? line : line());
  }
  /** Counts `n` problems found once the cap is reached, without building their lines. */
  omit(n) {
    this.omitted += n;
  }
  /** Documents or files left unvalidated because the cap was reached. */
  skipped(kind, n = 1) {
    this.unchecked[kind] += n;
  }
  /** Appends `other` after these problems (in that order), still within this cap. */
  merge(other) {
    for (const line of other.shown) this.add(line);
    this.omitted += other.omitted;
    this.unchecked.document += other.unchecked.document;
    this.unchecked.file += other.unchecked.file;
  }
  /** The kept lines, then one line saying how many more there are (and what was not checked). */
  lines() {
    const skipped = [
      this.unchecked.document > 0 ? plural2(this.unchecked.document, "more document") : "",
      this.unchecked.file > 0 ? plural2(this.unchecked.file, "more file") : ""
    ].filter((s) => s !== "");
    const parts = [
      this.omitted > 0 ? `and ${plural2(this.omitted, "more problem")}` : "",
      skipped.length > 0 ? `stopped after ${plural2(this.limit, "problem")}: ${skipped.join(" and ")} not checked` : ""
    ].filter((s) => s !== "");
    return parts.length === 0 ? [...this.shown] : [...this.shown, `\u2026 ${parts.join("; ")}`];
  }
  /** Throws the problems as exit-code-2 input, if there are any. */
  throwIfAny() {
    if (!this.empty) throw new InputProblem(this.lines());
  }
};

// electron/cli/rcc/output.ts
function compatErrorLines(errors, sources, limit, actionFile) {
  const problems = new Problems(limit);
  for (const error of errors) {
    if (problems.full) {
      problems.omit(1);
      continue;
    }
    problems.add(locate(error, sources, actionFile));
  }
  return problems.lines();
}
function locate(error, sources, actionFile) {
  if (error.entity === "action" && actionFile) return `${actionFile}: ${error.field}: ${error.message}`;
  const source = sources.find((s) => s.state.region.id === error.region);
  if (!source) return `${error.region}: ${error.field}: ${error.message}`;
  return `${source.label}: ${formatPath([...source.prefix, ...error.path])}: ${error.message}`;
}

// electron/cli/rcc/render-table.ts
function renderTable(headers, rows, numeric) {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells) => cells.map((cell, c) => numeric.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)).join("  ").trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}
function subject2(v) {
  switch (v.rule) {
    case "version-window":
      return v.components.join(", ");
    case "peer-skew":
      return v.components.length === 1 ? `${v.components[0] ?? ""} \u2192 itself` : v.components.join(" \u2192 ");
    case "schema-skew":
      return `${v.components.join(", ")} on ${v.databaseGroup ?? ""}`;
    case "toggle-min-version":
      return `${v.toggle ?? ""} (${v.components.join(", ")})`;
  }
}
function trains2(v) {
  const [a = "", b = ""] = v.trainNames;
  switch (v.rule) {
    case "version-window":
      return `${a} \u2026 ${b}`;
    case "peer-skew":
      return `${a} \u2192 ${b}`;
    case "schema-skew":
      return `${a} vs schema ${b}`;
    case "toggle-min-version":
      return `needs ${a}`;
  }
}
var count2 = (n) => n.toLocaleString("en-US");
function renderViolations(violations) {
  const rows = violations.map((v, i) => [
    String(i + 1),
    v.rule,
    v.rule === "peer-skew" ? v.regions.join(" \u2192 ") : v.regions.join(", "),
    subject2(v),
    trains2(v),
    count2(v.instances),
    count2(v.activeUsers)
  ]);
  const table2 = renderTable(["#", "RULE", "REGIONS", "SUBJECT", "TRAINS", "INSTANCES", "USERS"], rows, /* @__PURE__ */ new Set([0, 5, 6]));
  const sentences = violations.map((v, i) => `${i + 1}. ${v.sentence}`);
  return `${table2}

${sentences.join("\n")}`;
}

// electron/cli/rcc/check-exceptions.ts
var count3 = (n) => n.toLocaleString("en-US");
function renderExceptions(exceptions) {
  const n = exceptions.length;
  const rows = exceptions.map((e, i) => [
    String(i + 1),
    e.rule,
    e.rule === "peer-skew" ? e.regions.join(" \u2192 ") : e.regions.join(", "),
    e.rule === "schema-skew" ? `${e.components.join(", ")} on ${e.databaseGroup ?? ""}` : e.components.join(" \u2192 "),
    e.rule === "schema-skew" ? `${e.trainNames[0] ?? ""} vs schema ${e.trainNames[1] ?? ""}` : `${e.trainNames[0] ?? ""} \u2192 ${e.trainNames[1] ?? ""}`,
    count3(e.instances),
    count3(e.activeUsers)
  ]);
  const table2 = renderTable(["#", "RULE", "REGIONS", "SUBJECT", "TRAINS", "INSTANCES", "USERS"], rows, /* @__PURE__ */ new Set([0, 5, 6]));
  const sentences = exceptions.map((e, i) => `${i + 1}. ${e.sentence}`);
  return `${n} declared ${n === 1 ? "exception" : "exceptions"} (beyond \xB11, allowed by a declared range):

${table2}

${sentences.join("\n")}`;
}

// electron/cli/rcc/check.ts
function runCheck(sources, json, now, out, maxProblems) {
  const verdict = evaluate(sources.map((s) => s.state), { now });
  if (json) out.stdout(JSON.stringify(verdict, null, 2));
  if (!verdict.ok) {
    out.stderr(compatErrorLines(verdict.errors, sources, maxProblems).join("\n"));
    return 2;
  }
  if (!json) {
    const regions = verdict.regions.join(", ");
    if (verdict.violations.length === 0) out.stdout(`Compliant: no violations in ${regions}.`);
    else {
      const n = verdict.violations.length;
      out.stdout(`${n} ${n === 1 ? "violation" : "violations"} in ${regions}:

${renderViolations(verdict.violations)}`);
    }
    if (verdict.exceptions.length > 0) out.stdout(`
${renderExceptions(verdict.exceptions)}`);
  }
  return verdict.violations.length === 0 ? 0 : 1;
}

// electron/connector/bounded-body.ts
var BodyLimitError = class extends Error {
  constructor(limitBytes) {
    super(`response body larger than the ${formatBytes(limitBytes)} limit; read aborted`);
    this.limitBytes = limitBytes;
    this.name = "BodyLimitError";
  }
  limitBytes;
};
async function readBodyCapped(response, limitBytes) {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitBytes) {
    await response.body?.cancel().catch(() => {
    });
    throw new BodyLimitError(limitBytes);
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => {
      });
      throw new BodyLimitError(limitBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { ignoreBOM: false }).decode(Buffer.concat(chunks, size));
}
function formatBytes(bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

// electron/cli/rcc/read-text.ts
import { open } from "node:fs/promises";
var DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
var ReadProblem = class extends Error {
  constructor(message, options2) {
    super(message, options2);
    this.name = "ReadProblem";
  }
};
function describeSize(bytes) {
  const units = [
    [1024 ** 3, "GiB"],
    [1024 ** 2, "MiB"],
    [1024, "KiB"]
  ];
  const exact = `${bytes.toLocaleString("en-US")} bytes`;
  for (const [size, unit] of units) {
    if (bytes >= size) return `${(bytes / size).toFixed(1)} ${unit} (${exact})`;
  }
  return exact;
}
var raise = (flag) => flag === "" ? "" : ` (raise it with ${flag})`;
function fileTooLarge(size, maxBytes, flag) {
  return new ReadProblem(`file is ${describeSize(size)}, over the ${formatBytes(maxBytes)} limit${raise(flag)}`);
}
function streamTooLarge(maxBytes, flag) {
  return new ReadProblem(`larger than the ${formatBytes(maxBytes)} limit; reading stopped there${raise(flag)}`);
}
var CHUNK2 = 1024 * 1024;
async function readTextCapped(file, maxBytes, flag = "--max-bytes") {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw new ReadProblem(describeOpenError(error), { cause: error });
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new ReadProblem("is a directory, not a file");
    if (info.isFile() && info.size > maxBytes) throw fileTooLarge(info.size, maxBytes, flag);
    const bytes = await readAll(handle, maxBytes, info.isFile() ? info.size : CHUNK2, flag);
    return decodeUtf8(bytes);
  } catch (error) {
    if (error instanceof ReadProblem) throw error;
    const code = error.code;
    throw new ReadProblem(`cannot read (${code ?? (error instanceof Error ? error.message : String(error))})`, { cause: error });
  } finally {
    await handle.close().catch(() => {
    });
  }
}
async function readAll(handle, maxBytes, expected, flag) {
  let buffer = Buffer.allocUnsafe(Math.min(maxBytes, Math.max(expected, 1)) + 1);
  let length = 0;
  for (; ; ) {
    if (length === buffer.length) {
      if (length > maxBytes) throw streamTooLarge(maxBytes, flag);
      const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
    if (length > maxBytes) throw streamTooLarge(maxBytes, flag);
  }
  return buffer.subarray(0, length);
}
function decodeUtf8(bytes) {
  try {
    return new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
  } catch (error) {
    throw new ReadProblem(`too large to read as text (${describeSize(bytes.byteLength)})`, { cause: error });
  }
}
function describeOpenError(error) {
  const code = error.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory, not a file";
  return `cannot read (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

// electron/cli/rcc/zod-issues.ts
function addIssues(problems, source, error, prefix = []) {
  const { issues } = error;
  for (let i = 0; i < issues.length; i++) {
    if (problems.full) {
      problems.omit(issues.length - i);
      return;
    }
    const issue = issues[i];
    problems.add(`${source}: ${formatPath([...prefix, ...issuePath(issue)])}: ${simplify(issue?.message ?? "")}`);
  }
}
function simplify(message) {
  return message.replace(/^Invalid (input|option): /, "");
}

// electron/cli/rcc/fetch-region.ts
var ENDPOINT = "/v1/fleet";
var MAX_TOKEN_BYTES = 64 * 1024;
async function fetchRegion(source, limits) {
  const endpoint = new URL(ENDPOINT.slice(1), source.url.endsWith("/") ? source.url : `${source.url}/`).href;
  const label = `${source.url} (GET ${ENDPOINT})`;
  const problems = new Problems(limits.maxProblems);
  const fail = (line) => {
    problems.add(line);
    return { ok: false, problems };
  };
  let token;
  try {
    token = (await readTextCapped(source.tokenFile, MAX_TOKEN_BYTES, "")).trim();
  } catch (error) {
    if (!(error instanceof ReadProblem)) throw error;
    return fail(`${source.tokenFile}: cannot read the token file: ${error.message}`);
  }
  if (token === "") return fail(`${source.tokenFile}: the token file is empty`);
  const { timeoutMs } = limits;
  const signal = AbortSignal.timeout(timeoutMs);
  let response;
  try {
    response = await fetch(endpoint, { headers: { authorization: `Bearer ${token}`, accept: "application/json" }, signal });
  } catch (error) {
    if (signal.aborted) return fail(`${label}: no response within ${timeoutMs} ms (--timeout-ms)`);
    return fail(`${label}: request failed (${describeCause(error)})`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {
    });
    return fail(`${label}: HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  let text2;
  try {
    text2 = await readBodyCapped(response, limits.maxBytes);
  } catch (error) {
    if (error instanceof BodyLimitError) return fail(`${label}: ${error.message} (raise it with --max-bytes)`);
    if (signal.aborted) return fail(`${label}: the response headers arrived but the body was not complete within ${timeoutMs} ms (--timeout-ms)`);
    return fail(`${label}: reading the response body failed (${describeCause(error)})`);
  }
  let json;
  try {
    json = JSON.parse(text2);
  } catch (error) {
    return fail(`${label}: response is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = FleetState.safeParse(json);
  if (!parsed.success) {
    addIssues(problems, label, parsed.error);
    return { ok: false, problems };
  }
  return { ok: true, source: { state: parsed.data, label, prefix: [] } };
}
function describeCause(error) {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

// electron/cli/rcc/help.ts
var HELP = `rcc \u2014 release-control console compatibility checks, canary judgement, audit and snapshot verification

Usage:
  rcc check [FILE...] [--region URL --token-file FILE]... [--json]
  rcc what-if --action ACTION.json [FILE...] [--region URL --token-file FILE]... [--json]
  rcc plan [FILE...] [--region URL --token-file FILE]... [--json]
  rcc gate --train N|NAME --stage S [FILE...] [--region URL --token-file FILE]... [--judgements FILE] [--json]
  rcc judge BASELINE.json CANARY.json --signal error_rate|latency_p95|health [--json]
  rcc audit verify AUDIT.sqlite [--public-key KEY.pem] [--json]
  rcc audit export AUDIT.sqlite --format csv|jsonl [--since T]
  rcc snapshot verify FILE.rccsnap [--public-key KEY.pem] [--json]
  rcc snapshot diff A.rccsnap B.rccsnap [--json]
  rcc --help

Fleet state comes from JSON files (each a FleetState document or an array of them) and/or from
region endpoints: --region URL fetches URL/v1/fleet with "Authorization: Bearer <token>", the
token read from the --token-file given with it (or one token file for every region).

check     evaluates the compatibility rules: version window (at most 3 consecutive trains),
          peer skew (callers and callees at most 1 train apart), schema skew (schemas within
          1 train of the instances using them) and toggle minimum versions.
what-if   evaluates the rules after the action in ACTION.json:
            { "region": "eu-west", "action": { "type": "component.rollback", "component": "search", "toTrain": 46 } }
          action types: rollout.pause | rollout.resume | rollout.abort | rollout.step,
          component.rollback, schema.rollback, toggle.set.
plan      groups the violations by cause (the region, component or schema at a train, or the
          toggle, whose change resolves them) and searches the actions the protocol offers on what
          they involve \u2014 toggle off, rollout resume/abort, component and schema rollback \u2014 for the
          fewest steps that resolve the most, each judged on the fleet after the steps before it
          and none introducing a violation. It only proposes: run each step from the console.

gate      asks "may this train go to stage S?" \u2014 the pipeline step before each stage. GO only
          when (1) every stage gate before S passed and no gate of the train has a failed test
          (any failed gate blocks the train), (2) completing the train's rollouts in flight in
          the given regions (the what-if of resuming each, one after the other) introduces no
          violation, and (3) no canary judgement of the train is fail. Canary judgements come
          from --judgements FILE (a JSON array as the console's telemetry.judgements returns);
          without it that check is skipped and says so. Stages are ordered by when each train
          passed them. --train takes the index or the name (2026.47). Prints each reason.

judge     compares a canary's samples of one signal with its baseline's: each file is a JSON
          array of numbers (error ratios 0..1, latencies in seconds, health ratios 0..1). The
          two-sided Mann-Whitney U test (alpha 0.01) says whether they differ; the shift of the
          median in the bad direction says by how much: error ratio and latency relative to the
          baseline (marginal at +50 % / +25 %, fail at +100 % / +50 %; an error ratio must also rise
          by 0.002), health as an absolute drop (marginal 0.02, fail 0.05). A significant change
          below the marginal threshold passes. Also latency_p50 and latency_p99 (as latency).

audit     works on a copy of the console's audit store (audit.sqlite in its data directory),
          made while the console is closed; the copy is opened read-only.
          audit verify recomputes the hash chain and checks the signed checkpoints, naming the
          first bad entry and why; --public-key KEY.pem (from an export) pins the signing key,
          otherwise the key recorded in the file is used and its fingerprint printed.
          audit export writes the entries, oldest first, to stdout as CSV (RFC 4180) or JSON
          Lines, then the chain head, its signature, the public key and how to verify.

snapshot  works on a snapshot file the console wrote (read-only).
          snapshot verify checks, cheapest first: a SQLite file, a snapshot's, not truncated, the
          manifest against its SHA-256, every table against the manifest's SHA-256, and the audit
          entries it carries (their chain from a signed checkpoint to a signed head); it names the
          first check that fails. --public-key KEY.pem pins the audit signing key.
          snapshot diff compares A with B: connection states, live versions per component and
          region, toggles, violations appeared / resolved, signal means per version, and the
          audit entries between the two times (--json: all of it, as the console's compare).

Options:
  --json              print the verdict as JSON
  --region URL        a region endpoint (repeatable)
  --token-file FILE   bearer token for --region (repeatable, in the same order)
  --timeout-ms N      timeout of each --region request, headers and body (default 10000)
  --max-bytes N       largest input file or response body read (default 256MiB; also 512KiB, 1GiB)
  --max-problems N    most problems printed in all, then "\u2026 and K more problems" (default 20)
  --action FILE       the action for what-if
  --train N|NAME      gate: the train (index or name)
  --stage S           gate: the stage it would go to (e.g. production)
  --judgements FILE   gate: canary judgements to check (JSON array, as telemetry.judgements returns)
  --signal S          judge: error_rate, latency_p50, latency_p95, latency_p99 or health
  --public-key FILE   audit / snapshot verify: the Ed25519 public key (PEM) the checkpoints must verify with
  --format csv|jsonl  audit export: the output format
  --since T           audit export: entries at or after T (2026-11-01 or 2026-11-01T12:00:00Z)
  -h, --help          this help

Exit codes:
  0  compliant (check) / the action introduces no violations (what-if)
  1  violations found (check) / the action would introduce violations (what-if)
  2  bad input: unreadable, too large or invalid JSON, schema errors, ambiguous state (an id given
     twice, a version at two trains), undefined versions or trains

rcc plan: 0 compliant; 1 the plan resolves every violation; 3 it resolves only some (the rest
listed with why, e.g. "needs a release"); 2 bad input (as for check).

rcc gate: 0 go; 1 no-go (each reason printed); 2 bad input (as for check, or an unknown train or
stage, a missing --train or --stage, an invalid judgements file).

rcc judge: 0 pass; 1 fail; 3 marginal; 2 bad input (a missing, unreadable or too large file, not a
non-empty JSON array of finite numbers, an unknown or unjudged signal).

rcc audit verify: 0 intact; 1 tampered (the first bad entry and why), or entries after the last
signed checkpoint (a console that stopped without closing, or someone else appended); 2 not an
audit store, or unreadable. rcc audit export: 0 written; 2 not an audit store, unreadable, bad option.

rcc snapshot verify: 0 intact; 1 tampered, naming the failed check (truncated, corrupt, no-manifest,
manifest-hash, table-hash with the table, audit-chain, \u2026); 2 not a snapshot (not SQLite, another
SQLite file), unreadable, or bad usage. rcc snapshot diff: 0 compared; 1 a file failed a check;
2 not a snapshot or bad usage.
`;

// electron/cli/rcc/gate.ts
import { z as z13 } from "zod";

// shared/contract/telemetry.ts
import { z as z10 } from "zod";

// shared/contract/define.ts
import { z as z9 } from "zod";
function call(spec) {
  return spec;
}
function event(spec) {
  return spec;
}
var ApiErrorKind = z9.enum([
  "invalid-input",
  "unknown-call",
  "not-found",
  "unauthorized",
  "forbidden",
  "endpoint",
  "validation",
  "conflict",
  "internal",
  /** The audit store cannot be written, so an action was refused before anything was sent. */
  "audit-unavailable"
]);
var ApiErrorBody = z9.object({
  kind: ApiErrorKind,
  message: z9.string(),
  /** zod issue path for invalid input, or the field path of an invalid endpoint response. */
  path: z9.array(z9.union([z9.string(), z9.number()])).optional(),
  region: z9.string().optional(),
  endpoint: z9.string().optional(),
  retryable: z9.boolean().optional()
});

// shared/contract/telemetry.ts
var TelemetryRange = z10.enum(["15m", "1h", "6h", "24h", "7d"]);
var TelemetrySourceKind = z10.enum(["native", "prometheus"]);
var TelemetryProblem = z10.object({
  region: z10.string(),
  source: TelemetrySourceKind,
  /** The query as sent: a PromQL expression, or the native `/v1/telemetry` query string. */
  query: z10.string(),
  message: z10.string()
});
var VersionRef = z10.object({ version: z10.string(), train: z10.number().int() });
var SignalStatus = z10.enum(["better", "same", "worse", "bad", "unknown"]);
var SignalCell = z10.object({
  /** Mean over the range (error ratio and health as ratios 0..1, latency in seconds); null without data. */
  value: z10.number().nullable(),
  baseline: z10.number().nullable(),
  /** (value − baseline) / baseline; null without both. */
  relativeDelta: z10.number().nullable(),
  status: SignalStatus
});
var SignalRow = z10.object({
  region: z10.string(),
  component: z10.string(),
  version: z10.string(),
  train: z10.number().int(),
  instances: z10.number().int().min(0),
  /** The previous train's version live in the same region; null when there is none. */
  baseline: VersionRef.nullable(),
  error_rate: SignalCell,
  latency_p95: SignalCell,
  health: SignalCell,
  /** Error ratio over the range, downsampled to at most 24 points (the row's sparkline). */
  sparkline: z10.array(z10.number())
});
var ChartRole = z10.enum(["canary", "baseline", "other"]);
var ChartSeries = z10.object({
  signal: Signal,
  version: z10.string(),
  train: z10.number().int(),
  role: ChartRole,
  unit: z10.string(),
  /** [unix seconds, value]; gaps (no sample, NaN) are left out. */
  points: TimePoints
});
var ChartAnnotation = z10.object({
  at: z10.iso.datetime({ offset: true }),
  kind: z10.enum(["rollout", "action"]),
  label: z10.string()
});
var Verdict2 = z10.enum(["pass", "marginal", "fail"]);
var SignalJudgement = z10.object({
  signal: Signal,
  verdict: Verdict2,
  /** Two-sided p-value of the Mann-Whitney U test (normal approximation, tie-corrected). */
  pValue: z10.number().min(0).max(1),
  /** Shift of the canary against the baseline in the signal's bad direction: relative for error ratio and latency, absolute for health. */
  effect: z10.number(),
  /** The effect at which a significant change is marginal, and at which it fails. */
  marginalAt: z10.number(),
  failAt: z10.number(),
  baselineMedian: z10.number(),
  canaryMedian: z10.number(),
  baselineCount: z10.number().int().min(0),
  canaryCount: z10.number().int().min(0),
  /** One sentence: why this verdict. */
  reason: z10.string()
});
var CanaryJudgement = z10.object({
  region: z10.string(),
  component: z10.string(),
  rolloutId: z10.string(),
  canary: VersionRef,
  baseline: VersionRef,
  from: z10.iso.datetime({ offset: true }),
  to: z10.iso.datetime({ offset: true }),
  /** Null when it could not be judged (no data, source failing); `problem` says why. */
  verdict: Verdict2.nullable(),
  signals: z10.array(SignalJudgement),
  problem: z10.string().nullable()
});
var telemetryCalls = {
  "telemetry.signals": call({
    kind: "query",
    summary: "Every live component version per region: error ratio, p95 latency and health against its baseline, with a sparkline",
    input: z10.object({ range: TelemetryRange.default("15m") }).strict(),
    output: z10.object({
      at: z10.iso.datetime({ offset: true }),
      range: TelemetryRange,
      rows: z10.array(SignalRow),
      problems: z10.array(TelemetryProblem)
    })
  }),
  "telemetry.chart": call({
    kind: "query",
    summary: "A component's signals per version in one region, downsampled to the chart's width, with rollout and action annotations",
    input: z10.object({
      region: z10.string().min(1),
      component: z10.string().min(1),
      range: TelemetryRange.default("15m"),
      /** The plot's width in pixels: the step and the downsampling follow it. */
      widthPx: z10.number().int().min(50).max(4e3).default(800),
      signals: z10.array(Signal).min(1).max(6).optional()
    }).strict(),
    output: z10.object({
      region: z10.string(),
      component: z10.string(),
      range: TelemetryRange,
      from: z10.iso.datetime({ offset: true }),
      to: z10.iso.datetime({ offset: true }),
      stepSeconds: z10.number().int().min(1),
      source: TelemetrySourceKind,
      series: z10.array(ChartSeries),
      annotations: z10.array(ChartAnnotation),
      problems: z10.array(TelemetryProblem)
    })
  }),
  "telemetry.judgements": call({
    kind: "query",
    summary: "The canary judgement of every rollout in flight (pass / marginal / fail with the signals that decided it)",
    input: z10.object({ region: z10.string().min(1).optional(), component: z10.string().min(1).optional() }).strict(),
    output: z10.array(CanaryJudgement)
  })
};

// shared/trains/schemas.ts
import { z as z11 } from "zod";
var StageGateCell = z11.object({
  region: z11.string(),
  testsRun: z11.number().int().min(0),
  testsPassed: z11.number().int().min(0),
  testsFailed: z11.number().int().min(0),
  at: z11.iso.datetime({ offset: true })
});
var StageStatus = z11.enum(["passed", "failed", "pending"]);
var TrainStage = z11.object({
  stage: z11.string(),
  status: StageStatus,
  /** When the gate passed (the latest report among regions); null unless passed. */
  passedAt: z11.iso.datetime({ offset: true }).nullable(),
  testsRun: z11.number().int().min(0),
  testsFailed: z11.number().int().min(0),
  /** Per region, in the order regions are listed; regions that did not report it are absent. */
  regions: z11.array(StageGateCell)
});
var TrainGates = z11.object({
  train: z11.number().int(),
  trainName: z11.string(),
  stages: z11.array(TrainStage),
  blocked: z11.boolean(),
  /** One sentence per failed gate, e.g. `pre-production gate failed: 3 of 120 tests (us-east, eu-west)`. */
  blockedReasons: z11.array(z11.string())
});
var GateCheckKind = z11.enum(["gates", "what-if", "canary"]);
var GateCheckOutcome = z11.enum(["pass", "fail", "skipped"]);
var GateCheck = z11.object({
  check: GateCheckKind,
  outcome: GateCheckOutcome,
  /** The reason in one sentence. */
  sentence: z11.string(),
  /** What backs it up: failed gates, introduced violations, failing canaries. */
  details: z11.array(z11.string())
});
var GateVerdict = z11.object({
  train: z11.number().int(),
  trainName: z11.string(),
  stage: z11.string(),
  go: z11.boolean(),
  regions: z11.array(z11.string()),
  checks: z11.array(GateCheck)
});
var BlockedTrain = z11.object({
  train: z11.number().int(),
  trainName: z11.string(),
  reasons: z11.array(z11.string()),
  /** The train's component versions, to mark them where only versions are shown (rollouts). */
  versions: z11.array(z11.object({ component: z11.string(), version: z11.string() }))
});

// shared/trains/stages.ts
function trainsOf(states) {
  const byIndex = /* @__PURE__ */ new Map();
  for (const state of states) for (const train of state.trains) if (!byIndex.has(train.index)) byIndex.set(train.index, train);
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}
function stageOrder(states) {
  const byTrain = /* @__PURE__ */ new Map();
  for (const state of states) {
    for (const gate of state.stageGates) {
      const gates = byTrain.get(gate.train) ?? /* @__PURE__ */ new Map();
      const at = gates.get(gate.stage);
      if (at === void 0 || gate.at < at) gates.set(gate.stage, gate.at);
      byTrain.set(gate.train, gates);
    }
  }
  const order = [];
  for (const index of [...byTrain.keys()].sort((a, b) => b - a)) {
    const stages = [...(byTrain.get(index) ?? /* @__PURE__ */ new Map()).entries()].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));
    let after = -1;
    for (const [stage] of stages) {
      const at = order.indexOf(stage);
      if (at >= 0) {
        after = at;
        continue;
      }
      order.splice(after + 1, 0, stage);
      after += 1;
    }
  }
  return order;
}
function gatesByTrain(states) {
  const out = /* @__PURE__ */ new Map();
  for (const state of states) {
    for (const gate of state.stageGates) {
      const stages = out.get(gate.train) ?? /* @__PURE__ */ new Map();
      const cells = stages.get(gate.stage) ?? [];
      cells.push(cellOf(state.region.id, gate));
      stages.set(gate.stage, cells);
      out.set(gate.train, stages);
    }
  }
  return out;
}
function cellOf(region, gate) {
  return { region, testsRun: gate.testsRun, testsPassed: gate.testsPassed, testsFailed: gate.testsFailed, at: gate.at };
}
function trainStage(stage, cells) {
  const testsFailed = Math.max(0, ...cells.map((c) => c.testsFailed));
  const testsRun = Math.max(0, ...cells.map((c) => c.testsRun));
  const status = cells.length === 0 ? "pending" : cells.some((c) => c.testsFailed > 0) ? "failed" : "passed";
  const passedAt = status === "passed" ? cells.map((c) => c.at).reduce((a, b) => b > a ? b : a) : null;
  return { stage, status, passedAt, testsRun, testsFailed, regions: [...cells] };
}
function trainGates(train, order, stages) {
  const rows = order.map((stage) => trainStage(stage, stages?.get(stage) ?? []));
  const failed = rows.filter((r) => r.status === "failed");
  return {
    train: train.index,
    trainName: train.name,
    stages: rows,
    blocked: failed.length > 0,
    blockedReasons: failed.map(failedSentence)
  };
}
function failedSentence(stage) {
  const failing = stage.regions.filter((c) => c.testsFailed > 0);
  const worst = failing.reduce((a, b) => b.testsFailed > a.testsFailed ? b : a);
  const where = failing.map((c) => c.region).join(", ");
  return `${stage.stage} gate failed: ${worst.testsFailed} of ${worst.testsRun.toLocaleString("en-US")} tests (${where})`;
}
function allTrainGates(states) {
  const order = stageOrder(states);
  const gates = gatesByTrain(states);
  return trainsOf(states).reverse().map((t) => trainGates(t, order, gates.get(t.index)));
}

// shared/trains/train-rollouts.ts
var IN_FLIGHT = /* @__PURE__ */ new Set(["progressing", "paused"]);
function rolloutsWithTrains(states) {
  const out = [];
  for (const state of states) {
    const trainOf = /* @__PURE__ */ new Map();
    for (const v of state.componentVersions) trainOf.set(`${v.component}\0${v.version}`, v.train);
    for (const rollout of state.rollouts) {
      out.push({
        region: state.region.id,
        rollout,
        toTrain: trainOf.get(`${rollout.component}\0${rollout.toVersion}`),
        fromTrain: trainOf.get(`${rollout.component}\0${rollout.fromVersion}`)
      });
    }
  }
  return out;
}
function inFlightRollouts(all, train, regions) {
  return all.filter((r) => r.toTrain === train && IN_FLIGHT.has(r.rollout.state) && regions.has(r.region));
}

// shared/trains/gate-verdict.ts
function gateVerdict(states, view, question, known) {
  const order = known?.order ?? stageOrder(states);
  const trains3 = known?.trains ?? allTrainGates(states);
  const gates = trains3.find((t) => t.train === question.train);
  if (!gates) return { ok: false, problem: `train ${question.train} is not in the fleet (known: ${describeKnown(trains3.map((t) => t.train))})` };
  const stageIndex = order.indexOf(question.stage);
  if (stageIndex < 0) return { ok: false, problem: `stage "${question.stage}" is not one of the pipeline's stages (${order.join(", ") || "none reported"})` };
  const allRegions = view.regionIds();
  const regions = question.regions ?? allRegions;
  const unknown = regions.filter((r) => !allRegions.includes(r));
  if (unknown.length > 0) return { ok: false, problem: `region ${unknown.join(", ")} is not in the fleet (known: ${allRegions.join(", ")})` };
  const rollouts = inFlightRollouts(rolloutsWithTrains(states), question.train, new Set(regions));
  const checks = [
    gatesCheck(gates, question.stage, stageIndex),
    whatIfCheck(view, rollouts, gates.trainName, regions),
    canaryCheck(question.judgements, question.train, gates.trainName)
  ];
  return {
    ok: true,
    verdict: { train: gates.train, trainName: gates.trainName, stage: question.stage, go: checks.every((c) => c.outcome !== "fail"), regions: [...regions], checks }
  };
}
function describeKnown(trains3) {
  if (trains3.length === 0) return "none";
  return `${Math.min(...trains3)}\u2013${Math.max(...trains3)}`;
}
function gatesCheck(gates, stage, stageIndex) {
  const before = gates.stages.slice(0, stageIndex);
  const pending = before.filter((s) => s.status === "pending").map((s) => s.stage);
  const details = [...gates.blockedReasons, ...pending.map((s) => `${s} gate not passed yet`)];
  if (gates.blocked) {
    const n = gates.blockedReasons.length;
    return { check: "gates", outcome: "fail", sentence: `${gates.trainName} is blocked by ${n === 1 ? "a failed gate" : `${n} failed gates`}: a single failure anywhere stops the release.`, details };
  }
  if (pending.length > 0) {
    return { check: "gates", outcome: "fail", sentence: `Not every gate before ${stage} has passed: ${pending.join(", ")} still to pass.`, details };
  }
  if (before.length === 0) return { check: "gates", outcome: "pass", sentence: `${stage} is the first stage: no gate before it, and no gate of ${gates.trainName} failed.`, details };
  const tests = before.reduce((n, s) => n + s.testsRun, 0);
  return {
    check: "gates",
    outcome: "pass",
    sentence: `Every gate before ${stage} passed with no failed test (${before.map((s) => s.stage).join(", ")}; ${tests.toLocaleString("en-US")} tests).`,
    details
  };
}
function whatIfCheck(view, rollouts, trainName2, regions) {
  const where = regions.join(", ");
  if (rollouts.length === 0) {
    return { check: "what-if", outcome: "pass", sentence: `No rollout of ${trainName2} is under way in ${where}: completing the train changes nothing.`, details: [] };
  }
  const before = new Set(view.verdict().violations.map((v) => v.id));
  let after = view;
  for (const { region, rollout } of rollouts) {
    const step = after.after({ region, action: { type: "rollout.resume", rolloutId: rollout.id } });
    if (!step.ok) {
      const errors = step.errors.map((e) => `${e.region}: ${e.field}: ${e.message}`);
      return { check: "what-if", outcome: "fail", sentence: `The what-if of completing ${rollout.id} in ${region} could not be evaluated.`, details: errors };
    }
    after = step.view;
  }
  const introduced = after.verdict().violations.filter((v) => !before.has(v.id));
  const n = rollouts.length;
  const rolloutsText = `${n} rollout${n === 1 ? "" : "s"}`;
  if (introduced.length === 0) {
    return { check: "what-if", outcome: "pass", sentence: `Completing the ${rolloutsText} of ${trainName2} in ${where} introduces no violation.`, details: [] };
  }
  return {
    check: "what-if",
    outcome: "fail",
    sentence: `Completing the ${rolloutsText} of ${trainName2} in ${where} would introduce ${introduced.length} violation${introduced.length === 1 ? "" : "s"}.`,
    details: introduced.map((v) => v.sentence)
  };
}
function canaryCheck(judgements, train, trainName2) {
  if (judgements === null) {
    return { check: "canary", outcome: "skipped", sentence: `No canary judgements were available for ${trainName2}: not checked.`, details: [] };
  }
  const own = judgements.filter((j) => j.canary.train === train);
  const failing = own.filter((j) => j.verdict === "fail");
  if (failing.length > 0) {
    return {
      check: "canary",
      outcome: "fail",
      sentence: `${failing.length} canary judgement${failing.length === 1 ? "" : "s"} of ${trainName2} ${failing.length === 1 ? "is" : "are"} fail.`,
      details: failing.map((j) => `${j.region} ${j.component} ${j.canary.version} (${j.rolloutId}): fail`)
    };
  }
  if (own.length === 0) return { check: "canary", outcome: "pass", sentence: `No canary of ${trainName2} is being judged: none is fail.`, details: [] };
  const judged = own.filter((j) => j.verdict !== null).length;
  return { check: "canary", outcome: "pass", sentence: `None of the ${own.length} canary judgements of ${trainName2} is fail (${judged} judged).`, details: [] };
}

// electron/cli/rcc/load-files.ts
import "zod";
async function loadFleetFiles(files, limits, problems) {
  const out = [];
  for (const file of files) {
    if (problems.full) {
      problems.skipped("file");
      continue;
    }
    let json;
    try {
      json = await readJson(file, limits.maxBytes);
    } catch (error) {
      if (!(error instanceof ReadProblem)) throw error;
      problems.add(`${file}: ${error.message}`);
      continue;
    }
    if (!Array.isArray(json)) {
      validate(json, file, [], problems, out);
      continue;
    }
    if (json.length === 0) problems.add(`${file}: the array holds no fleet state documents`);
    for (let i = 0; i < json.length; i++) {
      const doc = json[i];
      if (!problems.full) validate(doc, file, [i], problems, out);
      else if (typeof doc !== "object" || doc === null || Array.isArray(doc)) problems.omit(1);
      else problems.skipped("document");
    }
  }
  return out;
}
function validate(doc, file, prefix, problems, out) {
  const parsed = FleetState.safeParse(doc);
  if (parsed.success) out.push({ state: parsed.data, label: file, prefix });
  else addIssues(problems, file, parsed.error, prefix);
}
async function loadJsonFile(file, schema, limits) {
  let json;
  try {
    json = await readJson(file, limits.maxBytes);
  } catch (error) {
    if (error instanceof ReadProblem) throw new InputProblem([`${file}: ${error.message}`]);
    throw error;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = new Problems(limits.maxProblems);
  addIssues(problems, file, parsed.error);
  throw new InputProblem(problems.lines());
}
async function readJson(file, maxBytes) {
  const text2 = await readTextCapped(file, maxBytes);
  try {
    return JSON.parse(text2);
  } catch (error) {
    throw new ReadProblem(`not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

// electron/cli/rcc/gate.ts
var GATE_USAGE = "usage: rcc gate --train N|NAME --stage S [FILE...] [--region URL --token-file FILE]... [--judgements FILE] [--json]";
function checkGateArgs(args) {
  const missing = [args.train === void 0 ? "--train" : null, args.stage === void 0 ? "--stage" : null].filter((m) => m !== null);
  if (missing.length > 0) throw new InputProblem([`rcc gate: ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} required`, GATE_USAGE]);
  return { train: args.train, stage: args.stage };
}
async function loadJudgements(file, limits) {
  if (file === void 0) return null;
  return loadJsonFile(file, z13.array(CanaryJudgement), limits);
}
function runGate(sources, args, judgements, now, out, maxProblems) {
  const { train, stage } = checkGateArgs(args);
  const states = sources.map((s) => s.state);
  const view = indexFleet(states, { now });
  const verdict = view.verdict();
  if (!verdict.ok) {
    if (args.json) out.stdout(JSON.stringify({ ok: false, errors: verdict.errors }, null, 2));
    out.stderr(compatErrorLines(verdict.errors, sources, maxProblems).join("\n"));
    return 2;
  }
  const index = trainIndex2(states, train);
  const answer = gateVerdict(states, view, { train: index, stage, judgements });
  if (!answer.ok) throw new InputProblem([`rcc gate: ${answer.problem}`]);
  if (args.json) out.stdout(JSON.stringify({ ok: true, ...answer.verdict }, null, 2));
  else out.stdout(renderGate(answer.verdict));
  return answer.verdict.go ? 0 : 1;
}
function trainIndex2(states, train) {
  const byName = trainsOf(states).find((t) => t.name === train);
  if (byName) return byName.index;
  const n = Number(train);
  if (train.trim() === train && Number.isSafeInteger(n) && n >= 0) return n;
  throw new InputProblem([`rcc gate: --train ${train}: not a train index or a train name the fleet reports`]);
}
var MARK = { pass: "pass", fail: "FAIL", skipped: "skip" };
function renderGate(v) {
  const head = `${v.go ? "GO" : "NO-GO"}: train ${v.trainName} (${v.train}) ${v.go ? "may go" : "may not go"} to ${v.stage} (${v.regions.join(", ")})`;
  const lines = v.checks.flatMap((c) => [`  [${MARK[c.outcome]}] ${c.check}: ${c.sentence}`, ...c.details.map((d) => `         - ${d}`)]);
  return [head, ...lines].join("\n");
}

// electron/cli/rcc/judge.ts
import { z as z14 } from "zod";

// shared/telemetry/mann-whitney.ts
function sortedSample(values, side) {
  if (values.length === 0) throw new RangeError(`Mann-Whitney: the ${side} sample is empty`);
  const sorted2 = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`Mann-Whitney: the ${side} sample's value [${i}] is ${String(v)}, not a finite number`);
    sorted2[i] = v;
  }
  return sorted2.sort();
}
function mannWhitneySorted(a, b) {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0) throw new RangeError("Mann-Whitney: the first sample is empty");
  if (n2 === 0) throw new RangeError("Mann-Whitney: the second sample is empty");
  let i = 0;
  let j = 0;
  let rank = 0;
  let rankSumA = 0;
  let tieTerm = 0;
  while (i < n1 || j < n2) {
    const va = i < n1 ? a[i] : Infinity;
    const vb = j < n2 ? b[j] : Infinity;
    const v = va < vb ? va : vb;
    let ca = 0;
    while (i < n1 && a[i] === v) {
      i++;
      ca++;
    }
    let cb = 0;
    while (j < n2 && b[j] === v) {
      j++;
      cb++;
    }
    const t = ca + cb;
    rankSumA += ca * (rank + (t + 1) / 2);
    if (t > 1) tieTerm += t * t * t - t;
    rank += t;
  }
  const u = rankSumA - n1 * (n1 + 1) / 2;
  const n = n1 + n2;
  const mean = n1 * n2 / 2;
  const variance = n1 * n2 / 12 * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { u, z: 0, pValue: 1 };
  const diff2 = u - mean;
  const z23 = Math.sign(diff2) * Math.max(0, Math.abs(diff2) - 0.5) / Math.sqrt(variance);
  return { u, z: z23, pValue: Math.min(1, erfc(Math.abs(z23) / Math.SQRT2)) };
}
function sortedMedian(sorted2) {
  const mid = sorted2.length >> 1;
  return sorted2.length % 2 === 1 ? sorted2[mid] : (sorted2[mid - 1] + sorted2[mid]) / 2;
}
function erfc(x) {
  const z23 = Math.abs(x);
  const t = 1 / (1 + 0.5 * z23);
  const r = t * Math.exp(
    -z23 * z23 - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
  );
  return x >= 0 ? r : 2 - r;
}

// shared/telemetry/judge.ts
var JUDGED_SIGNALS = ["error_rate", "latency_p50", "latency_p95", "latency_p99", "health"];
function isJudgedSignal(signal) {
  return JUDGED_SIGNALS.includes(signal);
}
var LATENCY = { marginalAt: 0.25, failAt: 0.5, minAbsoluteShift: 0 };
var DEFAULT_THRESHOLDS = {
  error_rate: { marginalAt: 0.5, failAt: 1, minAbsoluteShift: 2e-3 },
  latency_p50: LATENCY,
  latency_p95: LATENCY,
  latency_p99: LATENCY,
  health: { marginalAt: 0.02, failAt: 0.05, minAbsoluteShift: 0 }
};
var DEFAULT_ALPHA = 0.01;
var RELATIVE_FLOOR = { error_rate: 1e-3, latency_p50: 1e-6, latency_p95: 1e-6, latency_p99: 1e-6, health: 0 };
function judgeSignal(signal, baseline, canary, options2 = {}) {
  if (!isJudgedSignal(signal)) throw new RangeError(`${signal} is not judged: it has no bad direction (judged: ${JUDGED_SIGNALS.join(", ")})`);
  const t = { ...DEFAULT_THRESHOLDS[signal], ...definedOnly(options2) };
  const alpha = options2.alpha ?? DEFAULT_ALPHA;
  if (!(t.marginalAt <= t.failAt)) throw new RangeError(`${signal}: marginalAt ${t.marginalAt} is above failAt ${t.failAt}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha ${alpha} is not between 0 and 1`);
  const b = sortedSample(baseline, "baseline");
  const c = sortedSample(canary, "canary");
  const { pValue } = mannWhitneySorted(b, c);
  const baselineMedian = sortedMedian(b);
  const canaryMedian = sortedMedian(c);
  const badShift = signal === "health" ? baselineMedian - canaryMedian : canaryMedian - baselineMedian;
  const effect = signal === "health" ? badShift : badShift / Math.max(Math.abs(baselineMedian), RELATIVE_FLOOR[signal]);
  const significant = pValue < alpha;
  const counts = badShift >= t.minAbsoluteShift;
  const verdict = significant && counts && effect >= t.failAt ? "fail" : significant && counts && effect >= t.marginalAt ? "marginal" : "pass";
  const base = { signal, verdict, pValue, effect, marginalAt: t.marginalAt, failAt: t.failAt, baselineMedian, canaryMedian, baselineCount: b.length, canaryCount: c.length };
  return { ...base, reason: explain(base, alpha, t, significant, counts) };
}
function definedOnly(options2) {
  const out = {};
  if (options2.marginalAt !== void 0) out.marginalAt = options2.marginalAt;
  if (options2.failAt !== void 0) out.failAt = options2.failAt;
  if (options2.minAbsoluteShift !== void 0) out.minAbsoluteShift = options2.minAbsoluteShift;
  return out;
}
function explain(j, alpha, t, significant, counts) {
  const health = j.signal === "health";
  const moved = `median ${formatValue(j.signal, j.baselineMedian)} \u2192 ${formatValue(j.signal, j.canaryMedian)}`;
  const shift = health ? `a drop of ${formatEffect(j.signal, j.effect)}` : `a rise of ${formatEffect(j.signal, j.effect)}`;
  const p = `p = ${formatP(j.pValue)}`;
  if (!significant) return `${j.signal}: no significant difference (${p} \u2265 ${alpha}); ${moved}.`;
  if (j.effect <= 0) return `${j.signal}: significant change (${p}) in the good direction; ${moved}.`;
  if (!counts) return `${j.signal}: significant (${p}) and ${shift} (${moved}), but only ${formatValue(j.signal, Math.abs(j.canaryMedian - j.baselineMedian))} in absolute terms, under the ${formatValue(j.signal, t.minAbsoluteShift)} minimum.`;
  if (j.verdict === "fail") return `${j.signal}: ${shift} (${moved}) reaches the fail threshold of ${formatEffect(j.signal, j.failAt)} and is significant (${p} < ${alpha}).`;
  if (j.verdict === "marginal") return `${j.signal}: ${shift} (${moved}) reaches the marginal threshold of ${formatEffect(j.signal, j.marginalAt)} (fail at ${formatEffect(j.signal, j.failAt)}) and is significant (${p} < ${alpha}).`;
  return `${j.signal}: significant (${p}) but ${shift} (${moved}) is under the marginal threshold of ${formatEffect(j.signal, j.marginalAt)}.`;
}
function formatValue(signal, value) {
  if (signal.startsWith("latency")) return Math.abs(value) < 1 ? `${round(value * 1e3)} ms` : `${round(value)} s`;
  return round(value);
}
function formatEffect(signal, effect) {
  return signal === "health" ? round(effect) : `${round(effect * 100)} %`;
}
function formatP(p) {
  return p === 0 ? "0" : p >= 1e-3 ? p.toPrecision(2) : p.toExponential(1);
}
function round(v) {
  if (v === 0) return "0";
  return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e6 ? String(Number(v.toPrecision(3))) : v.toExponential(2);
}

// electron/cli/rcc/judge.ts
var USAGE2 = `usage: rcc judge BASELINE.json CANARY.json --signal ${JUDGED_SIGNALS.join("|")} [--json]`;
var SampleFile = z14.array(z14.unknown()).min(1, "no samples: the array is empty");
var Sample = z14.number();
var EXIT = { pass: 0, fail: 1, marginal: 3 };
async function runJudge(files, signal, limits, json, out) {
  if (files.length !== 2) throw new InputProblem([`rcc judge: expected 2 files (baseline, canary), got ${files.length}`, USAGE2]);
  const judged = parseSignal(signal);
  const problems = new Problems(limits.maxProblems);
  const [baseline, canary] = [await loadSamples(files[0], limits, problems), await loadSamples(files[1], limits, problems)];
  problems.throwIfAny();
  const judgement = judgeSignal(judged, baseline, canary);
  if (json) {
    out.stdout(JSON.stringify({ ok: true, verdict: judgement.verdict, alpha: DEFAULT_ALPHA, files: { baseline: files[0], canary: files[1] }, signals: [judgement] }, null, 2));
  } else {
    out.stdout(`${judgement.verdict.toUpperCase()}: ${judgement.reason}

${renderJudgement(judgement)}`);
  }
  return EXIT[judgement.verdict];
}
function parseSignal(signal) {
  const expected = `expected ${JUDGED_SIGNALS.join(", ")}`;
  if (signal === void 0) throw new InputProblem([`rcc judge: --signal is required (${expected})`, USAGE2]);
  if (!Signal.safeParse(signal).success) throw new InputProblem([`rcc judge: --signal ${signal}: unknown signal; ${expected}`]);
  if (!isJudgedSignal(signal)) throw new InputProblem([`rcc judge: --signal ${signal}: not judged (it has no bad direction); ${expected}`]);
  return signal;
}
async function loadSamples(file, limits, problems) {
  if (problems.full) {
    problems.skipped("file");
    return [];
  }
  let json;
  try {
    json = JSON.parse(await readTextCapped(file, limits.maxBytes));
  } catch (error) {
    if (error instanceof ReadProblem) problems.add(`${file}: ${error.message}`);
    else if (error instanceof SyntaxError) problems.add(`${file}: not valid JSON (${error.message})`);
    else throw error;
    return [];
  }
  const parsed = SampleFile.safeParse(json);
  if (!parsed.success) {
    addIssues(problems, file, parsed.error);
    return [];
  }
  const values = parsed.data;
  const samples = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value === "number" && Number.isFinite(value)) {
      samples[i] = value;
      continue;
    }
    if (problems.full) {
      problems.omit(1);
      continue;
    }
    const checked = Sample.safeParse(value);
    if (!checked.success) addIssues(problems, file, checked.error, [i]);
  }
  return samples;
}
var signed = (signal, effect) => `${effect > 0 ? "+" : ""}${formatEffect(signal, effect)}`;
function renderJudgement(j) {
  const count5 = (n) => n.toLocaleString("en-US");
  return renderTable(
    ["SIGNAL", "VERDICT", "P-VALUE", "EFFECT", "MARGINAL AT", "FAIL AT", "BASELINE MEDIAN", "CANARY MEDIAN", "BASELINE N", "CANARY N"],
    [
      [
        j.signal,
        j.verdict,
        formatP(j.pValue),
        signed(j.signal, j.effect),
        signed(j.signal, j.marginalAt),
        signed(j.signal, j.failAt),
        formatValue(j.signal, j.baselineMedian),
        formatValue(j.signal, j.canaryMedian),
        count5(j.baselineCount),
        count5(j.canaryCount)
      ]
    ],
    /* @__PURE__ */ new Set([2, 3, 4, 5, 6, 7, 8, 9])
  );
}

// electron/cli/rcc/plan.ts
var count4 = (n) => n.toLocaleString("en-US");
var plural3 = (n, word) => `${count4(n)} ${n === 1 ? word : `${word}s`}`;
function renderCauses(list) {
  return list.causes.map((c, i) => `${i + 1}. ${c.title} \u2014 ${plural3(c.violationIds.length, "violation")}, ${plural3(c.instances, "instance")}, ${plural3(c.activeUsers, "active user")}
   ${c.sentence}`).join("\n");
}
function renderPlan(plan) {
  if (plan.steps.length === 0) return "Plan: no action the console can take resolves a violation without introducing another.";
  const rows = plan.steps.map((s) => [String(s.index), s.summary, String(s.resolved.length), String(s.remaining), count4(s.instances), count4(s.activeUsers)]);
  const head = `Plan: ${plural3(plan.steps.length, "step")} ${plan.steps.length === 1 ? "resolves" : "resolve"} ${plan.resolved} of ${plural3(plan.violations, "violation")}, introducing none (${plural3(plan.instances, "instance")}, ${plural3(plan.activeUsers, "active user")} touched). Each step is judged on the fleet after the steps before it:`;
  return `${head}

${renderTable(["#", "ACTION", "RESOLVES", "LEFT", "INSTANCES", "USERS"], rows, /* @__PURE__ */ new Set([0, 2, 3, 4, 5]))}`;
}
function runPlan(sources, json, now, out, maxProblems) {
  const states = sources.map((s) => s.state);
  const view = indexFleet(states, { now });
  const verdict = view.verdict();
  if (!verdict.ok) {
    if (json) out.stdout(JSON.stringify({ ok: false, errors: verdict.errors }, null, 2));
    out.stderr(compatErrorLines(verdict.errors, sources, maxProblems).join("\n"));
    return 2;
  }
  const causes = findCauses(verdict.violations);
  const plan = planRemediation(view, states, { causes });
  const code = verdict.violations.length === 0 ? 0 : plan.complete ? 1 : 3;
  if (json) {
    out.stdout(JSON.stringify({ ok: true, regions: verdict.regions, causes, plan }, null, 2));
    return code;
  }
  const regions = verdict.regions.join(", ");
  if (code === 0) {
    out.stdout(`Compliant: no violations in ${regions}, nothing to plan.`);
    return 0;
  }
  const parts = [
    `${plural3(verdict.violations.length, "violation")} in ${regions}, ${plural3(causes.causes.length, "cause")}:`,
    renderCauses(causes),
    renderPlan(plan)
  ];
  if (plan.unfixable.length > 0) {
    parts.push(`Left (${plan.unfixable.length}):
${plan.unfixable.map((u) => `- ${u.violationId}: ${u.why}`).join("\n")}`);
  }
  const run = "Run each step from the console (its confirmation shows the what-if and asks for the reason); rcc runs nothing.";
  if (plan.complete) parts.push(`The plan resolves every violation. ${run}`);
  else if (plan.steps.length > 0) parts.push(`The plan resolves only some violations; the rest are listed above with why. ${run}`);
  else parts.push("Nothing the console can run resolves these violations: see why above.");
  out.stdout(parts.join("\n\n"));
  return code;
}

// electron/snapshots/compare.ts
var DEFAULT_SIGNALS = ["error_rate", "latency_p95", "health", "request_rate"];
function snapshotSide(s, label = s.file) {
  const audit = s.manifest.audit;
  return {
    label,
    file: s.file,
    takenAt: s.manifest.takenAt,
    statuses: s.regions.list(),
    states: s.regions.fleetStates(),
    violations: s.verdict.violations,
    signalMeans: (w, signals) => s.signalMeans(w, signals),
    auditBetween: (from, to, limit) => s.audit.between(from, to, limit),
    auditHeldFrom: audit && audit.anchor.seq > 0 ? s.audit.firstAt() : null,
    hasAudit: audit !== null
  };
}
var byText = (a, b) => a < b ? -1 : a > b ? 1 : 0;
function versionCounts(states) {
  const out = /* @__PURE__ */ new Map();
  for (const state of states) {
    const trains3 = new Map(state.componentVersions.map((v) => [`${v.component}\0${v.version}`, v.train]));
    for (const i of state.instances) {
      if (!isLive(i.state)) continue;
      const key = `${state.region.id}\0${i.component}`;
      const versions = out.get(key) ?? /* @__PURE__ */ new Map();
      out.set(key, versions);
      const entry = versions.get(i.version) ?? { version: i.version, train: trains3.get(`${i.component}\0${i.version}`) ?? -1, instances: 0 };
      entry.instances++;
      versions.set(i.version, entry);
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v.values()].sort((x, y) => x.train - y.train || byText(x.version, y.version))]));
}
function versionChanges(a, b) {
  const before = versionCounts(a);
  const after = versionCounts(b);
  const out = [];
  for (const key of [.../* @__PURE__ */ new Set([...before.keys(), ...after.keys()])].sort(byText)) {
    const x = before.get(key) ?? [];
    const y = after.get(key) ?? [];
    if (x.map((v) => v.version).join("\0") === y.map((v) => v.version).join("\0")) continue;
    const [region = "", component = ""] = key.split("\0");
    out.push({ region, component, before: x, after: y });
  }
  return out;
}
function toggleChanges(a, b) {
  const states = (list) => new Map(list.flatMap((s) => s.toggles.map((t) => [`${s.region.id}\0${t.key}`, t.state])));
  const before = states(a);
  const after = states(b);
  const out = [];
  for (const key of [.../* @__PURE__ */ new Set([...before.keys(), ...after.keys()])].sort(byText)) {
    const x = before.get(key) ?? null;
    const y = after.get(key) ?? null;
    if (x === y) continue;
    const [region = "", toggle = ""] = key.split("\0");
    out.push({ region, key: toggle, before: x, after: y });
  }
  return out;
}
var compared = (v) => ({ id: v.id, subject: v.subject, rule: v.rule, regions: v.regions, components: v.components, firstSeen: v.firstSeen, sentence: v.sentence });
function signalDeltas(a, b) {
  const key = (m) => `${m.region}\0${m.component}\0${m.version}\0${m.signal}`;
  const rows = /* @__PURE__ */ new Map();
  const row = (m) => rows.get(key(m)) ?? { region: m.region, component: m.component, version: m.version, signal: m.signal, before: null, after: null, delta: null, relativeDelta: null };
  for (const m of a) rows.set(key(m), { ...row(m), before: m.mean });
  for (const m of b) rows.set(key(m), { ...row(m), after: m.mean });
  return [...rows.entries()].sort(([x], [y]) => byText(x, y)).map(([, r]) => {
    const delta = r.before !== null && r.after !== null ? r.after - r.before : null;
    return { ...r, delta, relativeDelta: delta !== null && r.before !== 0 && r.before !== null ? delta / r.before : null };
  });
}
async function compareSnapshots(a, b, options2 = {}) {
  const windowSeconds = options2.signalWindowSeconds ?? 900;
  const signals = options2.signals ?? DEFAULT_SIGNALS;
  const limit = options2.auditLimit ?? 1e3;
  const stateOf = (side) => new Map(side.statuses.map((s) => [s.id, s.state]));
  const sa = stateOf(a);
  const sb = stateOf(b);
  const regions = [.../* @__PURE__ */ new Set([...sa.keys(), ...sb.keys()])].sort(byText).flatMap((region) => sa.get(region) === sb.get(region) ? [] : [{ region, before: sa.get(region) ?? null, after: sb.get(region) ?? null }]);
  const ids = (side) => new Map(side.violations.map((v) => [v.id, v]));
  const va = ids(a);
  const vb = ids(b);
  const appeared = [...vb.values()].filter((v) => !va.has(v.id)).map(compared);
  const resolved = [...va.values()].filter((v) => !vb.has(v.id)).map(compared);
  const [meansA, meansB] = await Promise.all([a.signalMeans(windowSeconds, signals), b.signalMeans(windowSeconds, signals)]);
  const [earlier, later] = Date.parse(a.takenAt) <= Date.parse(b.takenAt) ? [a, b] : [b, a];
  const from = new Date(earlier.takenAt).toISOString();
  const to = new Date(later.takenAt).toISOString();
  const between = later.hasAudit ? await later.auditBetween(from, to, limit) : { entries: [], total: 0 };
  const gap = !later.hasAudit ? `${later.label} holds no audit entries` : later.auditHeldFrom !== null && later.auditHeldFrom > from ? `${later.label} holds audit entries from ${later.auditHeldFrom} on; entries between ${from} and then are not in it` : null;
  return {
    a: { label: a.label, file: a.file, takenAt: a.takenAt },
    b: { label: b.label, file: b.file, takenAt: b.takenAt },
    regions,
    versions: versionChanges(a.states, b.states),
    toggles: toggleChanges(a.states, b.states),
    violations: { appeared, resolved, unchanged: [...va.keys()].filter((id) => vb.has(id)).length },
    signals: { windowSeconds, deltas: signalDeltas(meansA, meansB) },
    audit: { from, to, entries: between.entries, total: between.total, limit, gap }
  };
}

// electron/snapshots/open.ts
import { basename } from "node:path";

// shared/contract/alerts.ts
import { z as z16 } from "zod";

// shared/contract/actions.ts
import { z as z15 } from "zod";
var ActionDraft = z15.object({ region: Id, action: ActionRequest }).strict();
var ActionPolicy = z15.object({
  ticketRequired: z15.boolean(),
  /** A regular expression the ticket must match, when set. */
  ticketPattern: z15.string().nullable(),
  /** The text to type to confirm (the target's name), or null when no typed confirmation is needed. */
  typedConfirmation: z15.string().nullable(),
  cooldownSeconds: z15.number().int().min(0),
  breakGlassAllowed: z15.boolean()
});
var TargetKind = z15.enum(["toggle", "rollout", "component", "database-group"]);
var ActionImpact = z15.object({
  /** One sentence: "Turn off toggle new-viewer in eu-west (production)". */
  summary: z15.string(),
  targetKind: TargetKind,
  target: z15.string(),
  instances: z15.number().int().min(0),
  activeUsers: z15.number().int().min(0),
  before: z15.json(),
  after: z15.json()
});
var ActionPreview = z15.object({
  draft: ActionDraft,
  impact: ActionImpact,
  whatIf: WhatIfResult,
  /** The action would introduce violations, or resumes a rollout of a blocked train: it runs only with an override justification. */
  blocked: z15.boolean(),
  /** `rollout.resume` of a rollout whose train has a failed gate: the train and why it is blocked. */
  blockedTrain: BlockedTrain.nullable().default(null),
  policy: ActionPolicy,
  /** Seconds until the cooldown on this target ends (0 when none); break-glass may skip it. */
  cooldownRemainingSeconds: z15.number().int().min(0),
  /** Why the action cannot run at all right now (read-only snapshot, audit store unavailable, region has no data). */
  unavailable: z15.string().nullable()
});
var RunActionInput = ActionDraft.extend({
  /** Client-generated, one per confirmation dialog: a double submit of the same dialog runs once. */
  requestId: z15.uuid(),
  reason: z15.string().trim().min(5, "give a reason of a few words").max(2e3),
  ticket: z15.string().trim().max(100).optional(),
  typedConfirmation: z15.string().max(200).optional(),
  /** Required when the what-if introduces violations; recorded in the audit trail. */
  override: z15.object({ justification: z15.string().trim().min(10, "justify the override in a sentence").max(2e3) }).strict().optional(),
  /** Skips ticket and cooldown where policy allows; marked in the audit trail and the UI. */
  breakGlass: z15.boolean().optional()
}).strict();
var ActionOutcomeKind = z15.enum(["succeeded", "failed", "unknown"]);
var ActionOutcome = z15.object({
  requestId: z15.uuid(),
  idempotencyKey: z15.string(),
  intentSeq: z15.number().int().min(1),
  /** Null while the outcome is unknown and awaits reconciliation. */
  outcomeSeq: z15.number().int().min(1).nullable(),
  outcome: ActionOutcomeKind,
  message: z15.string(),
  /** Change-stream revision that carries the effect, when the endpoint reported it. */
  revision: z15.number().int().nullable()
});
var actionCalls = {
  "actions.preview": call({
    kind: "query",
    summary: "What an action would change, whom it touches, its what-if verdict and what policy asks",
    input: ActionDraft,
    output: ActionPreview
  }),
  "actions.run": call({
    kind: "action",
    summary: "Run an action: audit intent, send with an idempotency key, audit the outcome",
    input: RunActionInput,
    output: ActionOutcome
  })
};
var actionEvents = {
  "actions.outcome": event({ summary: "An action (or a reconciled earlier one) has an outcome", payload: ActionOutcome.extend({ region: z15.string() }) })
};

// shared/contract/alerts.ts
var AlertRule = z16.enum([
  /** A version's error ratio against its baseline's (the previous train's version in the same region). */
  "error-vs-baseline",
  "error-threshold",
  "latency-threshold",
  "health-failing",
  "canary-fail",
  "data-stale",
  /** SLO multi-window multi-burn-rate (SRE workbook): e.g. 14.4× over 1 h and 5 m. */
  "slo-burn"
]);
var AlertSeverity = z16.enum(["critical", "warning"]);
var AlertState = z16.enum(["active", "acknowledged", "resolved"]);
var AlertEvidence = z16.object({
  signal: Signal,
  unit: z16.string(),
  /** The value that breached, and the limit it breached. */
  value: z16.number().nullable(),
  threshold: z16.number().nullable(),
  /** One sentence with the numbers: "error ratio 7.9 % against 0.2 % on 2026.47.0 (39×)". */
  detail: z16.string(),
  points: TimePoints,
  baselinePoints: TimePoints
});
var SuggestionStep = z16.enum(["toggle-off", "rollback-component", "rollback-schema", "none"]);
var Suggestion = z16.object({
  step: SuggestionStep,
  /** "Turn off toggle new-viewer in us-east: it gates document-store 2026.48.0". */
  summary: z16.string(),
  /** The action to confirm (opens the normal confirmation); null for `none`. */
  action: ActionDraft.nullable(),
  /** What the compatibility engine says of the suggestion; null for `none`. */
  whatIf: WhatIfResult.nullable(),
  /** The component page the suggestion links to. */
  component: z16.string().nullable()
});
var Alert = z16.object({
  /** Stable per rule and subject: the same condition seen again is the same alert. */
  id: z16.string(),
  rule: AlertRule,
  severity: AlertSeverity,
  state: AlertState,
  region: z16.string(),
  component: z16.string().nullable(),
  version: z16.string().nullable(),
  title: z16.string(),
  firstSeen: z16.iso.datetime({ offset: true }),
  lastSeen: z16.iso.datetime({ offset: true }),
  resolvedAt: z16.iso.datetime({ offset: true }).nullable(),
  acknowledged: z16.object({ by: z16.string(), at: z16.iso.datetime({ offset: true }), note: z16.string().nullable() }).nullable(),
  evidence: AlertEvidence.nullable(),
  suggestion: Suggestion.nullable()
});
var AlertCounts = z16.object({
  active: z16.number().int().min(0),
  acknowledged: z16.number().int().min(0),
  critical: z16.number().int().min(0)
});
var alertCalls = {
  "alerts.list": call({
    kind: "query",
    summary: "Alerts by state (active, acknowledged, resolved; history kept in the local store), newest first",
    input: z16.object({
      state: z16.enum(["open", "active", "acknowledged", "resolved", "all"]).default("open"),
      limit: z16.number().int().min(1).max(1e3).default(200)
    }).strict(),
    output: z16.object({ alerts: z16.array(Alert), counts: AlertCounts })
  }),
  "alerts.acknowledge": call({
    kind: "setting",
    summary: "Acknowledge an active alert (recorded in the audit trail); it resolves by itself when the condition clears",
    input: z16.object({ id: z16.string().min(1).max(500), note: z16.string().trim().max(1e3).optional() }).strict(),
    output: Alert
  })
};
var alertEvents = {
  "alerts.changed": event({
    summary: "Alerts were raised, acknowledged or resolved: the new counts and the alerts that changed",
    payload: z16.object({ counts: AlertCounts, changed: z16.array(Alert) })
  })
};

// shared/contract/compat.ts
import { z as z17 } from "zod";
var Named = z17.object({ id: z17.string(), name: z17.string() });
var ComponentRef = Named.extend({ tier: ComponentTier });
var MatrixCell = z17.object({
  region: z17.string(),
  component: z17.string(),
  status: CellStatus,
  /** Newest − oldest live train; null when nothing of the component runs in the region. */
  span: z17.number().int().nullable(),
  live: z17.number().int(),
  violationIds: z17.array(z17.string()),
  /** Declared exceptions naming this cell: pairs beyond ±1 that a declared range allows. */
  exceptionIds: z17.array(z17.string()),
  mix: z17.array(VersionMixEntry)
});
var SkewMatrix = z17.object({
  evaluatedAt: z17.iso.datetime(),
  regions: z17.array(Named),
  components: z17.array(ComponentRef),
  cells: z17.array(MatrixCell),
  /** Enough of each violation to name it on hover. */
  violations: z17.array(Violation.pick({ id: true, rule: true, sentence: true, regions: true, components: true })),
  /** Declared exceptions, enough to name them on hover. */
  exceptions: z17.array(DeclaredException.pick({ id: true, rule: true, sentence: true, regions: true, components: true })),
  inputErrors: z17.number().int()
});
var VerdictWithTime = Verdict.extend({ evaluatedAt: z17.iso.datetime() });
var DependencyRow = z17.object({
  /** The component at the other end of the edge. */
  component: ComponentRef,
  kind: DependencyKind,
  crossRegion: z17.boolean(),
  /** Largest train distance between live versions that can reach each other; null when one side has nothing live. */
  maxGap: z17.number().int().nullable(),
  status: CellStatus,
  violationIds: z17.array(z17.string()),
  /** Declared exceptions on this edge: beyond ±1, allowed by a declared range (status `exception` when no violation). */
  exceptionIds: z17.array(z17.string())
});
var TrainCount = z17.object({ train: z17.number().int(), trainName: z17.string(), count: z17.number().int() });
var SchemaRow = z17.object({
  region: z17.string(),
  group: Named,
  /** Databases per schema train; mid-migration databases count at both ends. */
  schema: z17.array(TrainCount.extend({ migrating: z17.number().int() })),
  /** The component's live instances per train in the same region. */
  instances: z17.array(TrainCount),
  status: CellStatus,
  violationIds: z17.array(z17.string()),
  /** Declared schema exceptions in this group and region (status `exception` when no violation). */
  exceptionIds: z17.array(z17.string())
});
var HistoryPoint = z17.object({
  at: z17.iso.datetime(),
  trains: z17.array(TrainCount)
});
var ComponentDetail = z17.object({
  component: ComponentRef,
  regions: z17.array(z17.object({ region: Named, status: CellStatus, span: z17.number().int().nullable(), mix: z17.array(VersionMixEntry) })),
  calls: z17.array(DependencyRow),
  calledBy: z17.array(DependencyRow),
  schemas: z17.array(SchemaRow),
  rollouts: z17.array(z17.object({ region: z17.string(), rollout: Rollout })),
  violations: z17.array(Violation),
  /** Declared exceptions involving the component (never violations, never silent). */
  exceptions: z17.array(DeclaredException),
  /** Live instances by train across regions, sampled while the console runs. */
  history: z17.array(HistoryPoint)
});
var compatCalls = {
  "compat.verdict": call({ kind: "query", summary: "Violations of rules 1\u20133 and toggle minimum versions across all regions", input: z17.object({}), output: VerdictWithTime }),
  "compat.matrix": call({ kind: "query", summary: "Component \xD7 region version mix with compliance per cell", input: z17.object({}), output: SkewMatrix }),
  "compat.component": call({
    kind: "query",
    summary: "One component: versions per region, dependencies, schemas, rollouts, violations, history",
    input: z17.object({ component: z17.string().min(1) }),
    output: ComponentDetail
  }),
  "compat.whatIf": call({ kind: "query", summary: "Violations an action would introduce, resolve or leave (rule 4)", input: WhatIfRequest, output: WhatIfResult })
};

// shared/contract/regions.ts
import { z as z18 } from "zod";
var RegionId = z18.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lowercase letters, digits and dashes");
var ConnectionState = z18.enum(["connecting", "connected", "degraded", "unreachable"]);
var RegionErrorKind = z18.enum(["timeout", "network", "http", "validation", "protocol", "limit"]);
var RegionError = z18.object({
  endpoint: z18.string(),
  /** Absent for notes that are not failures (a slow answer). */
  kind: RegionErrorKind.optional(),
  message: z18.string(),
  path: z18.array(z18.union([z18.string(), z18.number()])).optional(),
  at: z18.iso.datetime()
});
var RegionStatus = z18.object({
  id: z18.string(),
  name: z18.string(),
  baseUrl: z18.string(),
  /** Plain http to a host other than this machine (`"insecure": true` in regions.json): traffic is not encrypted. */
  insecure: z18.boolean(),
  state: ConnectionState,
  /** The region's circuit breaker: `open` holds calls back after repeated failures; `lastError` still says why. */
  breaker: z18.enum(["closed", "open", "half-open"]),
  /** When the last good (validated) fleet data arrived; null before the first. */
  lastGoodAt: z18.iso.datetime().nullable(),
  revision: z18.number().int().nullable(),
  lastError: RegionError.nullable()
});
var regionCalls = {
  "regions.list": call({
    kind: "query",
    summary: "Configured regions with connection state and age of the last good data",
    input: z18.object({}),
    output: z18.array(RegionStatus)
  }),
  "regions.setToken": call({
    kind: "setting",
    summary: "Store a region bearer token in the OS keychain (desktop); takes effect at the next start",
    input: z18.object({ regionId: RegionId, token: z18.string().min(8).max(4096) }).strict(),
    output: z18.object({ stored: z18.literal(true), regionId: z18.string() })
  })
};
var regionEvents = {
  "regions.status": event({ summary: "A region changed connection state or received data", payload: z18.array(RegionStatus) })
};

// electron/snapshots/audit-chain.ts
import { createHash as createHash3, createPublicKey as createPublicKey3, hash as digest3, verify as verifySignature2 } from "node:crypto";

// electron/snapshots/format.ts
import { createHash as createHash2 } from "node:crypto";
var APPLICATION_ID = 1380139859;
var table = (name, columns, key) => ({ name, columns, key });
var CONTENT_TABLES = [
  // status: RegionStatus JSON; fleet_state: FleetState JSON (null before the region's first data).
  table("regions", [["id", "TEXT"], ["position", "INTEGER"], ["status", "TEXT"], ["fleet_state", "TEXT", "null", "bulk"], ["toggle_source", "TEXT"], ["toggle_problem", "TEXT", "null"]], ["id"]),
  // The verdict without its violations (one row), and the violations in verdict order.
  table("verdict", [["id", "INTEGER"], ["verdict", "TEXT"]], ["id"]),
  table("violations", [["position", "INTEGER"], ["id", "TEXT"], ["rule", "TEXT"], ["violation", "TEXT"]], ["position"]),
  // points: little-endian float64 pairs (unix seconds, value), `count` of them.
  table("telemetry", [["region", "TEXT"], ["component", "TEXT"], ["version", "TEXT"], ["signal", "TEXT"], ["step", "INTEGER"], ["count", "INTEGER"], ["points", "BLOB"]], ["region", "component", "version", "signal"]),
  table("toggles", [["region", "TEXT"], ["key", "TEXT"], ["state", "TEXT"], ["toggle", "TEXT"]], ["region", "key"]),
  // Alerts in the order the live console listed them (open ones, then resolved, newest first).
  table("alerts", [["position", "INTEGER"], ["id", "TEXT"], ["state", "TEXT"], ["alert", "TEXT"]], ["position"]),
  table("rollouts", [["region", "TEXT"], ["id", "TEXT"], ["component", "TEXT"], ["state", "TEXT"], ["rollout", "TEXT"]], ["region", "id"]),
  table("stage_gates", [["region", "TEXT"], ["position", "INTEGER"], ["train", "INTEGER"], ["stage", "TEXT"], ["gate", "TEXT"]], ["region", "position"]),
  // Version mix over time per component (the component page's history chart), HistoryPoint[] JSON.
  table("version_history", [["component", "TEXT"], ["points", "TEXT", "bulk"]], ["component"]),
  // Copied from the audit store as they are: the canonical text the chain hashes, and the links.
  table("audit_entries", [["seq", "INTEGER"], ["entry", "TEXT"], ["prev_hash", "TEXT"], ["hash", "TEXT"]], ["seq"]),
  table("audit_checkpoints", [["seq", "INTEGER"], ["hash", "TEXT"], ["signature", "TEXT"], ["at", "TEXT"]], ["seq"]),
  // Violation episodes for the board report (report-tables.ts): ViolationEpisode JSON.
  table("violation_episodes", [["violation_id", "TEXT"], ["first_seen", "TEXT"], ["episode", "TEXT"]], ["violation_id", "first_seen"])
];
var CONTENT_TABLE_NAMES = CONTENT_TABLES.map((t) => t.name);
function tableDef(name) {
  return CONTENT_TABLES.find((t) => t.name === name);
}
var MANIFEST_TABLE = "manifest";
var MANIFEST_KEY = "manifest";
var MANIFEST_HASH_KEY = "sha256";
function createTableSql(def) {
  const columns = def.columns.map(([name, type, ...flags]) => `${name} ${type}${flags.includes("null") ? "" : " NOT NULL"}`);
  const integerKey = def.key.length === 1 && def.columns.find(([name]) => name === def.key[0])?.[1] === "INTEGER";
  const largeRows = def.columns.some(([, type, ...flags]) => type === "BLOB" || flags.includes("bulk"));
  const rowid = integerKey || largeRows;
  return `CREATE TABLE ${def.name} (${columns.join(", ")}, PRIMARY KEY (${def.key.join(", ")}))${rowid ? " STRICT" : " STRICT, WITHOUT ROWID"};`;
}
var SCHEMA_SQL2 = [...CONTENT_TABLES.map(createTableSql), `CREATE TABLE ${MANIFEST_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID;`].join("\n");
var FLUSH_AT = 64 * 1024;
var SLICE_CHARS = 16 * 1024;
function hashSelectSql(def) {
  return `SELECT ${def.columns.map(([n, , ...flags]) => flags.includes("bulk") ? `CAST(${n} AS BLOB)` : n).join(", ")} FROM ${def.name} ORDER BY ${def.key.join(", ")}`;
}
var TableHasher = class {
  hash = createHash2("sha256");
  buf = Buffer.allocUnsafe(FLUSH_AT + 64);
  textColumns;
  used = 0;
  rows = 0;
  constructor(def) {
    this.textColumns = def.columns.map(([, type]) => type === "TEXT");
    this.text(`rcc-snapshot-table\0${def.name}\0${def.columns.map(([n, t]) => `${n}:${t}`).join(",")}`);
  }
  row(values) {
    this.rows++;
    for (let i = 0; i < values.length; i++) this.value(values[i], this.textColumns[i] === true);
  }
  digest() {
    this.flush();
    return this.hash.digest("hex");
  }
  value(v, text2) {
    if (this.used >= FLUSH_AT) this.flush();
    if (v === null || v === void 0) {
      this.buf[this.used++] = 110;
    } else if (typeof v === "number") {
      this.buf[this.used++] = 100;
      this.used = this.buf.writeDoubleBE(v, this.used);
    } else if (typeof v === "bigint") {
      this.text(v.toString(), 105);
    } else if (typeof v === "string") {
      this.text(v, 115);
    } else if (Buffer.isBuffer(v)) {
      this.bytes(v, text2 ? 115 : 98);
    } else {
      throw new TypeError(`snapshot table value of unexpected type ${typeof v}`);
    }
  }
  text(s, tag) {
    const length = Buffer.byteLength(s, "utf8");
    if (tag !== void 0) {
      this.buf[this.used++] = tag;
      this.used = this.buf.writeUInt32BE(length, this.used);
    }
    if (this.used + length > this.buf.length) {
      this.flush();
      if (length > FLUSH_AT) {
        for (let at = 0; at < s.length; ) {
          let end = Math.min(s.length, at + SLICE_CHARS);
          const last = s.charCodeAt(end - 1);
          if (end < s.length && last >= 55296 && last <= 56319) end++;
          this.hash.update(s.slice(at, end), "utf8");
          at = end;
        }
        return;
      }
    }
    this.used += this.buf.write(s, this.used, "utf8");
  }
  bytes(b, tag) {
    this.buf[this.used++] = tag;
    this.used = this.buf.writeUInt32BE(b.length, this.used);
    if (this.used + b.length > this.buf.length) {
      this.flush();
      if (b.length > FLUSH_AT) {
        this.hash.update(b);
        return;
      }
    }
    this.used += b.copy(this.buf, this.used);
  }
  flush() {
    if (this.used === 0) return;
    this.hash.update(this.buf.subarray(0, this.used));
    this.used = 0;
  }
};
function hashTable(db, def, onRow) {
  const hasher = new TableHasher(def);
  for (const row of db.prepare(hashSelectSql(def)).raw().iterate()) {
    hasher.row(row);
    onRow?.(row);
  }
  return { rows: hasher.rows, sha256: hasher.digest() };
}
function manifestHash(text2) {
  return createHash2("sha256").update(`rcc-snapshot-manifest\0${text2}`, "utf8").digest("hex");
}
function decodePoints(blob) {
  const n = Math.floor(blob.length / 16);
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = [blob.readDoubleLE(i * 16), blob.readDoubleLE(i * 16 + 8)];
  return out;
}

// electron/snapshots/audit-chain.ts
var ascii = (v) => typeof v === "string" ? v : v.toString("latin1");
function publicKeyOf(pem) {
  try {
    const key = createPublicKey3(pem);
    return key.asymmetricKeyType === "ed25519" ? key : null;
  } catch {
    return null;
  }
}
function signed2(key, row) {
  try {
    return verifySignature2(null, checkpointMessage(row[0], row[1]), key, Buffer.from(row[2], "base64"));
  } catch {
    return false;
  }
}
function loadCheckpoints(db) {
  const out = /* @__PURE__ */ new Map();
  for (const row of db.prepare("SELECT seq, hash, signature FROM audit_checkpoints ORDER BY seq").raw().iterate()) out.set(row[0], row);
  return out;
}
var ChainChecker = class {
  constructor(audit, publicKey, checkpoints) {
    this.audit = audit;
    this.checkpoints = checkpoints;
    this.key = publicKeyOf(publicKey);
    this.prev = audit.anchor.hash;
    this.expected = audit.anchor.seq + 1;
    const { anchor } = audit;
    if (!this.key) this.fail(0, "the public key is not an Ed25519 key");
    else if (anchor.seq === 0 && anchor.hash !== GENESIS_HASH) this.fail(0, "the copy starts at the first entry but its anchor is not the genesis hash");
    else if (anchor.seq > 0) {
      const row = checkpoints.get(anchor.seq);
      if (!row || row[1] !== anchor.hash) this.fail(anchor.seq, `entry ${anchor.seq}: the signed checkpoint the copy continues from is missing or holds another hash`);
      else if (!signed2(this.key, row)) this.fail(anchor.seq, `entry ${anchor.seq}: the signature of the checkpoint the copy continues from does not verify`);
    }
  }
  audit;
  checkpoints;
  key;
  failure = null;
  prev;
  expected;
  fail(seq, message) {
    this.failure ??= { ok: false, seq, message };
  }
  /** One row of audit_entries: [seq, entry, prev_hash, hash], text as a string or its UTF-8 bytes. */
  step(row) {
    if (this.failure) return;
    const [seq, text2, prevHash, hash] = row;
    const expected = this.expected;
    if (seq !== expected) return this.fail(expected, seq < expected ? `entry ${seq}: before the copy's anchor at ${this.audit.anchor.seq}` : `entry ${expected}: missing`);
    const prefix = canonicalPrefix(seq);
    if (ascii(typeof text2 === "string" ? text2.slice(0, prefix.length) : text2.subarray(0, prefix.length)) !== prefix) return this.fail(seq, `entry ${seq}: its text does not start with its seq`);
    if (ascii(prevHash) !== this.prev) return this.fail(seq, `entry ${seq}: broken link: its prevHash is not the hash of entry ${seq - 1}`);
    const computed = typeof text2 === "string" ? digest3("sha256", this.prev + text2, "hex") : createHash3("sha256").update(this.prev, "latin1").update(text2).digest("hex");
    const stored = ascii(hash);
    if (computed !== stored) return this.fail(seq, `entry ${seq}: hash mismatch: its fields do not hash to its stored hash`);
    const cp = this.checkpoints.get(seq);
    if (cp && cp[1] !== stored) return this.fail(seq, `entry ${seq}: the checkpoint at ${seq} holds another hash`);
    if (!cp && seq % CHECKPOINT_EVERY === 0) return this.fail(seq, `entry ${seq}: its checkpoint (one is signed every ${CHECKPOINT_EVERY} entries) is missing`);
    this.prev = stored;
    this.expected = seq + 1;
  }
  finish() {
    if (this.failure) return this.failure;
    const { audit, checkpoints } = this;
    const last = this.expected - 1;
    if (last !== audit.toSeq || last - audit.anchor.seq !== audit.entries) return { ok: false, seq: last + 1, message: `the copy ends at entry ${last}, the manifest says ${audit.toSeq}` };
    if (audit.head === null) return last === audit.anchor.seq ? { ok: true, entries: 0 } : { ok: false, seq: last, message: "entries after the anchor but no signed head" };
    if (audit.head.seq !== last || audit.head.hash !== this.prev) return { ok: false, seq: last, message: `entry ${last}: the head recorded in the manifest is not the chain's` };
    const head = checkpoints.get(last);
    if (!head || !this.key) return { ok: false, seq: last, message: `entry ${last}: the head is not signed` };
    if (!signed2(this.key, head)) return { ok: false, seq: last, message: `entry ${last}: the head's signature does not verify with the public key` };
    for (const seq of checkpoints.keys()) if (seq < audit.anchor.seq || seq > last) return { ok: false, seq, message: `a checkpoint at ${seq} lies outside the copied stretch` };
    return { ok: true, entries: last - audit.anchor.seq };
  }
};
function verifyAuditChain(db, audit, publicKey) {
  const checker = new ChainChecker(audit, publicKey, loadCheckpoints(db));
  const def = tableDef("audit_entries");
  if (!def) throw new Error("no audit_entries table");
  for (const row of db.prepare(hashSelectSql(def)).raw().iterate()) checker.step(row);
  return checker.finish();
}

// electron/snapshots/audit-view.ts
var field2 = (name) => `(entry ->> '$.${name}')`;
var WHERE = `
  (@since IS NULL OR ${field2("at")} >= @since) AND (@until IS NULL OR ${field2("at")} <= @until)
  AND (@actor IS NULL OR ${field2("actorUser")} = @actor OR ${field2("actorName")} = @actor)
  AND (@region IS NULL OR ${field2("region")} = @region) AND (@action IS NULL OR ${field2("action")} = @action) AND (@outcome IS NULL OR ${field2("outcome")} = @outcome)
  AND (@text IS NULL OR instr(lower(concat_ws(' ', ${["reason", "target", "ticket", "action", "region", "actorUser", "actorName"].map(field2).join(", ")})), lower(@text)) > 0)`;
var SnapshotAuditView = class {
  constructor(db, audit) {
    this.db = db;
    this.audit = audit;
  }
  db;
  audit;
  head() {
    return this.audit?.head ?? { seq: 0, hash: "" };
  }
  /** Filtered entries, newest first, with the total (as `audit.query` answers). */
  query(filter, page) {
    const iso = (t) => t === void 0 ? null : new Date(t).toISOString();
    const args = { since: iso(filter.since), until: iso(filter.until), actor: filter.actor ?? null, region: filter.region ?? null, action: filter.action ?? null, outcome: filter.outcome ?? null, text: filter.text ?? null };
    const total = this.db.prepare(`SELECT count(*) FROM audit_entries WHERE ${WHERE}`).pluck().get(args);
    const rows = this.db.prepare(`SELECT seq, entry, prev_hash, hash FROM audit_entries WHERE ${WHERE} ORDER BY seq DESC LIMIT @limit OFFSET @offset`).raw().all({ ...args, limit: page.limit, offset: page.offset });
    return { entries: rows.map(entryFromText), total };
  }
  /** Entries after `from` up to `to` (ISO times): the latest `limit`, oldest first, with the total. */
  between(from, to, limit) {
    const where = `${field2("at")} > ? AND ${field2("at")} <= ?`;
    const total = this.db.prepare(`SELECT count(*) FROM audit_entries WHERE ${where}`).pluck().get(from, to);
    const rows = this.db.prepare(`SELECT seq, entry, prev_hash, hash FROM audit_entries WHERE ${where} ORDER BY seq DESC LIMIT ?`).raw().all(from, to, limit);
    return { entries: rows.reverse().map(entryFromText), total };
  }
  /** The time of the first entry held (null when none): entries before it are not in the snapshot. */
  firstAt() {
    const text2 = this.db.prepare("SELECT entry FROM audit_entries ORDER BY seq LIMIT 1").pluck().get();
    return text2 === void 0 ? null : entryFromText([0, text2, "", ""]).at;
  }
};

// shared/report/episode.ts
import { z as z19 } from "zod";
var Time = z19.iso.datetime({ offset: true });
var EpisodeVersion = z19.object({ component: z19.string(), version: z19.string(), train: z19.number().int() });
var ViolationEpisode = z19.object({
  violationId: z19.string().min(1),
  rule: RuleId,
  subject: z19.string(),
  regions: z19.array(z19.string()),
  components: z19.array(z19.string()),
  trains: z19.array(z19.number().int()),
  versions: z19.array(EpisodeVersion),
  sentence: z19.string(),
  firstSeen: Time,
  lastSeen: Time,
  resolvedAt: Time.nullable()
});

// electron/snapshots/report-tables.ts
function readEpisodes(db) {
  const rows = db.prepare("SELECT episode FROM violation_episodes").pluck().all();
  return rows.map((text2) => ViolationEpisode.parse(JSON.parse(text2))).sort((a, b) => Date.parse(b.firstSeen) - Date.parse(a.firstSeen));
}
function readLatestCheckpoint(db) {
  const row = db.prepare("SELECT seq, hash, signature, at FROM audit_checkpoints ORDER BY seq DESC LIMIT 1").get();
  return row ?? null;
}

// electron/snapshots/snapshot-regions.ts
var SnapshotRegionsService = class {
  constructor(statuses, states) {
    this.statuses = statuses;
    this.states = states;
  }
  statuses;
  states;
  list() {
    return this.statuses.map((s) => ({ ...s }));
  }
  fleetStates() {
    return [...this.states];
  }
  onStatus(_listener) {
    return () => {
    };
  }
  onFleet(_listener) {
    return () => {
    };
  }
  setExternalToggles(_regionId, _toggles) {
  }
  actions(_regionId) {
    return void 0;
  }
  async start() {
  }
  async stop() {
  }
};

// electron/snapshots/stored-fleet-state.ts
import { isAscii } from "node:buffer";
import { z as z20 } from "zod";
var IndexList = z20.custom((v) => Array.isArray(v), "an array of indexes");
function column(value) {
  return z20.union([z20.array(value), z20.strictObject({ values: z20.array(value), index: IndexList })]);
}
var shape2 = Instance.shape;
var Columns = z20.strictObject({
  id: column(shape2.id),
  host: column(shape2.host),
  component: column(shape2.component),
  version: column(shape2.version),
  state: column(shape2.state),
  startedAt: column(shape2.startedAt),
  activeUsers: column(shape2.activeUsers)
});
var StoredInstances = z20.strictObject({ count: z20.int().min(0), columns: Columns });
var StoredFleetState = FleetState.extend({ instances: StoredInstances });
var FleetStateShell = FleetState.extend({ instances: z20.array(z20.unknown()) });
var V1Instances = z20.array(z20.strictObject(Instance.shape));
var V1_CHUNK = 1e3;
function expand(col, count5, field3) {
  if (Array.isArray(col)) {
    if (col.length !== count5) throw new Error(`instances.columns.${field3}: ${col.length} values for ${count5} instances`);
    return col;
  }
  const { values, index } = col;
  if (index.length !== count5) throw new Error(`instances.columns.${field3}.index: ${index.length} indexes for ${count5} instances`);
  const out = new Array(count5);
  for (let i = 0; i < count5; i++) {
    const at = index[i];
    if (!(Number.isInteger(at) && at >= 0 && at < values.length)) {
      throw new Error(`instances.columns.${field3}.index[${i}]: ${JSON.stringify(at)} is not an index into its ${values.length} values`);
    }
    out[i] = values[at];
  }
  return out;
}
function checkDistinct(ids) {
  if (new Set(ids).size === ids.length) return;
  const first = /* @__PURE__ */ new Map();
  ids.forEach((id, i) => {
    const at = first.get(id);
    if (at !== void 0) throw new Error(`instances[${i}].id: duplicate instance id ${JSON.stringify(id)} (also at instances[${at}])`);
    first.set(id, i);
  });
}
function decodeInstances({ count: count5, columns: c }) {
  const id = expand(c.id, count5, "id");
  const host = expand(c.host, count5, "host");
  const component = expand(c.component, count5, "component");
  const version = expand(c.version, count5, "version");
  const state = expand(c.state, count5, "state");
  const startedAt = expand(c.startedAt, count5, "startedAt");
  const activeUsers = expand(c.activeUsers, count5, "activeUsers");
  checkDistinct(id);
  const out = new Array(count5);
  for (let i = 0; i < count5; i++) {
    out[i] = { id: id[i], host: host[i], component: component[i], version: version[i], state: state[i], startedAt: startedAt[i], activeUsers: activeUsers[i] };
  }
  return out;
}
function bulkText(stored) {
  if (typeof stored === "string") return stored;
  return isAscii(stored) ? stored.toString("latin1") : stored.toString("utf8");
}
function parseStoredFleetState(stored, formatVersion) {
  const raw = JSON.parse(bulkText(stored));
  if (formatVersion === 1) return parseV1(raw);
  const { instances, ...rest } = StoredFleetState.parse(raw);
  return { ...rest, instances: decodeInstances(instances) };
}
function parseV1(raw) {
  const shell = FleetStateShell.safeParse(raw);
  if (!shell.success) return FleetState.parse(raw);
  const instances = shell.data.instances;
  for (let at = 0; at < instances.length; at += V1_CHUNK) {
    if (!V1Instances.safeParse(instances.slice(at, at + V1_CHUNK)).success) return FleetState.parse(raw);
  }
  const ids = /* @__PURE__ */ new Set();
  for (const instance of instances) ids.add(instance.id);
  if (ids.size !== instances.length) return FleetState.parse(raw);
  return { ...shell.data, instances };
}

// electron/snapshots/snapshot-telemetry.ts
var SnapshotTelemetrySource = class {
  constructor(db, regionId, kind, label, telemetry) {
    this.db = db;
    this.regionId = regionId;
    this.kind = kind;
    this.label = label;
    this.minStepSeconds = telemetry.stepSeconds;
    for (const p of telemetry.problems) {
      if (p.region !== regionId) continue;
      (p.failed ? this.failed : this.warnings).set(p.signal, p.message);
    }
    this.select = db.prepare(
      "SELECT component, version, points FROM telemetry WHERE region = @region AND signal = @signal AND (@component IS NULL OR component = @component) AND (@version IS NULL OR version = @version) ORDER BY component, version"
    );
  }
  db;
  regionId;
  kind;
  label;
  minStepSeconds;
  failed = /* @__PURE__ */ new Map();
  warnings = /* @__PURE__ */ new Map();
  select;
  describe(r) {
    return `snapshot ${this.label}: ${this.regionId} ${r.signal} ${r.component ?? "*"}@${r.version ?? "*"} from ${r.from} to ${r.to} step ${r.stepSeconds}`;
  }
  async query(request, signal) {
    signal?.throwIfAborted();
    const failure = this.failed.get(request.signal);
    if (failure !== void 0) throw new Error(failure);
    const rows = this.select.raw().all({ region: this.regionId, signal: request.signal, component: request.component ?? null, version: request.version ?? null });
    const series = rows.map(([component, version, blob]) => ({
      component,
      version,
      signal: request.signal,
      points: pick(decodePoints(blob), request, this.minStepSeconds)
    }));
    const warning = this.warnings.get(request.signal);
    return { series, warnings: warning === void 0 ? [] : [warning] };
  }
};
function pick(points, { from, to, stepSeconds }, stored) {
  const out = [];
  if (stepSeconds % stored === 0) {
    for (const p of points) if (p[0] >= from && p[0] <= to && p[0] % stepSeconds === 0) out.push(p);
    return out;
  }
  let last = -Infinity;
  for (const p of points) {
    if (p[0] < from || p[0] > to || p[0] - last < stepSeconds) continue;
    out.push(p);
    last = p[0];
  }
  return out;
}

// electron/snapshots/verify.ts
import { closeSync, openSync, readSync, statSync as statSync2 } from "node:fs";
import Database3 from "better-sqlite3";

// shared/contract/snapshots.ts
import { z as z22 } from "zod";

// shared/contract/audit.ts
import { z as z21 } from "zod";
var AuditEntryKind = z21.enum(["intent", "outcome", "setting", "note"]);
var AuditOutcome2 = z21.enum(["succeeded", "failed", "unknown"]);
var AuditEntryView = z21.object({
  seq: z21.number().int().min(1),
  at: z21.iso.datetime(),
  kind: AuditEntryKind,
  actorUser: z21.string(),
  actorName: z21.string(),
  workstation: z21.string(),
  action: z21.string(),
  region: z21.string().nullable(),
  target: z21.string().nullable(),
  before: z21.json().nullable(),
  after: z21.json().nullable(),
  whatIf: z21.json().nullable(),
  override: z21.string().nullable(),
  reason: z21.string().nullable(),
  ticket: z21.string().nullable(),
  breakGlass: z21.boolean(),
  idempotencyKey: z21.string().nullable(),
  intentSeq: z21.number().int().nullable(),
  outcome: AuditOutcome2.nullable(),
  response: z21.string().nullable(),
  consoleVersion: z21.string(),
  prevHash: z21.string(),
  hash: z21.string()
});
var AuditFilter2 = z21.object({
  since: z21.iso.datetime().optional(),
  until: z21.iso.datetime().optional(),
  actor: z21.string().min(1).max(200).optional(),
  region: z21.string().min(1).max(100).optional(),
  action: z21.string().min(1).max(100).optional(),
  outcome: AuditOutcome2.optional(),
  /** Full-text search over reasons, targets, tickets, actions, regions and actors. */
  text: z21.string().min(1).max(200).optional()
}).strict();
var AuditHead = z21.object({ seq: z21.number().int().min(0), hash: z21.string() });
var AuditVerifyResult = z21.object({
  ok: z21.boolean(),
  checked: z21.number().int().min(0),
  head: AuditHead,
  /** The first entry that does not verify, and why. */
  firstBad: z21.object({ seq: z21.number().int(), reason: z21.string() }).nullable(),
  /** The latest signed checkpoint: `valid`, `invalid` (a rewritten file), or `none` yet. */
  signature: z21.enum(["valid", "invalid", "none"]),
  verifiedAt: z21.iso.datetime()
});
var auditCalls = {
  "audit.query": call({
    kind: "query",
    summary: "Audit entries matching a filter, newest first, with the total and the chain head",
    input: AuditFilter2.extend({ limit: z21.number().int().min(1).max(1e3).default(200), offset: z21.number().int().min(0).default(0) }).strict(),
    output: z21.object({ entries: z21.array(AuditEntryView), total: z21.number().int(), head: AuditHead })
  }),
  "audit.verify": call({
    kind: "query",
    summary: "Recompute the hash chain and check the signed checkpoints; names the first bad entry",
    input: z21.object({}),
    output: AuditVerifyResult
  }),
  "audit.export": call({
    kind: "query",
    summary: "The filtered entries as CSV (RFC 4180) or JSON Lines, with the chain head, its signature and the public key",
    input: z21.object({ filter: AuditFilter2, format: z21.enum(["csv", "jsonl"]) }).strict(),
    output: z21.object({ fileName: z21.string(), mimeType: z21.string(), content: z21.string() })
  })
};
var auditEvents = {
  "audit.appended": event({ summary: "New audit entries were written", payload: z21.object({ head: AuditHead }) })
};

// shared/contract/snapshots.ts
var SNAPSHOT_FORMAT = "rcc-snapshot";
var SNAPSHOT_FORMAT_VERSION = 2;
var Sha256 = z22.string().regex(/^[0-9a-f]{64}$/, "lowercase hex SHA-256");
var Time2 = z22.iso.datetime();
var FilePath = z22.string().min(1).max(4096).refine((p) => !p.includes("\0"), "no NUL characters");
var SnapshotRegion = z22.object({
  id: z22.string(),
  name: z22.string(),
  state: ConnectionState,
  lastGoodAt: Time2.nullable(),
  /** Seconds between the last good fleet data and T; null when the region never delivered any. */
  dataAgeSeconds: z22.number().min(0).nullable(),
  /** Not connected at T, or its data older than the console's stale limit then. */
  stale: z22.boolean(),
  revision: z22.number().int().nullable(),
  /** The region's last error at T, as one line. */
  lastError: z22.string().nullable(),
  /** Where its telemetry came from; null when it had no telemetry source. */
  telemetrySource: TelemetrySourceKind.nullable()
});
var SnapshotTable = z22.object({ name: z22.string(), rows: z22.number().int().min(0), sha256: Sha256 });
var SnapshotTelemetry = z22.object({
  /** The stored window: unix-second grid points from `from` to `to` (T), every `stepSeconds`. */
  from: Time2,
  to: Time2,
  windowSeconds: z22.number().int().min(0),
  stepSeconds: z22.number().int().min(1),
  /** Stored series (region × component × version × signal) and their points. */
  series: z22.number().int().min(0),
  points: z22.number().int().min(0),
  /** Set when series were left out to stay within the cap: says how many and which. */
  capped: z22.string().nullable(),
  /**
   * Queries that failed (`failed`: the snapshot answers them with the same failure) or answered with
   * warnings (`message` holds them) while the snapshot was taken.
   */
  problems: z22.array(TelemetryProblem.extend({ signal: Signal, failed: z22.boolean() }))
});
var ChainPoint = z22.object({ seq: z22.number().int().min(0), hash: Sha256 });
var SnapshotAudit = z22.object({
  /** Entries in the console's store at T. */
  sourceEntries: z22.number().int().min(0),
  fromSeq: z22.number().int().min(1),
  toSeq: z22.number().int().min(0),
  entries: z22.number().int().min(0),
  /** The chain position the copy continues from: seq 0 and the genesis hash, or a signed checkpoint. */
  anchor: ChainPoint,
  /** The last entry copied (signed); null when the store was empty. */
  head: ChainPoint.nullable(),
  /** The Ed25519 public key (SPKI PEM) the checkpoints verify with, and its fingerprint. */
  publicKey: z22.string(),
  fingerprint: z22.string(),
  /** Set when older entries were left out (the window or the cap): says from where the copy starts. */
  capped: z22.string().nullable()
});
var SnapshotManifest = z22.object({
  format: z22.literal(SNAPSHOT_FORMAT),
  formatVersion: z22.number().int().min(1),
  takenAt: Time2,
  takenBy: z22.object({ user: z22.string(), displayName: z22.string(), workstation: z22.string() }),
  consoleVersion: z22.string(),
  regions: z22.array(SnapshotRegion),
  telemetry: SnapshotTelemetry,
  /** Null when the console's audit store was not available. */
  audit: SnapshotAudit.nullable(),
  violations: z22.number().int().min(0),
  alerts: z22.number().int().min(0),
  tables: z22.array(SnapshotTable),
  /** Anything a reader should know: caps applied, sources that failed, an audit store that was not open. */
  notes: z22.array(z22.string())
});
var SnapshotProgressPhase = z22.enum(["fleet", "telemetry", "audit", "hashing", "syncing", "done"]);
var SnapshotProgress = z22.object({
  file: z22.string(),
  phase: SnapshotProgressPhase,
  done: z22.number().int().min(0),
  total: z22.number().int().min(0)
});
var ComparedSide = z22.object({ label: z22.string(), file: z22.string().nullable(), takenAt: Time2 });
var VersionCount = z22.object({ version: z22.string(), train: z22.number().int(), instances: z22.number().int().min(0) });
var VersionChange = z22.object({ region: z22.string(), component: z22.string(), before: z22.array(VersionCount), after: z22.array(VersionCount) });
var ToggleChange = z22.object({ region: z22.string(), key: z22.string(), before: ToggleState.nullable(), after: ToggleState.nullable() });
var RegionChange = z22.object({ region: z22.string(), before: ConnectionState.nullable(), after: ConnectionState.nullable() });
var ComparedViolation = z22.object({
  id: z22.string(),
  subject: z22.string(),
  rule: RuleId,
  regions: z22.array(z22.string()),
  components: z22.array(z22.string()),
  firstSeen: Time2,
  sentence: z22.string()
});
var SignalDelta = z22.object({
  region: z22.string(),
  component: z22.string(),
  version: z22.string(),
  signal: Signal,
  before: z22.number().nullable(),
  after: z22.number().nullable(),
  delta: z22.number().nullable(),
  /** (after − before) / before; null without both or when before is 0. */
  relativeDelta: z22.number().nullable()
});
var SnapshotComparison = z22.object({
  a: ComparedSide,
  b: ComparedSide,
  regions: z22.array(RegionChange),
  versions: z22.array(VersionChange),
  toggles: z22.array(ToggleChange),
  violations: z22.object({ appeared: z22.array(ComparedViolation), resolved: z22.array(ComparedViolation), unchanged: z22.number().int().min(0) }),
  signals: z22.object({ windowSeconds: z22.number().int().min(1), deltas: z22.array(SignalDelta) }),
  audit: z22.object({
    /** Entries after the earlier side's time up to the later one's, oldest first, at most `limit`. */
    from: Time2,
    to: Time2,
    entries: z22.array(AuditEntryView),
    total: z22.number().int().min(0),
    limit: z22.number().int().min(1),
    /** Set when the later side does not hold every entry of that stretch (its copy starts after the earlier time). */
    gap: z22.string().nullable()
  })
});
var SnapshotInfo = z22.object({
  file: z22.string(),
  bytes: z22.number().int().min(0),
  manifest: SnapshotManifest,
  /** Every check passed when the snapshot was opened (a snapshot that fails one is not opened). */
  verifiedAt: Time2
});
var SnapshotFileEntry = z22.object({ file: z22.string(), name: z22.string(), bytes: z22.number().int().min(0), modifiedAt: Time2 });
var SnapshotFilePurpose = z22.enum(["save", "open"]);
var snapshotCalls = {
  "snapshots.take": call({
    kind: "setting",
    summary: "Write a snapshot of everything now (fleet, verdict, telemetry window, toggles, alerts, audit chain) to one file; progress as snapshots.progress events",
    input: z22.object({
      /** Absolute path of the new file; default `<dataDir>/snapshots/snapshot-<UTC time>.rccsnap`. An existing file is never replaced. */
      file: FilePath.optional(),
      /** Telemetry kept before T, seconds (default 2 h, at most 7 days). */
      telemetryWindowSeconds: z22.number().int().min(60).max(604800).optional()
    }).strict(),
    output: z22.object({ file: z22.string(), bytes: z22.number().int().min(0), manifest: SnapshotManifest })
  }),
  "snapshots.cancel": call({
    kind: "setting",
    summary: "Stop the snapshot being taken (nothing is left at its path)",
    input: z22.object({}).strict(),
    output: z22.object({ cancelled: z22.boolean() })
  }),
  "snapshots.info": call({
    kind: "query",
    summary: "The manifest of the snapshot this console shows (who, when, which regions were stale), or null when it shows the live fleet",
    input: z22.object({}),
    output: SnapshotInfo.nullable()
  }),
  "snapshots.compare": call({
    kind: "query",
    summary: "What changed between two snapshots, or a snapshot and live: versions, toggles, violations, signals per version, audit entries between",
    input: z22.object({ a: FilePath, b: z22.union([z22.literal("live"), FilePath]) }).strict(),
    output: SnapshotComparison
  }),
  "snapshots.open": call({
    kind: "setting",
    summary: "Show this snapshot, read-only, instead of the live fleet: it is checked first, and a refused file leaves the console as it was; then every page reloads",
    input: z22.object({ file: FilePath }).strict(),
    output: SnapshotInfo
  }),
  "snapshots.close": call({
    kind: "setting",
    summary: "Back to live: stop showing the snapshot and connect to the regions again; then every page reloads",
    input: z22.object({}).strict(),
    output: z22.object({ live: z22.literal(true) })
  }),
  "snapshots.list": call({
    kind: "query",
    summary: "The snapshot files in the console's snapshots folder, newest first",
    input: z22.object({}),
    output: z22.array(SnapshotFileEntry)
  }),
  "snapshots.chooseFile": call({
    kind: "query",
    summary: "Ask the person for a file with the host's own dialog (desktop); supported is false where the host has none (web: the page uploads, and takes into the snapshots folder)",
    input: z22.object({ purpose: SnapshotFilePurpose }).strict(),
    output: z22.object({ supported: z22.boolean(), file: z22.string().nullable() })
  })
};
var SnapshotSwitched = z22.object({ mode: z22.enum(["live", "snapshot"]), file: z22.string().nullable() });
var snapshotEvents = {
  "snapshots.progress": event({ summary: "Progress of the snapshot being taken", payload: SnapshotProgress }),
  "snapshots.switched": event({ summary: "The console now shows a snapshot, or live again: pages reload", payload: SnapshotSwitched })
};
var MAX_SNAPSHOT_UPLOAD_BYTES = 1024 * 1024 * 1024;

// electron/snapshots/verify.ts
var MAX_STORED_VALUE_BYTES = 128 * 1024 * 1024;
var SQLITE_MAGIC = Buffer.from("SQLite format 3\0", "latin1");
var HEADER_BYTES = 100;
var NOT_A_SNAPSHOT = /* @__PURE__ */ new Set(["unreadable", "not-sqlite", "not-a-snapshot"]);
var Refused = class extends Error {
  constructor(reason, message, table2) {
    super(message);
    this.reason = reason;
    this.table = table2;
  }
  reason;
  table;
};
function sqliteCode2(error) {
  const code = error?.code;
  return typeof code === "string" ? code : "";
}
function checkHeader(file) {
  let size;
  const header = Buffer.alloc(HEADER_BYTES);
  let read = 0;
  try {
    size = statSync2(file).size;
    const fd = openSync(file, "r");
    try {
      read = readSync(fd, header, 0, HEADER_BYTES, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new Refused("unreadable", `cannot be read (${error.code ?? String(error)})`);
  }
  const magicSeen = Math.min(read, SQLITE_MAGIC.length);
  if (read === 0 || !header.subarray(0, magicSeen).equals(SQLITE_MAGIC.subarray(0, magicSeen))) throw new Refused("not-sqlite", "not a SQLite database (no SQLite header)");
  if (read < HEADER_BYTES) throw new Refused("truncated", `truncated: ${size} bytes, shorter than a SQLite header`);
  if (header.readUInt32BE(68) !== APPLICATION_ID) throw new Refused("not-a-snapshot", "a SQLite database, but not a snapshot (its application id is not the console's)");
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const expected = pageSize * header.readUInt32BE(28);
  if (size < expected) throw new Refused("truncated", `truncated: the file has ${size} bytes, its header says ${expected}`);
  if (size > expected) throw new Refused("corrupt", `${size - expected} bytes past the end the header declares (${expected})`);
  return size;
}
var mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
function readManifest(db, maxValueBytes) {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all());
  if (!tables.has(MANIFEST_TABLE)) throw new Refused("no-manifest", "the manifest table is missing");
  let rows;
  try {
    checkValueSizes(db, MANIFEST_TABLE, ["value"], maxValueBytes);
    rows = new Map(db.prepare(`SELECT key, value FROM ${MANIFEST_TABLE}`).raw().all());
  } catch (error) {
    if (error instanceof Refused || sqliteCode2(error) === "SQLITE_CORRUPT") throw error;
    throw new Refused("bad-manifest", `the manifest table cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const text2 = rows.get(MANIFEST_KEY);
  const hash = rows.get(MANIFEST_HASH_KEY);
  if (text2 === void 0 || hash === void 0) throw new Refused("no-manifest", "the manifest is missing (the snapshot was never finished, or it was removed)");
  if (manifestHash(text2) !== hash) throw new Refused("manifest-hash", "the manifest does not match its hash (it was edited)");
  let parsed;
  try {
    const result = SnapshotManifest.safeParse(JSON.parse(text2));
    if (!result.success) throw new Refused("bad-manifest", `the manifest is not valid: ${result.error.issues[0]?.path.join(".") ?? ""}: ${result.error.issues[0]?.message ?? ""}`);
    parsed = result.data;
  } catch (error) {
    if (error instanceof Refused) throw error;
    throw new Refused("bad-manifest", "the manifest is not JSON");
  }
  if (parsed.formatVersion > SNAPSHOT_FORMAT_VERSION) throw new Refused("unsupported-version", `snapshot format ${parsed.formatVersion} is newer than this console reads (${SNAPSHOT_FORMAT_VERSION})`);
  const listed = parsed.tables.map((t) => t.name);
  const unlisted = CONTENT_TABLE_NAMES.filter((n) => !listed.includes(n));
  const foreign = listed.filter((n) => !CONTENT_TABLE_NAMES.includes(n));
  if (unlisted.length > 0 || foreign.length > 0 || listed.length !== CONTENT_TABLE_NAMES.length) {
    const why = [unlisted.length > 0 ? `it lacks ${unlisted.join(", ")}` : "", foreign.length > 0 ? `it lists ${foreign.join(", ")}, not part of format ${SNAPSHOT_FORMAT_VERSION}` : ""].filter(Boolean).join("; ");
    throw new Refused("bad-manifest", `the manifest does not list the content tables of this format${why ? ` (${why})` : ""}`);
  }
  for (const name of CONTENT_TABLE_NAMES) if (!tables.has(name)) throw new Refused("table-missing", `table ${name} is missing`, name);
  for (const name of tables) {
    if (name !== MANIFEST_TABLE && !CONTENT_TABLE_NAMES.includes(name)) throw new Refused("unexpected-table", `table ${name} is not part of a snapshot`, name);
  }
  return parsed;
}
function unreadableTable(name, error) {
  return new Refused(sqliteCode2(error) === "SQLITE_CORRUPT" ? "corrupt" : "table-hash", `table ${name} cannot be read (${error instanceof Error ? error.message : String(error)})`, name);
}
function checkValueSizes(db, table2, columns, limit) {
  const largest = db.prepare(`SELECT ${columns.map((c) => `max(octet_length(${c}))`).join(", ")} FROM ${table2}`).raw().get();
  columns.forEach((column2, i) => {
    const bytes = largest[i] ?? 0;
    if (bytes > limit) throw new Refused("too-large", `table ${table2} holds a ${column2} of ${mib(bytes)}, larger than any console writes (${mib(limit)})`, table2);
  });
}
function checkContentSizes(db, limit) {
  for (const def of CONTENT_TABLES) {
    const columns = def.columns.filter(([, type]) => type === "TEXT" || type === "BLOB").map(([name]) => name);
    if (columns.length === 0) continue;
    try {
      checkValueSizes(db, def.name, columns, limit);
    } catch (error) {
      throw error instanceof Refused ? error : unreadableTable(def.name, error);
    }
  }
}
async function verifySnapshot(file, options2 = {}) {
  const { verification, db } = await checkSnapshot(file, options2);
  db?.close();
  return verification;
}
async function checkSnapshot(file, options2 = {}) {
  const regionRows = [];
  let manifest;
  let db = null;
  try {
    const bytes = checkHeader(file);
    try {
      db = new Database3(file, { readonly: true, fileMustExist: true });
    } catch (error) {
      throw new Refused(sqliteCode2(error) === "SQLITE_NOTADB" ? "not-sqlite" : "unreadable", `cannot be opened (${error instanceof Error ? error.message : String(error)})`);
    }
    const maxValueBytes = options2.maxValueBytes ?? MAX_STORED_VALUE_BYTES;
    manifest = readManifest(db, maxValueBytes);
    checkContentSizes(db, maxValueBytes);
    const listed = new Map(manifest.tables.map((t) => [t.name, t]));
    const chain = manifest.audit ? new ChainChecker(manifest.audit, options2.publicKey ?? manifest.audit.publicKey, loadCheckpoints(db)) : null;
    for (const def of CONTENT_TABLES) {
      const expected = listed.get(def.name);
      let actual;
      try {
        const onRow = def.name === "audit_entries" && chain ? (row) => chain.step(row) : def.name === "regions" ? (row) => void regionRows.push(row) : void 0;
        actual = hashTable(db, def, onRow);
      } catch (error) {
        throw unreadableTable(def.name, error);
      }
      if (!expected || actual.rows !== expected.rows || actual.sha256 !== expected.sha256) {
        const why = expected && actual.rows !== expected.rows ? `${actual.rows} rows, the manifest says ${expected.rows}` : "its rows do not hash to the manifest's SHA-256";
        throw new Refused("table-hash", `table ${def.name} was altered: ${why}`, def.name);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const checked = chain?.finish();
    if (checked && !checked.ok) throw new Refused("audit-chain", `the audit chain does not verify: ${checked.message}`, "audit_entries");
    const audit = manifest.audit ? `, audit chain ${manifest.audit.fromSeq}\u2013${manifest.audit.toSeq} verified (key ${manifest.audit.fingerprint})` : "";
    return { verification: { ok: true, file, bytes, manifest, message: `intact: manifest and ${CONTENT_TABLES.length} tables match their SHA-256${audit}` }, db, regionRows };
  } catch (error) {
    db?.close();
    if (error instanceof Refused) {
      return { verification: { ok: false, file, reason: error.reason, ...error.table ? { table: error.table } : {}, message: `${file}: ${error.message}`, ...manifest ? { manifest } : {} }, db: null, regionRows: [] };
    }
    const code = sqliteCode2(error);
    if (code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB") {
      return { verification: { ok: false, file, reason: code === "SQLITE_NOTADB" ? "not-sqlite" : "corrupt", message: `${file}: damaged (${error instanceof Error ? error.message : String(error)})` }, db: null, regionRows: [] };
    }
    throw error;
  }
}

// electron/snapshots/open.ts
var SnapshotOpenError = class extends Error {
  constructor(file, reason, message, table2) {
    super(message);
    this.file = file;
    this.reason = reason;
    this.table = table2;
    this.name = "SnapshotOpenError";
  }
  file;
  reason;
  table;
};
async function openSnapshot(file, options2 = {}) {
  const { verification, db, regionRows } = await checkSnapshot(file, options2);
  if (!verification.ok || !db) {
    const failed = verification.ok ? null : verification;
    throw new SnapshotOpenError(file, failed?.reason ?? "unreadable", failed?.message ?? `${file}: cannot be opened`, failed?.table);
  }
  try {
    return load(db, file, verification.bytes, verification.manifest, regionRows);
  } catch (error) {
    db.close();
    if (error instanceof SnapshotOpenError) throw error;
    throw new SnapshotOpenError(file, "bad-manifest", `${file}: content does not read as a snapshot: ${error instanceof Error ? error.message : String(error)}`);
  }
}
function parse(schema, text2) {
  return schema.parse(JSON.parse(text2));
}
function load(db, file, bytes, manifest, regionRows) {
  const rows = regionRows.sort((a, b) => a[1] - b[1]);
  const statuses = rows.map((r) => parse(RegionStatus, r[2]));
  const states = rows.flatMap((r) => r[3] === null ? [] : [parseStoredFleetState(r[3], manifest.formatVersion)]);
  const verdictRow = db.prepare("SELECT verdict FROM verdict WHERE id = 1").pluck().get();
  const violations = db.prepare("SELECT violation FROM violations ORDER BY position").pluck().all().map((t) => parse(Violation, t));
  const verdict = VerdictWithTime.parse({ ...JSON.parse(verdictRow), violations });
  const alerts = db.prepare("SELECT alert FROM alerts ORDER BY position").pluck().all().map((t) => parse(Alert, t));
  const toggles = rows.flatMap(([id, , , , source, problem]) => {
    const state = states.find((s) => s.region.id === id);
    if (!state) return [];
    return [{ region: { id, name: state.region.name }, source: source === "unleash" ? "unleash" : "native", problem, revision: state.revision, toggles: state.toggles }];
  });
  const label = basename(file);
  const kinds = new Map(manifest.regions.map((r) => [r.id, r.telemetrySource]));
  const telemetrySources = /* @__PURE__ */ new Map();
  for (const status of statuses) {
    const kind = kinds.get(status.id);
    if (kind) telemetrySources.set(status.id, new SnapshotTelemetrySource(db, status.id, kind, label, manifest.telemetry));
  }
  const historyOf = db.prepare("SELECT points FROM version_history WHERE component = ?").pluck();
  const takenAtMs = Date.parse(manifest.takenAt);
  const episodes = readEpisodes(db);
  let open2 = true;
  return {
    file,
    bytes,
    manifest,
    takenAtMs,
    verifiedAt: (/* @__PURE__ */ new Date()).toISOString(),
    regions: new SnapshotRegionsService(statuses, states),
    telemetrySources,
    audit: new SnapshotAuditView(db, manifest.audit),
    verdict,
    alerts,
    toggles,
    violationEpisodes: episodes,
    episodesRecordedSince: episodes.length > 0 ? new Date(Math.min(...episodes.map((e) => Date.parse(e.firstSeen)))).toISOString() : null,
    auditCheckpoint: () => readLatestCheckpoint(db),
    versionHistory(component) {
      const text2 = historyOf.get(component);
      return text2 === void 0 ? [] : HistoryPoint.array().parse(JSON.parse(text2));
    },
    signalMeans(windowSeconds, signals) {
      const from = Math.floor(takenAtMs / 1e3) - windowSeconds;
      const wanted = new Set(signals);
      const out = [];
      const series = db.prepare("SELECT region, component, version, signal, points FROM telemetry ORDER BY region, component, version, signal").raw().iterate();
      for (const [region, component, version, signal, blob] of series) {
        if (!wanted.has(signal)) continue;
        let sum2 = 0;
        let n = 0;
        for (const [t, v] of decodePoints(blob)) {
          if (t <= from || !Number.isFinite(v)) continue;
          sum2 += v;
          n++;
        }
        out.push({ region, component, version, signal: Signal.parse(signal), mean: n > 0 ? sum2 / n : null });
      }
      return out;
    },
    verifyAuditChain(publicKey) {
      const audit = manifest.audit;
      return audit ? verifyAuditChain(db, audit, publicKey ?? audit.publicKey) : { ok: true, entries: 0 };
    },
    close() {
      if (open2) db.close();
      open2 = false;
    }
  };
}

// electron/cli/rcc/snapshot.ts
var USAGE3 = "usage: rcc snapshot verify FILE [--public-key KEY.pem] [--json] | rcc snapshot diff A B [--json]";
var SHOWN = 20;
async function runSnapshot(args, options2, out) {
  const [sub, ...files] = args;
  const arity = sub === "verify" ? 1 : sub === "diff" ? 2 : -1;
  if (arity < 0 || files.length !== arity) {
    out.stderr(`rcc snapshot: ${sub === void 0 ? "missing subcommand" : arity < 0 ? `unknown subcommand "${sub}"` : `${sub} takes ${arity === 1 ? "one FILE" : "two files, A and B"}`}
${USAGE3}`);
    return 2;
  }
  const publicKey = readPublicKeyOption("snapshot", options2.publicKey, out);
  if (publicKey === null) return 2;
  return sub === "verify" ? verify2(files[0] ?? "", publicKey, options2.json, out) : diff(files[0] ?? "", files[1] ?? "", publicKey, options2.json, out);
}
async function verify2(file, publicKey, json, out) {
  const v = await verifySnapshot(file, publicKey === void 0 ? {} : { publicKey });
  const code = v.ok ? 0 : NOT_A_SNAPSHOT.has(v.reason) ? 2 : 1;
  if (json) {
    out.stdout(JSON.stringify({ exitCode: code, ...v }, null, 2));
    return code;
  }
  if (!v.ok) {
    out.stdout(code === 2 ? `${v.message}` : `${file}: TAMPERED \u2014 failed check: ${v.reason}${v.table ? ` (table ${v.table})` : ""}: ${v.message.slice(file.length + 2)}`);
    return code;
  }
  out.stdout(`${file}: intact \u2014 ${v.message.slice("intact: ".length)}.`);
  out.stdout(describe2(v.manifest));
  if (v.manifest.audit && publicKey === void 0) out.stdout("The audit checkpoints were checked with the key the snapshot records; pass --public-key KEY.pem (from an audit export) to pin it.");
  return 0;
}
function describe2(m) {
  const stale = m.regions.filter((r) => r.stale);
  const lines = [
    `Taken ${m.takenAt} by ${m.takenBy.user}${m.takenBy.displayName ? ` (${m.takenBy.displayName})` : ""} on ${m.takenBy.workstation}, console ${m.consoleVersion}.`,
    `Regions: ${m.regions.map((r) => `${r.id} ${r.state}${r.dataAgeSeconds === null ? ", no data" : `, data ${r.dataAgeSeconds} s old`}`).join("; ")}.${stale.length > 0 ? ` Stale at T: ${stale.map((r) => r.id).join(", ")}.` : ""}`,
    `Telemetry: ${m.telemetry.from} to ${m.telemetry.to} every ${m.telemetry.stepSeconds} s, ${m.telemetry.series} series.${m.telemetry.capped ? ` ${m.telemetry.capped}.` : ""}`,
    m.audit ? `Audit: entries ${m.audit.fromSeq}\u2013${m.audit.toSeq} of ${m.audit.sourceEntries}, head signed with ${m.audit.fingerprint}.` : "Audit: none (the audit store was not available).",
    `${m.violations} violations, ${m.alerts} alerts.`,
    ...m.notes.map((n) => `Note: ${n}`)
  ];
  return lines.join("\n");
}
async function openOrReport(file, publicKey, out) {
  try {
    return await openSnapshot(file, publicKey === void 0 ? {} : { publicKey });
  } catch (error) {
    if (!(error instanceof SnapshotOpenError)) throw error;
    out.stderr(`rcc snapshot diff: ${error.message} (failed check: ${error.reason})`);
    return NOT_A_SNAPSHOT.has(error.reason) ? 2 : 1;
  }
}
async function diff(fileA, fileB, publicKey, json, out) {
  const a = await openOrReport(fileA, publicKey, out);
  if (typeof a === "number") return a;
  const b = await openOrReport(fileB, publicKey, out);
  if (typeof b === "number") {
    a.close();
    return b;
  }
  try {
    const result = await compareSnapshots(snapshotSide(a), snapshotSide(b));
    out.stdout(json ? JSON.stringify(result, null, 2) : renderDiff(result));
    return 0;
  } finally {
    a.close();
    b.close();
  }
}
var mix = (versions) => versions.length === 0 ? "\u2014" : versions.map((v) => `${v.version} (${v.instances})`).join(", ");
var more = (n) => n > SHOWN ? [`\u2026 and ${n - SHOWN} more (--json has them all)`] : [];
var pct = (x) => x === null ? "" : `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} %`;
var num = (x) => x === null ? "\u2014" : Number(x.toPrecision(4)).toString();
function renderDiff(c) {
  const out = [`A: ${c.a.label}, taken ${c.a.takenAt}`, `B: ${c.b.label}, taken ${c.b.takenAt}`, ""];
  out.push(`Regions whose connection state changed: ${c.regions.length}`);
  for (const r of c.regions) out.push(`  ${r.region}: ${r.before ?? "absent"} \u2192 ${r.after ?? "absent"}`);
  out.push("", `Live versions that changed (component \xD7 region): ${c.versions.length}`);
  if (c.versions.length > 0) out.push(renderTable(["region", "component", "A", "B"], c.versions.slice(0, SHOWN).map((v2) => [v2.region, v2.component, mix(v2.before), mix(v2.after)]), /* @__PURE__ */ new Set()), ...more(c.versions.length));
  out.push("", `Toggles that changed: ${c.toggles.length}`);
  if (c.toggles.length > 0) out.push(renderTable(["region", "toggle", "A", "B"], c.toggles.slice(0, SHOWN).map((t) => [t.region, t.key, t.before ?? "absent", t.after ?? "absent"]), /* @__PURE__ */ new Set()), ...more(c.toggles.length));
  const v = c.violations;
  out.push("", `Violations: ${v.appeared.length} appeared, ${v.resolved.length} resolved, ${v.unchanged} unchanged`);
  for (const x of v.appeared.slice(0, SHOWN)) out.push(`  + ${x.sentence}`);
  for (const x of v.resolved.slice(0, SHOWN)) out.push(`  - ${x.sentence}`);
  const moved = c.signals.deltas.filter((d) => d.relativeDelta === null || Math.abs(d.relativeDelta) >= 0.1).sort((x, y) => Math.abs(y.relativeDelta ?? Infinity) - Math.abs(x.relativeDelta ?? Infinity));
  out.push("", `Signals, mean over the ${c.signals.windowSeconds / 60} min before each time: ${moved.length} of ${c.signals.deltas.length} versions \xD7 signals changed by 10 % or more (or exist on one side only)`);
  if (moved.length > 0) {
    out.push(renderTable(["region", "component", "version", "signal", "A", "B", "change"], moved.slice(0, SHOWN).map((d) => [d.region, d.component, d.version, d.signal, num(d.before), num(d.after), pct(d.relativeDelta)]), /* @__PURE__ */ new Set([4, 5, 6])), ...more(moved.length));
  }
  out.push("", `Audit entries after ${c.audit.from} up to ${c.audit.to}: ${c.audit.total}${c.audit.gap ? ` (${c.audit.gap})` : ""}`);
  const latest = c.audit.entries.slice(-SHOWN);
  if (latest.length > 0) {
    out.push(renderTable(["seq", "at", "actor", "action", "target", "outcome"], latest.map((e) => [String(e.seq), e.at, e.actorName || e.actorUser, e.action, e.target ?? "", e.outcome ?? e.kind]), /* @__PURE__ */ new Set([0])));
    if (c.audit.total > latest.length) out.push(`\u2026 the latest ${latest.length} shown (--json lists up to ${c.audit.limit})`);
  }
  return out.join("\n");
}

// electron/cli/rcc/what-if.ts
function runWhatIf(sources, request, actionFile, json, now, out, maxProblems) {
  const result = whatIf(sources.map((s) => s.state), request, { now });
  if (json) out.stdout(JSON.stringify({ request, ...result }, null, 2));
  if (!result.ok) {
    out.stderr(compatErrorLines(result.errors, sources, maxProblems, actionFile).join("\n"));
    return 2;
  }
  if (!json) {
    const section = (title, list) => `${title} (${list.length})
${list.length === 0 ? "  none" : renderViolations(list)}`;
    out.stdout(
      [
        `What-if in ${request.region}: ${describeAction(request)}`,
        section("Introduced", result.introduced),
        section("Resolved", result.resolved),
        section("Unchanged", result.unchanged),
        ...result.exceptionsIntroduced.length > 0 ? [`Introduced as ${renderExceptions(result.exceptionsIntroduced)}`] : [],
        result.introduced.length > 0 ? "Blocked: the action would introduce violations." : "The action introduces no violations."
      ].join("\n\n")
    );
  }
  return result.introduced.length > 0 ? 1 : 0;
}
function describeAction({ action }) {
  switch (action.type) {
    case "component.rollback":
      return `roll ${action.component} back to train ${action.toTrain}`;
    case "schema.rollback":
      return `roll the ${action.databaseGroup} schema back to train ${action.toTrain}`;
    case "toggle.set":
      return `set toggle ${action.key} ${action.state}`;
    case "rollout.pause":
    case "rollout.resume":
    case "rollout.abort":
    case "rollout.step":
      return `${action.type.replace("rollout.", "")} rollout ${action.rolloutId}`;
    default:
      return assertNever(action, "action");
  }
}

// electron/cli/rcc/main.ts
var options = {
  json: { type: "boolean" },
  region: { type: "string", multiple: true },
  "token-file": { type: "string", multiple: true },
  "timeout-ms": { type: "string" },
  "max-bytes": { type: "string" },
  "max-problems": { type: "string" },
  action: { type: "string" },
  "public-key": { type: "string" },
  format: { type: "string" },
  since: { type: "string" },
  signal: { type: "string" },
  train: { type: "string" },
  stage: { type: "string" },
  judgements: { type: "string" },
  help: { type: "boolean", short: "h" }
};
async function runRcc(argv, out, now = () => (/* @__PURE__ */ new Date()).toISOString(), stream = process.stdout) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    out.stderr(`rcc: ${error instanceof Error ? error.message : String(error)}
Run rcc --help for usage.`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;
  if (values.help || command === "help") {
    out.stdout(HELP);
    return 0;
  }
  if (command === "audit") {
    return runAudit(files, { publicKey: values["public-key"], format: values.format, since: values.since, json: values.json ?? false }, out, stream);
  }
  if (command === "snapshot") return runSnapshot(files, { publicKey: values["public-key"], json: values.json ?? false }, out);
  try {
    if (command !== "check" && command !== "what-if" && command !== "plan" && command !== "judge" && command !== "gate") {
      throw new InputProblem([command === void 0 ? "rcc: missing command (check, what-if, plan, gate, judge, audit or snapshot)" : `rcc: unknown command "${command}"`, "Run rcc --help for usage."]);
    }
    const limits = {
      timeoutMs: positiveInteger("--timeout-ms", values["timeout-ms"], 1e4, "milliseconds"),
      maxBytes: byteCount(values["max-bytes"]),
      maxProblems: positiveInteger("--max-problems", values["max-problems"], DEFAULT_MAX_PROBLEMS, "problems")
    };
    if (command === "judge") return await runJudge(files, values.signal, limits, values.json ?? false, out);
    const gateArgs = { train: values.train, stage: values.stage, judgementsFile: values.judgements, json: values.json ?? false };
    if (command === "gate") checkGateArgs(gateArgs);
    const sources = await loadSources(files, regionSources(values.region ?? [], values["token-file"] ?? []), limits);
    if (command === "check") return runCheck(sources, values.json ?? false, now(), out, limits.maxProblems);
    if (command === "plan") return runPlan(sources, values.json ?? false, now(), out, limits.maxProblems);
    if (command === "gate") return runGate(sources, gateArgs, await loadJudgements(values.judgements, limits), now(), out, limits.maxProblems);
    if (!values.action) throw new InputProblem(["rcc what-if: --action ACTION.json is required"]);
    const request = await loadJsonFile(values.action, WhatIfRequest, limits);
    return runWhatIf(sources, request, values.action, values.json ?? false, now(), out, limits.maxProblems);
  } catch (error) {
    if (!(error instanceof InputProblem)) throw error;
    if (values.json) out.stdout(JSON.stringify({ ok: false, problems: error.lines }, null, 2));
    out.stderr(error.lines.join("\n"));
    return 2;
  }
}
function regionSources(urls, tokenFiles) {
  if (urls.length === 0 && tokenFiles.length === 0) return [];
  if (tokenFiles.length !== urls.length && tokenFiles.length !== 1) {
    throw new InputProblem([`rcc: give one --token-file per --region, or one for all (got ${urls.length} regions, ${tokenFiles.length} token files)`]);
  }
  return urls.map((url, i) => {
    try {
      new URL(url);
    } catch {
      throw new InputProblem([`rcc: --region ${url}: not a URL`]);
    }
    return { url, tokenFile: tokenFiles[tokenFiles.length === 1 ? 0 : i] ?? "" };
  });
}
function positiveInteger(flag, value, fallback, unit) {
  if (value === void 0) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0 || value.trim() !== value) throw new InputProblem([`rcc: ${flag} ${value}: expected a positive whole number of ${unit}`]);
  return n;
}
var BYTE_UNITS = { "": 1, k: 1024, kib: 1024, m: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gib: 1024 ** 3 };
function byteCount(value) {
  if (value === void 0) return DEFAULT_MAX_BYTES;
  const match = /^(\d+)\s*([a-z]*)$/i.exec(value);
  const unit = BYTE_UNITS[match?.[2]?.toLowerCase() ?? "none"];
  const bytes = match && unit !== void 0 ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new InputProblem([`rcc: --max-bytes ${value}: expected a positive number of bytes (e.g. 268435456, 512KiB, 256MiB, 1GiB)`]);
  return bytes;
}
async function loadSources(files, regions, limits) {
  if (files.length === 0 && regions.length === 0) throw new InputProblem(["rcc: no fleet state given: pass FILE... or --region URL --token-file FILE"]);
  const fileProblems = new Problems(limits.maxProblems);
  const [fromFiles, ...fromRegions] = await Promise.all([loadFleetFiles(files, limits, fileProblems), ...regions.map((r) => fetchRegion(r, limits))]);
  const problems = new Problems(limits.maxProblems);
  problems.merge(fileProblems);
  const sources = [...fromFiles ?? []];
  for (const result of fromRegions) {
    if (result.ok) sources.push(result.source);
    else problems.merge(result.problems);
  }
  problems.throwIfAny();
  return sources;
}

// electron/cli/rcc/cli.ts
process.exitCode = await runRcc(process.argv.slice(2), {
  stdout: (text2) => process.stdout.write(`${text2}
`),
  stderr: (text2) => process.stderr.write(`${text2}
`)
});
