import { useState } from 'react';
import type { Violation } from '../../../../shared/compat/schemas.ts';
import { count, plural } from '../../lib/format.ts';
import { CauseCard } from './CauseCard.tsx';
import { PlanView } from './PlanView.tsx';
import { useCauses } from './use-causes.ts';
import './causes.css';

/** Plans are searched on the server: the first few open at once, the rest on demand. */
const PLANS_OPEN = 3;

/** The Violations screen's lead: the causes behind the current violations, each with its plan. */
export function CausesPanel({ violations }: { violations: readonly Violation[] }) {
  const causes = useCauses();
  const [fleetPlan, setFleetPlan] = useState(false);
  if (causes.isPending) return <p aria-busy="true">Finding causes…</p>;
  if (causes.isError) return <p role="alert">Could not find causes: {causes.error.message}</p>;
  const list = causes.data;
  if (list.causes.length === 0) return null;
  const byId = new Map(violations.map((v) => [v.id, v]));
  return (
    <section className="causes" aria-labelledby="causes-title">
      <h2 id="causes-title">Causes</h2>
      <p className="causes-summary" data-testid="causes-summary">
        <span className="cause-count">{plural(list.causes.length, 'cause')} · {plural(list.violations, 'violation')}</span>
        <span className="muted">{plural(list.instances, 'instance')} and {count(list.activeUsers)} active users touched, each counted once</span>
      </p>
      {list.causes.length > 1 && (
        <div className="fleet-plan">
          {fleetPlan ? (
            <PlanView cause={null} signature={list.causes.flatMap((c) => c.violationIds).join('\n')} />
          ) : (
            <button type="button" className="small" onClick={() => setFleetPlan(true)}>Plan for the whole fleet</button>
          )}
        </div>
      )}
      <ol className="cause-list">
        {list.causes.map((cause, i) => (
          <CauseCard
            key={cause.id}
            cause={cause}
            planOpen={i < PLANS_OPEN}
            violations={cause.violationIds.map((id) => byId.get(id)).filter((v): v is Violation => v !== undefined)}
          />
        ))}
      </ol>
    </section>
  );
}
