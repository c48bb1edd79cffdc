import { z } from 'zod';
import { CellStatus, DeclaredException, Verdict, VersionMixEntry, Violation, WhatIfRequest, WhatIfResult } from '../compat/schemas.ts';
import { ComponentTier, DependencyKind, Rollout } from '../protocol/index.ts';
import { call } from './define.ts';

const Named = z.object({ id: z.string(), name: z.string() });
const ComponentRef = Named.extend({ tier: ComponentTier });

export const MatrixCell = z.object({
  region: z.string(),
  component: z.string(),
  status: CellStatus,
  /** Newest − oldest live train; null when nothing of the component runs in the region. */
  span: z.number().int().nullable(),
  live: z.number().int(),
  violationIds: z.array(z.string()),
  /** Declared exceptions naming this cell: pairs beyond ±1 that a declared range allows. */
  exceptionIds: z.array(z.string()),
  mix: z.array(VersionMixEntry),
});
export type MatrixCell = z.infer<typeof MatrixCell>;

export const SkewMatrix = z.object({
  evaluatedAt: z.iso.datetime(),
  regions: z.array(Named),
  components: z.array(ComponentRef),
  cells: z.array(MatrixCell),
  /** Enough of each violation to name it on hover. */
  violations: z.array(Violation.pick({ id: true, rule: true, sentence: true, regions: true, components: true })),
  /** Declared exceptions, enough to name them on hover. */
  exceptions: z.array(DeclaredException.pick({ id: true, rule: true, sentence: true, regions: true, components: true })),
  inputErrors: z.number().int(),
});
export type SkewMatrix = z.infer<typeof SkewMatrix>;

export const VerdictWithTime = Verdict.extend({ evaluatedAt: z.iso.datetime() });
export type VerdictWithTime = z.infer<typeof VerdictWithTime>;

export const DependencyRow = z.object({
  /** The component at the other end of the edge. */
  component: ComponentRef,
  kind: DependencyKind,
  crossRegion: z.boolean(),
  /** Largest train distance between live versions that can reach each other; null when one side has nothing live. */
  maxGap: z.number().int().nullable(),
  status: CellStatus,
  violationIds: z.array(z.string()),
  /** Declared exceptions on this edge: beyond ±1, allowed by a declared range (status `exception` when no violation). */
  exceptionIds: z.array(z.string()),
});
export type DependencyRow = z.infer<typeof DependencyRow>;

export const TrainCount = z.object({ train: z.number().int(), trainName: z.string(), count: z.number().int() });
export type TrainCount = z.infer<typeof TrainCount>;

export const SchemaRow = z.object({
  region: z.string(),
  group: Named,
  /** Databases per schema train; mid-migration databases count at both ends. */
  schema: z.array(TrainCount.extend({ migrating: z.number().int() })),
  /** The component's live instances per train in the same region. */
  instances: z.array(TrainCount),
  status: CellStatus,
  violationIds: z.array(z.string()),
  /** Declared schema exceptions in this group and region (status `exception` when no violation). */
  exceptionIds: z.array(z.string()),
});
export type SchemaRow = z.infer<typeof SchemaRow>;

export const HistoryPoint = z.object({
  at: z.iso.datetime(),
  trains: z.array(TrainCount),
});
export type HistoryPoint = z.infer<typeof HistoryPoint>;

export const ComponentDetail = z.object({
  component: ComponentRef,
  regions: z.array(z.object({ region: Named, status: CellStatus, span: z.number().int().nullable(), mix: z.array(VersionMixEntry) })),
  calls: z.array(DependencyRow),
  calledBy: z.array(DependencyRow),
  schemas: z.array(SchemaRow),
  rollouts: z.array(z.object({ region: z.string(), rollout: Rollout })),
  violations: z.array(Violation),
  /** Declared exceptions involving the component (never violations, never silent). */
  exceptions: z.array(DeclaredException),
  /** Live instances by train across regions, sampled while the console runs. */
  history: z.array(HistoryPoint),
});
export type ComponentDetail = z.infer<typeof ComponentDetail>;

export const compatCalls = {
  'compat.verdict': call({ kind: 'query', summary: 'Violations of rules 1–3 and toggle minimum versions across all regions', input: z.object({}), output: VerdictWithTime }),
  'compat.matrix': call({ kind: 'query', summary: 'Component × region version mix with compliance per cell', input: z.object({}), output: SkewMatrix }),
  'compat.component': call({
    kind: 'query',
    summary: 'One component: versions per region, dependencies, schemas, rollouts, violations, history',
    input: z.object({ component: z.string().min(1) }),
    output: ComponentDetail,
  }),
  'compat.whatIf': call({ kind: 'query', summary: 'Violations an action would introduce, resolve or leave (rule 4)', input: WhatIfRequest, output: WhatIfResult }),
};
