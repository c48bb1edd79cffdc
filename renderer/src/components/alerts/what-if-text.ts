import type { WhatIfResult } from '../../../../shared/compat/schemas.ts';
import { plural } from '../../lib/format.ts';

export interface WhatIfVerdict {
  tone: 'good' | 'bad' | 'warn' | 'muted';
  text: string;
  /** The sentences of the violations the suggestion would introduce. */
  introduced: string[];
}

/** One line for the what-if of a suggested first response (the confirmation shows the full lists). */
export function whatIfVerdict(whatIf: WhatIfResult | null): WhatIfVerdict {
  if (!whatIf) return { tone: 'muted', text: 'No what-if: nothing to run.', introduced: [] };
  const introduced = whatIf.introduced.map((v) => v.sentence);
  if (introduced.length > 0) {
    return { tone: 'bad', text: `Would introduce ${plural(introduced.length, 'violation')}: it runs only with an override.`, introduced };
  }
  const resolved = whatIf.resolved.length > 0 ? `, resolves ${plural(whatIf.resolved.length, 'violation')}` : '';
  if (!whatIf.ok) {
    return { tone: 'warn', text: `Introduces no violation among what could be evaluated (${plural(whatIf.errors.length, 'input error')})${resolved}.`, introduced };
  }
  return { tone: 'good', text: `Introduces no violation${resolved}.`, introduced };
}
