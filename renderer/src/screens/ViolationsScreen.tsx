import type { Violation } from '../../../shared/compat/schemas.ts';
import { useCall } from '../api/hooks.ts';
import { CausesPanel } from '../components/causes/CausesPanel.tsx';
import { useFleetLive } from '../app/use-fleet-live.ts';
import { suggestedAction } from '../lib/actions.ts';
import { count, plural, RULE_LABELS } from '../lib/format.ts';
import { formatAge, formatUtc } from '../lib/time.ts';
import { useNow } from '../lib/use-now.ts';
import { useActionDialog } from '../state/action-dialog.ts';
import { useUi } from '../state/ui-store.ts';
import { useReadOnly } from '../components/snapshots/use-read-only.ts';

const RULES = ['version-window', 'peer-skew', 'schema-skew', 'toggle-min-version'] as const;

export function ViolationsScreen() {
  useFleetLive();
  const verdict = useCall('compat.verdict', {});
  const now = useNow(5_000);
  const data = verdict.data;
  return (
    <section className="screen" aria-labelledby="violations-title">
      <h1 id="violations-title">Violations</h1>
      {verdict.isPending && <p aria-busy="true">Evaluating compatibility…</p>}
      {verdict.isError && <p role="alert">Could not evaluate: {verdict.error.message}</p>}
      {data && (
        <>
          <p className="summary-line" role="status">
            {data.violations.length === 0 ? (
              <span className="ok-text">The fleet honours +1/−1 compatibility in every evaluated region.</span>
            ) : (
              <span className="error-text">{plural(data.violations.length, 'violation')}</span>
            )}{' '}
            <span className="muted">· evaluated {data.regions.length} regions</span>
          </p>
          {data.errors.length > 0 && (
            <section className="card input-errors" aria-label="Input errors">
              <h2>Data the rules cannot judge ({data.errors.length})</h2>
              <p className="muted">These regions' states reference versions or trains they do not define. Affected regions: {data.excludedRegions.join(', ') || 'none excluded'}.</p>
              <ul>
                {data.errors.slice(0, 20).map((e, i) => (
                  <li key={i}><code>{e.region}: {e.field}</code> — {e.message}</li>
                ))}
              </ul>
            </section>
          )}
          {data.violations.length > 0 && <CausesPanel violations={data.violations} />}
          {RULES.map((rule) => {
            const list = data.violations.filter((v) => v.rule === rule);
            if (list.length === 0) return null;
            const regions = [...new Set(list.flatMap((v) => v.regions))].sort();
            return (
              <section key={rule} className="rule-group" aria-label={RULE_LABELS[rule]}>
                <h2>{RULE_LABELS[rule]} <span className="muted">({list.length})</span></h2>
                {regions.map((region) => (
                  <div key={region} className="region-group">
                    <h3>{region}</h3>
                    <ul className="violation-list">
                      {list.filter((v) => v.regions[0] === region).map((v) => <ViolationItem key={v.id} violation={v} now={now} />)}
                    </ul>
                  </div>
                ))}
              </section>
            );
          })}
        </>
      )}
    </section>
  );
}

export function ViolationItem({ violation: v, now }: { violation: Violation; now: Date }) {
  const navigate = useUi((s) => s.navigate);
  const openAction = useActionDialog((s) => s.open);
  const readOnly = useReadOnly();
  const suggestion = suggestedAction(v);
  return (
    <li className="violation" data-rule={v.rule} data-violation={v.id}>
      <p className="sentence">{v.sentence}</p>
      <p className="muted impact">
        {plural(v.instances, 'instance')} · {count(v.activeUsers)} active users
        {v.databases > 0 && <> · {plural(v.databases, 'database')}</>} · first seen <time dateTime={v.firstSeen} title={formatUtc(v.firstSeen)}>{formatAge(v.firstSeen, now)}</time> ({formatUtc(v.firstSeen)})
      </p>
      <p className="links">
        {v.components.map((c) => (
          <button key={c} type="button" className="link" onClick={() => navigate({ screen: 'component', component: c })}>
            {c}
          </button>
        ))}
        {suggestion && (
          <button
            type="button"
            className="small suggested-action"
            disabled={readOnly}
            title="Opens the confirmation: its what-if says whether this resolves the violation"
            onClick={() => openAction(suggestion.draft, { reasonPrefill: `Resolve: ${v.sentence}`.slice(0, 2000) })}
          >
            Suggested: {suggestion.label}…
          </button>
        )}
      </p>
    </li>
  );
}
