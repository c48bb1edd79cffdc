import { evaluate } from '../../../shared/compat/index.ts';
import { compatErrorLines, type Output } from './output.ts';
import { renderExceptions } from './check-exceptions.ts';
import { renderViolations } from './render-table.ts';
import type { SourcedState } from './sources.ts';

/** `rcc check`: 0 compliant, 1 violations, 2 input errors. Declared exceptions are listed, never fail. */
export function runCheck(sources: readonly SourcedState[], json: boolean, now: string, out: Output, maxProblems: number): number {
  const verdict = evaluate(sources.map((s) => s.state), { now });
  if (json) out.stdout(JSON.stringify(verdict, null, 2));
  if (!verdict.ok) {
    out.stderr(compatErrorLines(verdict.errors, sources, maxProblems).join('\n'));
    return 2;
  }
  if (!json) {
    const regions = verdict.regions.join(', ');
    if (verdict.violations.length === 0) out.stdout(`Compliant: no violations in ${regions}.`);
    else {
      const n = verdict.violations.length;
      out.stdout(`${n} ${n === 1 ? 'violation' : 'violations'} in ${regions}:\n\n${renderViolations(verdict.violations)}`);
    }
    if (verdict.exceptions.length > 0) out.stdout(`\n${renderExceptions(verdict.exceptions)}`);
  }
  return verdict.violations.length === 0 ? 0 : 1;
}
