import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { PlanStep, Unfixable } from '../../../../shared/compat/cause-schemas.ts';
import { useCall } from '../../api/hooks.ts';
import { count, plural } from '../../lib/format.ts';
import { useActionDialog } from '../../state/action-dialog.ts';
import './causes.css';
import { useReadOnly } from '../snapshots/use-read-only.ts';

/** What a step does to the instances it counts (a rollout's confirmation counts the whole rollout; the plan what moves). */
const VERB: Record<PlanStep['rung'], string> = { toggle: 'gates', rollout: 'moves', 'code-rollback': 'moves', 'schema-rollback': 'reaches' };

const UNFIXABLE_TEXT: Record<Unfixable['kind'], string> = {
  'needs-release': 'Needs a release',
  'would-introduce': 'Would introduce another violation',
  'no-action': 'No action resolves it',
};

/**
 * The remediation plan for one cause (or the whole fleet): ordered steps, the verdict after each,
 * and what is left with why. A step never runs from here: its button opens the normal confirmation
 * (what-if, policy) with the reason prefilled. `signature` (the cause's violation ids) changing is
 * what asks for a new plan; instance counts moving under a streaming fleet do not.
 */
export function PlanView({ cause, signature }: { cause: string | null; signature: string }) {
  const input = cause === null ? {} : { cause };
  const plan = useCall('compat.plan', input);
  const queryClient = useQueryClient();
  const seen = useRef(signature);
  useEffect(() => {
    if (seen.current === signature) return;
    seen.current = signature;
    void queryClient.invalidateQueries({ queryKey: ['compat.plan', cause === null ? {} : { cause }] });
  }, [signature, cause, queryClient]);

  const label = cause === null ? 'Plan for the whole fleet' : 'Plan';
  if (plan.isPending) return <section className="plan" aria-label={label} aria-busy="true"><h4>{label}</h4><p className="muted">Searching the actions…</p></section>;
  if (plan.isError) return <section className="plan" aria-label={label}><h4>{label}</h4><p role="alert">Could not plan: {plan.error.message}</p></section>;
  const p = plan.data;
  const steps = p.steps.length;
  return (
    <section className="plan" aria-label={label} data-complete={p.complete} data-steps={steps}>
      <h4>{label}</h4>
      <p className={`plan-headline ${p.complete ? 'complete' : 'partial'}`} data-testid="plan-headline">
        {steps === 0 ? (
          <>No action the console can take resolves {p.violations === 1 ? 'it' : 'these'} without introducing another violation.</>
        ) : (
          <>
            <strong>{p.complete ? `Resolves ${p.violations === 1 ? 'it' : `all ${p.violations}`}` : `Resolves ${p.resolved} of ${p.violations}`}</strong> in {plural(steps, 'step')}, introducing
            none · moves or gates {plural(p.instances, 'instance')}, {count(p.activeUsers)} active users in all. Each step is judged on the fleet after the ones before it.
          </>
        )}
      </p>
      {steps > 0 && <ol className="plan-steps">{p.steps.map((s) => <Step key={s.index} step={s} next={p.steps[s.index]?.index ?? null} />)}</ol>}
      {p.unfixable.length > 0 && (
        <div className="plan-unfixable" data-testid="plan-unfixable">
          <strong>Left: {plural(p.unfixable.length, 'violation')}</strong>
          <ul>
            {p.unfixable.map((u) => (
              <li key={u.violationId} data-kind={u.kind}><span className="kind">{UNFIXABLE_TEXT[u.kind]}</span> — {u.why.replace(/^needs a release: /, '')}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="plan-search muted">
        Searched {plural(p.search.candidates, 'candidate action')} ({plural(p.search.evaluations, 'what-if')}, beam of {p.search.beamWidth}){p.search.truncated ? ' — stopped at its bound' : ''}. Nothing runs until you confirm a step.
      </p>
    </section>
  );
}

function Step({ step: s, next }: { step: PlanStep; next: number | null }) {
  const openAction = useActionDialog((state) => state.open);
  const readOnly = useReadOnly();
  return (
    <li className="plan-step" data-step={s.index} data-action={s.draft.action.type}>
      <span className="step-index">{s.index}</span>
      <div>
        <p className="step-summary">{s.summary}</p>
        <p className="step-verdict muted" data-testid="step-verdict">
          {s.resolved.length > 0 ? <span className="resolves">resolves {plural(s.resolved.length, 'violation')}</span> : <span>resolves nothing alone{next !== null ? ` — makes step ${next} possible` : ''}</span>}
          {' '}· introduces {s.introduced.length === 0 ? 'none' : s.introduced.length} · {plural(s.remaining, 'violation')} left after it · {VERB[s.rung]} {plural(s.instances, 'instance')}, {count(s.activeUsers)} users
        </p>
      </div>
      <button type="button" className={s.index === 1 ? 'small primary-button step-open' : 'small step-open'} title={s.reason} disabled={readOnly} onClick={() => openAction(s.draft, { reasonPrefill: s.reason })}>
        Review step {s.index}…
      </button>
    </li>
  );
}
