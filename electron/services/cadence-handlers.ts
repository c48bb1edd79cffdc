import type { Handlers } from '../../shared/contract/index.ts';
import type { CadenceService } from './cadence-service.ts';

type CadenceHandlers = Pick<Handlers, 'cadence.summary'>;

export function cadenceHandlers(cadence: CadenceService): CadenceHandlers {
  return {
    'cadence.summary': async ({ range, bucket }) => cadence.summary(range, bucket),
  };
}
