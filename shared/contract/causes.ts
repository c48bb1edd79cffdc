import { z } from 'zod';
import { CauseList, Plan } from '../compat/cause-schemas.ts';
import { call } from './define.ts';

export const CausesWithTime = CauseList.extend({ evaluatedAt: z.iso.datetime() });
export type CausesWithTime = z.infer<typeof CausesWithTime>;

export const PlanWithTime = Plan.extend({ evaluatedAt: z.iso.datetime() });
export type PlanWithTime = z.infer<typeof PlanWithTime>;

export const causeCalls = {
  'compat.causes': call({
    kind: 'query',
    summary: 'Current violations grouped by root cause (the outlier whose change resolves them), instances and users counted once',
    input: z.object({}),
    output: CausesWithTime,
  }),
  'compat.plan': call({
    kind: 'query',
    summary: 'Remediation plan for the fleet or one cause: ordered actions with the verdict after each step, and what needs a release; runs nothing',
    input: z.object({ cause: z.string().min(1).max(1_000).optional() }).strict(),
    output: PlanWithTime,
  }),
};
