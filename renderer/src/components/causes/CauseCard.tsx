import { useId, useState } from 'react';
import type { Cause } from '../../../../shared/compat/cause-schemas.ts';
import type { Violation } from '../../../../shared/compat/schemas.ts';
import { count, plural, RULE_LABELS } from '../../lib/format.ts';
import { useUi } from '../../state/ui-store.ts';
import { PlanView } from './PlanView.tsx';
import './causes.css';

/** One cause: what it is, what it touches (each instance once), its violations on demand, and its plan. */
export function CauseCard({ cause, violations, planOpen }: { cause: Cause; violations: readonly Violation[]; planOpen: boolean }) {
  const [expanded, setExpanded] = useState(false);
  const [showPlan, setShowPlan] = useState(planOpen);
  const navigate = useUi((s) => s.navigate);
  const id = useId();
  const n = cause.violationIds.length;
  const component = cause.component;
  return (
    <li className="cause-card" data-cause={cause.id} data-kind={cause.kind} data-violations={n} aria-labelledby={`${id}-title`}>
      <header className="cause-head">
        <h3 id={`${id}-title`}>{cause.title}</h3>
        <span className="cause-counts" data-testid="cause-counts">
          <strong>{plural(n, 'violation')}</strong> · {plural(cause.instances, 'instance')} · {count(cause.activeUsers)} active users
          {cause.databases > 0 && <> · {plural(cause.databases, 'database')}</>}
        </span>
      </header>
      <p className="cause-sentence">{cause.sentence}</p>
      <p className="cause-facts muted">
        <span>{cause.rules.map((r) => RULE_LABELS[r] ?? r).join(', ')}</span>
        <span>region {cause.region}</span>
        {cause.trainName && <span>{cause.kind === 'schema' ? 'schema' : 'train'} {cause.trainName}</span>}
        {component && (
          <button type="button" className="link" onClick={() => navigate({ screen: 'component', component })}>
            Open {component} →
          </button>
        )}
      </p>
      <button type="button" className="link cause-toggle" aria-expanded={expanded} aria-controls={`${id}-violations`} onClick={() => setExpanded((e) => !e)}>
        {expanded ? 'Hide' : 'Show'} {n === 1 ? 'the violation' : `the ${n} violations`}
      </button>
      {expanded && (
        <ul className="cause-violations" id={`${id}-violations`}>
          {violations.map((v) => (
            <li key={v.id} data-violation={v.id}>
              <p>{v.sentence}</p>
            </li>
          ))}
        </ul>
      )}
      {showPlan ? (
        <PlanView cause={cause.id} signature={cause.violationIds.join('\n')} />
      ) : (
        <p>
          <button type="button" className="small" onClick={() => setShowPlan(true)}>Show the plan</button>
        </p>
      )}
    </li>
  );
}
