import { assertNever } from '../../../shared/assert-never.ts';
import { whatIf, type Violation, type WhatIfRequest } from '../../../shared/compat/index.ts';
import { renderExceptions } from './check-exceptions.ts';
import { compatErrorLines, type Output } from './output.ts';
import { renderViolations } from './render-table.ts';
import type { SourcedState } from './sources.ts';

/** `rcc what-if`: 0 introduces nothing, 1 introduces violations, 2 input errors. */
export function runWhatIf(sources: readonly SourcedState[], request: WhatIfRequest, actionFile: string, json: boolean, now: string, out: Output, maxProblems: number): number {
  const result = whatIf(sources.map((s) => s.state), request, { now });
  if (json) out.stdout(JSON.stringify({ request, ...result }, null, 2));
  if (!result.ok) {
    out.stderr(compatErrorLines(result.errors, sources, maxProblems, actionFile).join('\n'));
    return 2;
  }
  if (!json) {
    const section = (title: string, list: readonly Violation[]) =>
      `${title} (${list.length})\n${list.length === 0 ? '  none' : renderViolations(list)}`;
    out.stdout(
      [
        `What-if in ${request.region}: ${describeAction(request)}`,
        section('Introduced', result.introduced),
        section('Resolved', result.resolved),
        section('Unchanged', result.unchanged),
        ...(result.exceptionsIntroduced.length > 0 ? [`Introduced as ${renderExceptions(result.exceptionsIntroduced)}`] : []),
        result.introduced.length > 0 ? 'Blocked: the action would introduce violations.' : 'The action introduces no violations.',
      ].join('\n\n'),
    );
  }
  return result.introduced.length > 0 ? 1 : 0;
}

function describeAction({ action }: WhatIfRequest): string {
  switch (action.type) {
    case 'component.rollback':
      return `roll ${action.component} back to train ${action.toTrain}`;
    case 'schema.rollback':
      return `roll the ${action.databaseGroup} schema back to train ${action.toTrain}`;
    case 'toggle.set':
      return `set toggle ${action.key} ${action.state}`;
    case 'rollout.pause':
    case 'rollout.resume':
    case 'rollout.abort':
    case 'rollout.step':
      return `${action.type.replace('rollout.', '')} rollout ${action.rolloutId}`;
    default:
      return assertNever(action, 'action');
  }
}
