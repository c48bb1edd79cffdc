import { z } from 'zod';
import { CadenceBucket, CadenceRange, CadenceSummary } from '../cadence/schemas.ts';
import { call } from './define.ts';

export const cadenceCalls = {
  'cadence.summary': call({
    kind: 'query',
    summary: 'Release cadence over whole UTC weeks: deployment frequency per region against the weekly target, lead time per train, change-failure rate and time to restore, with trends',
    input: z.object({ range: CadenceRange.default('13w'), bucket: CadenceBucket.default('week') }).strict(),
    output: CadenceSummary,
  }),
};
