import { findCauses, planRemediation, UnknownCauseError, type CauseList, type Plan } from '../../shared/compat/index.ts';
import type { Handlers } from '../../shared/contract/index.ts';
import { ConsoleError } from '../common/console-error.ts';
import type { CompatService } from './compat-service.ts';

type CauseHandlers = Pick<Handlers, 'compat.causes' | 'compat.plan'>;

/** A plan is searched again when the set of violations changes, or at the latest after this long. */
export const PLAN_REUSE_MS = 10_000;

interface Memo<T> {
  key: string;
  at: number;
  value: T;
  evaluatedAt: string;
}

/**
 * `compat.causes` and `compat.plan` on the console's live fleet. Streaming regions change instance
 * counts many times a second while the violations stay the same: a plan (tens of what-ifs) is kept
 * while the violation ids are unchanged, for up to PLAN_REUSE_MS, so screens refreshing on every
 * fleet change do not search again each time.
 */
export function causeHandlers(compat: CompatService, clock: () => number = Date.now): CauseHandlers {
  const plans = new Map<string, Memo<Plan>>();
  const current = (): { causes: CauseList; ids: string; evaluatedAt: string } => {
    const view = compat.view();
    const violations = view.verdict().violations;
    return { causes: findCauses(violations), ids: violations.map((v) => v.id).join('\n'), evaluatedAt: view.now };
  };
  return {
    'compat.causes': async () => {
      const { causes, evaluatedAt } = current();
      return { ...causes, evaluatedAt };
    },
    'compat.plan': async ({ cause }) => {
      const { causes, ids, evaluatedAt } = current();
      const slot = cause ?? '';
      const memo = plans.get(slot);
      if (memo && memo.key === ids && clock() - memo.at < PLAN_REUSE_MS) return { ...memo.value, evaluatedAt: memo.evaluatedAt };
      try {
        const plan = planRemediation(compat.view(), compat.states(), { cause: cause ?? null, causes });
        if (plans.size > 100) plans.clear();
        plans.set(slot, { key: ids, at: clock(), value: plan, evaluatedAt });
        return { ...plan, evaluatedAt };
      } catch (error) {
        if (error instanceof UnknownCauseError) throw new ConsoleError('not-found', error.message);
        throw error;
      }
    },
  };
}
