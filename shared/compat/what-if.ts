import type { Verdict, Violation, WhatIfResult } from './schemas.ts';

/** Splits before/after verdicts by violation id. */
export function diffVerdicts(before: Verdict, after: Verdict): Pick<WhatIfResult, 'introduced' | 'resolved' | 'unchanged' | 'exceptionsIntroduced'> {
  const beforeIds = new Set(before.violations.map((v) => v.id));
  const afterIds = new Set(after.violations.map((v) => v.id));
  const introduced: Violation[] = [];
  const unchanged: Violation[] = [];
  for (const v of after.violations) (beforeIds.has(v.id) ? unchanged : introduced).push(v);
  const resolved = before.violations.filter((v) => !afterIds.has(v.id));
  const exceptionIds = new Set(before.exceptions.map((e) => e.id));
  const exceptionsIntroduced = after.exceptions.filter((e) => !exceptionIds.has(e.id));
  return { introduced, resolved, unchanged, exceptionsIntroduced };
}
