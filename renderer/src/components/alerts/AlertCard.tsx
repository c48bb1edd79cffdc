import { memo } from 'react';
import type { Alert, AlertRule, SuggestionStep } from '../../../../shared/contract/alerts.ts';
import type { ActionRequest } from '../../../../shared/protocol/index.ts';
import { actionVerb } from '../../lib/actions.ts';
import { formatAge, formatUtc } from '../../lib/time.ts';
import { useActionDialog } from '../../state/action-dialog.ts';
import { useUi } from '../../state/ui-store.ts';
import { useTelemetryUi } from '../telemetry/telemetry-ui.ts';
import { AcknowledgeForm } from './AcknowledgeForm.tsx';
import { EvidenceChart } from './EvidenceChart.tsx';
import { whatIfVerdict } from './what-if-text.ts';
import { useReadOnly } from '../snapshots/use-read-only.ts';

export const RULE_TEXT: Record<AlertRule, string> = {
  'error-vs-baseline': 'error ratio vs baseline',
  'error-threshold': 'error ratio threshold',
  'latency-threshold': 'latency threshold',
  'health-failing': 'functional health failing',
  'canary-fail': 'canary judged fail',
  'data-stale': 'region data stale',
  'slo-burn': 'SLO burn rate',
};

const STEP_TEXT: Record<SuggestionStep, string> = {
  'toggle-off': 'Turn off the toggle that gates the change',
  'rollback-component': 'Roll the component back one train',
  'rollback-schema': 'Roll the schema back',
  none: 'No first response to suggest',
};

/** One alert: what fired, where, since when, the evidence, and the first response it suggests. */
export const AlertCard = memo(function AlertCard({ alert, now }: { alert: Alert; now: Date }) {
  const where = [alert.region, alert.component, alert.version].filter((s): s is string => Boolean(s));
  return (
    <article
      className={`alert-card severity-${alert.severity} state-${alert.state}`}
      aria-labelledby={`alert-${alert.id}-title`}
      data-alert={alert.id}
      data-rule={alert.rule}
      data-severity={alert.severity}
      data-state={alert.state}
      data-region={alert.region}
      data-component={alert.component ?? ''}
      data-version={alert.version ?? ''}
    >
      <header className="alert-head">
        <span className={`badge severity-badge severity-${alert.severity}`}>{alert.severity}</span>
        <h3 id={`alert-${alert.id}-title`}>{alert.title}</h3>
        <span className={`badge alert-state state-${alert.state}`}>{alert.state}</span>
      </header>
      <dl className="alert-facts">
        <dt>Where</dt>
        <dd data-testid="alert-where">{where.map((w, i) => <span key={i}>{i > 0 && ' / '}{i === 2 ? <code>{w}</code> : w}</span>)}</dd>
        <dt>First seen</dt>
        <dd><time dateTime={alert.firstSeen}>{formatUtc(alert.firstSeen)}</time> <span className="muted">({formatAge(alert.firstSeen, now)})</span></dd>
        <dt>Last seen</dt>
        <dd><time dateTime={alert.lastSeen} title={formatUtc(alert.lastSeen)}>{formatAge(alert.lastSeen, now)}</time> <span className="muted">· rule: {RULE_TEXT[alert.rule]}</span></dd>
        {alert.acknowledged && (
          <>
            <dt>Acknowledged</dt>
            <dd>
              by {alert.acknowledged.by} at <time dateTime={alert.acknowledged.at}>{formatUtc(alert.acknowledged.at)}</time>
              {alert.acknowledged.note && <> — <q>{alert.acknowledged.note}</q></>}
            </dd>
          </>
        )}
        {alert.resolvedAt && (
          <>
            <dt>Resolved</dt>
            <dd><time dateTime={alert.resolvedAt}>{formatUtc(alert.resolvedAt)}</time> <span className="muted">({formatAge(alert.resolvedAt, now)})</span></dd>
          </>
        )}
      </dl>
      <div className="alert-body">
        {alert.evidence && (
          <section className="alert-evidence" aria-label="Evidence">
            <h4>Evidence</h4>
            <p>{alert.evidence.detail}</p>
            <EvidenceChart evidence={alert.evidence} />
          </section>
        )}
        {alert.suggestion && <SuggestionPanel alert={alert} />}
      </div>
      {alert.state === 'active' && (
        <footer className="alert-foot">
          <AcknowledgeForm alert={alert} />
        </footer>
      )}
    </article>
  );
});

/** The button names its target: "Turn off documents.streamed-upload", "Roll back to train 47". */
function suggestionLabel(action: ActionRequest): string {
  switch (action.type) {
    case 'toggle.set':
      return `${actionVerb(action)} ${action.key}`;
    case 'component.rollback':
      return `Roll back ${action.component} to train ${action.toTrain}`;
    case 'schema.rollback':
      return `Roll back ${action.databaseGroup} schema to train ${action.toTrain}`;
    default:
      return actionVerb(action);
  }
}

function SuggestionPanel({ alert }: { alert: Alert }) {
  const suggestion = alert.suggestion!;
  const openAction = useActionDialog((s) => s.open);
  const readOnly = useReadOnly();
  const navigate = useUi((s) => s.navigate);
  const setChartRegion = useTelemetryUi((s) => s.setChartRegion);
  const verdict = whatIfVerdict(suggestion.whatIf);
  const { action, component } = suggestion;
  return (
    <section className={`alert-suggestion step-${suggestion.step}`} aria-label="Suggested first response" data-step={suggestion.step}>
      <h4>Suggested first response</h4>
      <p className="suggestion-step">{STEP_TEXT[suggestion.step]}</p>
      <p className="suggestion-summary">{suggestion.summary}</p>
      {suggestion.step !== 'none' && (
        <div className={`suggestion-what-if tone-${verdict.tone}`} data-testid="suggestion-what-if">
          <strong>What-if:</strong> {verdict.text}
          {verdict.introduced.length > 0 && (
            <ul>{verdict.introduced.slice(0, 3).map((s, i) => <li key={i}>{s}</li>)}</ul>
          )}
        </div>
      )}
      <div className="suggestion-actions">
        {action && (
          <button
            type="button"
            className={verdict.tone === 'bad' ? 'small danger-outline' : 'small primary-button'}
            data-testid="suggestion-action"
            disabled={readOnly}
            title={suggestion.summary}
            onClick={() => openAction(action, { reasonPrefill: `Alert: ${alert.title}` })}
          >
            {suggestionLabel(action.action)}…
          </button>
        )}
        {component && (
          <button
            type="button"
            className="link"
            onClick={() => {
              setChartRegion(component, alert.region);
              navigate({ screen: 'component', component });
            }}
          >
            Open {component} →
          </button>
        )}
      </div>
    </section>
  );
}
