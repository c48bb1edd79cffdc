import { findCauses, indexFleet, planRemediation, type CauseList, type Plan } from '../../../shared/compat/index.ts';
import { compatErrorLines, type Output } from './output.ts';
import { renderTable } from './render-table.ts';
import type { SourcedState } from './sources.ts';

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string) => `${count(n)} ${n === 1 ? word : `${word}s`}`;

function renderCauses(list: CauseList): string {
  return list.causes
    .map((c, i) => `${i + 1}. ${c.title} — ${plural(c.violationIds.length, 'violation')}, ${plural(c.instances, 'instance')}, ${plural(c.activeUsers, 'active user')}\n   ${c.sentence}`)
    .join('\n');
}

function renderPlan(plan: Plan): string {
  if (plan.steps.length === 0) return 'Plan: no action the console can take resolves a violation without introducing another.';
  const rows = plan.steps.map((s) => [String(s.index), s.summary, String(s.resolved.length), String(s.remaining), count(s.instances), count(s.activeUsers)]);
  const head = `Plan: ${plural(plan.steps.length, 'step')} ${plan.steps.length === 1 ? 'resolves' : 'resolve'} ${plan.resolved} of ${plural(plan.violations, 'violation')}, introducing none ` +
    `(${plural(plan.instances, 'instance')}, ${plural(plan.activeUsers, 'active user')} touched). Each step is judged on the fleet after the steps before it:`;
  return `${head}\n\n${renderTable(['#', 'ACTION', 'RESOLVES', 'LEFT', 'INSTANCES', 'USERS'], rows, new Set([0, 2, 3, 4, 5]))}`;
}

/**
 * `rcc plan`: the causes of the current violations and the best plan found. 0 compliant; 1 the plan
 * resolves every violation; 3 it resolves only some (the rest listed with why); 2 input errors.
 * It only proposes: each step is run from the console's confirmation, never from here.
 */
export function runPlan(sources: readonly SourcedState[], json: boolean, now: string, out: Output, maxProblems: number): number {
  const states = sources.map((s) => s.state);
  const view = indexFleet(states, { now });
  const verdict = view.verdict();
  if (!verdict.ok) {
    if (json) out.stdout(JSON.stringify({ ok: false, errors: verdict.errors }, null, 2));
    out.stderr(compatErrorLines(verdict.errors, sources, maxProblems).join('\n'));
    return 2;
  }
  const causes = findCauses(verdict.violations);
  const plan = planRemediation(view, states, { causes });
  const code = verdict.violations.length === 0 ? 0 : plan.complete ? 1 : 3;
  if (json) {
    out.stdout(JSON.stringify({ ok: true, regions: verdict.regions, causes, plan }, null, 2));
    return code;
  }
  const regions = verdict.regions.join(', ');
  if (code === 0) {
    out.stdout(`Compliant: no violations in ${regions}, nothing to plan.`);
    return 0;
  }
  const parts = [
    `${plural(verdict.violations.length, 'violation')} in ${regions}, ${plural(causes.causes.length, 'cause')}:`,
    renderCauses(causes),
    renderPlan(plan),
  ];
  if (plan.unfixable.length > 0) {
    parts.push(`Left (${plan.unfixable.length}):\n${plan.unfixable.map((u) => `- ${u.violationId}: ${u.why}`).join('\n')}`);
  }
  const run = 'Run each step from the console (its confirmation shows the what-if and asks for the reason); rcc runs nothing.';
  if (plan.complete) parts.push(`The plan resolves every violation. ${run}`);
  else if (plan.steps.length > 0) parts.push(`The plan resolves only some violations; the rest are listed above with why. ${run}`);
  else parts.push('Nothing the console can run resolves these violations: see why above.');
  out.stdout(parts.join('\n\n'));
  return code;
}
