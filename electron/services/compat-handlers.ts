import type { Handlers } from '../../shared/contract/index.ts';
import { buildComponentDetail, UnknownComponentError } from '../../shared/fleet/component-detail.ts';
import { buildSkewMatrix } from '../../shared/fleet/skew-matrix.ts';
import { ConsoleError } from '../common/console-error.ts';
import type { CompatService } from './compat-service.ts';

type CompatHandlers = Pick<Handlers, 'compat.verdict' | 'compat.matrix' | 'compat.component' | 'compat.whatIf'>;

export function compatHandlers(compat: CompatService): CompatHandlers {
  return {
    'compat.verdict': async () => {
      const view = compat.view();
      return { ...view.verdict(), evaluatedAt: view.now };
    },
    'compat.matrix': async () => buildSkewMatrix(compat.view(), compat.states()),
    'compat.component': async ({ component }) => {
      try {
        return buildComponentDetail(compat.view(), compat.states(), component, compat.history.of(component));
      } catch (error) {
        if (error instanceof UnknownComponentError) throw new ConsoleError('not-found', error.message);
        throw error;
      }
    },
    'compat.whatIf': async (request) => compat.view().whatIf(request),
  };
}
