import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Violation } from '../../../../shared/compat/schemas.ts';
import type { ActionOutcome, ActionPreview, ApiErrorBody, RunActionInput } from '../../../../shared/contract/index.ts';
import { ApiError } from '../../api/api-error.ts';
import { useApiClient } from '../../api/context.tsx';
import { useCall, useEvent } from '../../api/hooks.ts';
import { FLEET_QUERIES } from '../../app/use-fleet-live.ts';
import { actionVerb, describeJson } from '../../lib/actions.ts';
import { count, plural, RULE_LABELS } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import { useActionDialog, type ActionDialogSession } from '../../state/action-dialog.ts';
import { useUi } from '../../state/ui-store.ts';
import { useReadOnly } from '../snapshots/use-read-only.ts';

/**
 * The confirmation every action goes through, in a native modal `<dialog>` (focus stays inside,
 * the page behind is inert, Escape closes). It shows the main process's preview — impact, what-if
 * verdict, what policy asks — and runs the action once per opening (one request id).
 */
export function ActionDialog() {
  // A snapshot is read-only: the confirmation never opens over one (its buttons are disabled too).
  const session = useActionDialog((s) => s.session);
  const readOnly = useReadOnly();
  const close = useActionDialog((s) => s.close);
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (session && readOnly) close();
    else if (session && !dialog.open) {
      dialog.showModal();
      focusInitial(dialog);
    } else if (!session && dialog.open) dialog.close();
  }, [session, readOnly, close]);

  return (
    <dialog ref={dialogRef} className="action-dialog" aria-labelledby="action-dialog-title" onClose={close}>
      {session && !readOnly && <ActionForm key={session.id} session={session} onClose={close} />}
    </dialog>
  );
}

/** Focuses the element marked `data-initial-focus` (the reason field, or Close once there is an outcome). */
function focusInitial(root: HTMLElement | null): void {
  const dialog = root?.closest('dialog');
  if (!dialog?.open) return;
  dialog.querySelector<HTMLElement>('[data-initial-focus]')?.focus();
}

type Field = 'reason' | 'ticket' | 'typedConfirmation' | 'override' | 'breakGlass';
type FieldErrors = Partial<Record<Field, string>>;
const FIELDS: readonly Field[] = ['reason', 'ticket', 'typedConfirmation', 'override', 'breakGlass'];

/** The field an API error names (`error.path[0]`), when it is one of the form's. */
function fieldOf(body: ApiErrorBody): Field | null {
  const head = body.path?.[0];
  return typeof head === 'string' && (FIELDS as readonly string[]).includes(head) ? (head as Field) : null;
}

/**
 * Kinds the main process answers before anything is sent (bad input, policy, a blocked what-if,
 * an unavailable audit store): the corrected form may go out under a new request id. After any
 * other failure (the transport, an answer that does not parse) the action may have run, so the
 * request id stays and a retry can only get the first run's outcome.
 */
const REFUSED_BEFORE_SENDING = new Set<ApiErrorBody['kind']>(['invalid-input', 'conflict', 'forbidden', 'not-found', 'unauthorized', 'audit-unavailable']);

interface Values {
  reason: string;
  ticket: string;
  typedConfirmation: string;
  justification: string;
  breakGlass: boolean;
}

function validate(values: Values, preview: ActionPreview, cooldownLeft: number): { fields: FieldErrors; form: string | null } {
  const { policy } = preview;
  const fields: FieldErrors = {};
  const reason = values.reason.trim();
  if (reason.length < 5) fields.reason = 'Give a reason of a few words (at least 5 characters).';
  const ticket = values.ticket.trim();
  if (!values.breakGlass) {
    if (policy.ticketRequired && ticket === '') fields.ticket = 'Policy asks for a change ticket.';
    else if (ticket !== '' && policy.ticketPattern && !new RegExp(policy.ticketPattern).test(ticket)) {
      fields.ticket = `The ticket does not match the pattern ${policy.ticketPattern}.`;
    }
  }
  if (policy.typedConfirmation !== null && values.typedConfirmation !== policy.typedConfirmation) {
    fields.typedConfirmation = `Type ${policy.typedConfirmation} exactly to confirm.`;
  }
  if (preview.blocked && values.justification.trim().length < 10) {
    fields.override = 'Justify the override in a sentence (at least 10 characters).';
  }
  const form = cooldownLeft > 0 && !values.breakGlass ? `Cooldown: ${cooldownLeft} s left before another action on ${preview.impact.target} (or use break-glass).` : null;
  return { fields, form };
}

function ActionForm({ session, onClose }: { session: ActionDialogSession; onClose(): void }) {
  const { api } = useApiClient();
  const queryClient = useQueryClient();
  const navigate = useUi((s) => s.navigate);
  const ids = useId();
  const [values, setValues] = useState<Values>({ reason: session.reasonPrefill, ticket: '', typedConfirmation: '', justification: '', breakGlass: false });
  const [showErrors, setShowErrors] = useState(false);
  const [requestId, setRequestId] = useState(session.requestId);
  const [serverField, setServerField] = useState<{ field: Field; message: string } | null>(null);
  const fieldRefs = useRef<Partial<Record<Field, HTMLInputElement | HTMLTextAreaElement | null>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  // A field to focus once the form is enabled again (after a refused run).
  const [focusField, setFocusField] = useState<Field | null>(null);

  const run = useMutation<ActionOutcome, Error, RunActionInput>({
    mutationFn: (input) => api['actions.run'](input),
    onSuccess: async () => {
      await Promise.all([...FLEET_QUERIES, 'audit.query'].map((name) => queryClient.invalidateQueries({ queryKey: [name] })));
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const field = fieldOf(error.body);
      if (field) {
        setServerField({ field, message: error.body.message });
        setFocusField(field);
      }
      if (REFUSED_BEFORE_SENDING.has(error.body.kind)) setRequestId(crypto.randomUUID());
    },
  });
  const outcome = run.data;

  // The preview follows the fleet until the action is sent; then it stays as it was confirmed.
  const frozen = run.isPending || outcome !== undefined;
  const preview = useCall('actions.preview', session.draft, { staleTime: 0, enabled: !frozen });
  const onFleetChanged = useCallback(() => {
    if (!frozen) void queryClient.invalidateQueries({ queryKey: ['actions.preview'] });
  }, [frozen, queryClient]);
  useEvent('fleet.changed', onFleetChanged);

  const hasPreview = preview.data !== undefined;
  const hasOutcome = outcome !== undefined;
  useEffect(() => {
    if (hasPreview || hasOutcome) focusInitial(formRef.current);
  }, [hasPreview, hasOutcome]);
  useEffect(() => {
    if (focusField && !run.isPending) {
      fieldRefs.current[focusField]?.focus();
      setFocusField(null);
    }
  }, [focusField, run.isPending]);

  const now = useNow(1000);
  const p = preview.data;
  // The preview's cooldown counts down from when it was fetched (never up: the clock tick may predate the fetch).
  const sinceFetch = Math.max(0, now.getTime() - preview.dataUpdatedAt) / 1000;
  const cooldownLeft = p && p.cooldownRemainingSeconds > 0 ? Math.max(0, Math.ceil(p.cooldownRemainingSeconds - sinceFetch)) : 0;
  const checked = p ? validate(values, p, cooldownLeft) : { fields: {}, form: null };
  const errorOf = (field: Field): string | undefined => (showErrors ? checked.fields[field] : undefined) ?? (serverField?.field === field ? serverField.message : undefined);

  const set = <K extends keyof Values>(key: K, value: Values[K], field: Field) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (serverField?.field === field) setServerField(null);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!p || p.unavailable || run.isPending || outcome) return;
    setShowErrors(true);
    const first = FIELDS.find((f) => checked.fields[f]);
    if (first) {
      fieldRefs.current[first]?.focus();
      return;
    }
    if (checked.form) return;
    const ticket = values.ticket.trim();
    run.mutate({
      ...session.draft,
      requestId,
      reason: values.reason.trim(),
      ...(ticket ? { ticket } : {}),
      ...(p.policy.typedConfirmation !== null ? { typedConfirmation: values.typedConfirmation } : {}),
      ...(p.blocked ? { override: { justification: values.justification.trim() } } : {}),
      ...(values.breakGlass ? { breakGlass: true } : {}),
    });
  };

  const title = p ? p.impact.summary : actionVerb(session.draft.action);
  const runLabel = `${p?.blocked ? 'Override and run' : actionVerb(session.draft.action)}${values.breakGlass ? ' (break-glass)' : ''}`;
  const disabled = !p || p.unavailable !== null || run.isPending || (checked.form !== null && !values.breakGlass);

  return (
    <form ref={formRef} className="action-form" onSubmit={onSubmit} noValidate aria-busy={preview.isPending}>
      <header className="action-header">
        <h2 id="action-dialog-title">{title}</h2>
        <button type="button" className="icon-button" aria-label="Close dialog" title="Close (Esc)" onClick={onClose}>✕</button>
      </header>
      <div className="action-body">
        {preview.isPending && <p aria-busy="true">Judging the action on the current fleet state…</p>}
        {preview.isError && !p && (
          <p role="alert" className="action-alert">Cannot preview this action: {preview.error.message}</p>
        )}
        {p && <PreviewFacts preview={p} cooldownLeft={cooldownLeft} />}
        {p?.unavailable && (
          <p role="alert" className="action-alert" data-testid="action-unavailable">
            <strong>Cannot run now.</strong> {p.unavailable}
          </p>
        )}

        {outcome ? (
          <OutcomePanel outcome={outcome} onAudit={() => { onClose(); navigate({ screen: 'audit', seq: outcome.intentSeq }); }} />
        ) : (
          p && (
            <fieldset className="action-fields" disabled={run.isPending}>
              <legend className="visually-hidden">Confirmation</legend>
              <FieldRow id={`${ids}-reason`} label="Reason" hint="Mandatory; recorded in the audit trail." error={errorOf('reason')}>
                <textarea
                  id={`${ids}-reason`}
                  ref={(el) => { fieldRefs.current.reason = el; }}
                  rows={2}
                  maxLength={2000}
                  required
                  data-initial-focus
                  value={values.reason}
                  aria-invalid={errorOf('reason') ? true : undefined}
                  aria-describedby={`${ids}-reason-note`}
                  onChange={(e) => set('reason', e.target.value, 'reason')}
                />
              </FieldRow>
              {p.blocked && (
                <FieldRow
                  id={`${ids}-override`}
                  label="Override justification"
                  hint={
                    p.blockedTrain && p.whatIf.introduced.length === 0
                      ? `Train ${p.blockedTrain.trainName} is blocked by a failed gate. Resuming its rollout runs only with an explicit override, recorded with your justification.`
                      : 'The what-if says this action introduces a violation. It runs only with an explicit override, recorded with your justification.'
                  }
                  error={errorOf('override')}
                  danger
                >
                  <textarea
                    id={`${ids}-override`}
                    ref={(el) => { fieldRefs.current.override = el; }}
                    rows={2}
                    maxLength={2000}
                    value={values.justification}
                    aria-invalid={errorOf('override') ? true : undefined}
                    aria-describedby={`${ids}-override-note`}
                    onChange={(e) => set('justification', e.target.value, 'override')}
                  />
                </FieldRow>
              )}
              {(p.policy.ticketRequired || p.policy.ticketPattern) && (
                <FieldRow
                  id={`${ids}-ticket`}
                  label={`Change ticket${p.policy.ticketRequired && !values.breakGlass ? '' : ' (optional)'}`}
                  hint={p.policy.ticketPattern ? <>Pattern <code>{p.policy.ticketPattern}</code>, e.g. <code>CHG-1234</code>.</> : undefined}
                  error={errorOf('ticket')}
                >
                  <input
                    id={`${ids}-ticket`}
                    ref={(el) => { fieldRefs.current.ticket = el; }}
                    value={values.ticket}
                    maxLength={100}
                    autoComplete="off"
                    spellCheck={false}
                    aria-invalid={errorOf('ticket') ? true : undefined}
                    aria-describedby={`${ids}-ticket-note`}
                    onChange={(e) => set('ticket', e.target.value, 'ticket')}
                  />
                </FieldRow>
              )}
              {p.policy.typedConfirmation !== null && (
                <FieldRow
                  id={`${ids}-typed`}
                  label={<>Type <code className="typed-target">{p.policy.typedConfirmation}</code> to confirm</>}
                  hint="Production change: policy asks for the target's name."
                  error={errorOf('typedConfirmation')}
                >
                  <input
                    id={`${ids}-typed`}
                    ref={(el) => { fieldRefs.current.typedConfirmation = el; }}
                    value={values.typedConfirmation}
                    autoComplete="off"
                    spellCheck={false}
                    aria-invalid={errorOf('typedConfirmation') ? true : undefined}
                    aria-describedby={`${ids}-typed-note`}
                    onChange={(e) => set('typedConfirmation', e.target.value, 'typedConfirmation')}
                  />
                </FieldRow>
              )}
              {p.policy.breakGlassAllowed && (
                <div className={`break-glass${values.breakGlass ? ' checked' : ''}${errorOf('breakGlass') ? ' invalid' : ''}`}>
                  <label>
                    <input
                      type="checkbox"
                      ref={(el) => { fieldRefs.current.breakGlass = el; }}
                      checked={values.breakGlass}
                      aria-describedby={`${ids}-bg-note`}
                      onChange={(e) => set('breakGlass', e.target.checked, 'breakGlass')}
                    />{' '}
                    <strong>Break glass</strong>
                  </label>
                  <p id={`${ids}-bg-note`} className="note">
                    Skips the change ticket and the cooldown. Your reason is still mandatory, and the entry is marked <strong>break-glass</strong> in the audit trail.
                    {errorOf('breakGlass') && <span className="field-error"> {errorOf('breakGlass')}</span>}
                  </p>
                </div>
              )}
            </fieldset>
          )
        )}
        {!outcome && checked.form && <p role="status" className="action-warning" data-testid="action-cooldown">{checked.form}</p>}
        {!outcome && run.isError && !(run.error instanceof ApiError && fieldOf(run.error.body) && serverField) && (
          <p role="alert" className="action-alert" data-testid="action-error">
            {run.error.message}
          </p>
        )}
      </div>
      <footer className="action-footer">
        {outcome ? (
          <button type="button" onClick={onClose} data-initial-focus>Close</button>
        ) : (
          <>
            <button type="button" onClick={onClose}>Cancel</button>
            <button type="submit" className={p?.blocked || values.breakGlass ? 'danger-button' : 'primary-button'} disabled={disabled}>
              {run.isPending ? 'Running…' : runLabel}
            </button>
          </>
        )}
      </footer>
    </form>
  );
}

function FieldRow({ id, label, hint, error, danger, children }: { id: string; label: ReactNode; hint?: ReactNode; error?: string; danger?: boolean; children: ReactNode }) {
  return (
    <div className={`field${error ? ' invalid' : ''}${danger ? ' danger' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      <p id={`${id}-note`} className="note">
        {error && <span className="field-error">{error}</span>} {hint}
      </p>
    </div>
  );
}

function PreviewFacts({ preview: p, cooldownLeft }: { preview: ActionPreview; cooldownLeft: number }) {
  const { impact, whatIf, policy } = p;
  return (
    <>
      <dl className="action-facts">
        <dt>Region</dt>
        <dd>{p.draft.region}</dd>
        <dt>Target</dt>
        <dd><code>{impact.target}</code> <span className="muted">({impact.targetKind})</span></dd>
        <dt>Touches</dt>
        <dd data-testid="action-touches">
          <strong>{plural(impact.instances, 'instance')}</strong> · <strong>{count(impact.activeUsers)}</strong> active {impact.activeUsers === 1 ? 'user' : 'users'}
        </dd>
        <dt>Change</dt>
        <dd className="before-after">
          <code>{describeJson(impact.before)}</code> <span aria-label="becomes">→</span> <code>{describeJson(impact.after)}</code>
        </dd>
      </dl>

      <section className={`what-if${p.blocked ? ' blocked' : ''}`} aria-label="What-if verdict" data-testid="what-if">
        <h3>What-if verdict</h3>
        {p.blockedTrain && (
          <p className="verdict error-text" data-testid="blocked-train">
            <strong>Blocked train:</strong> {p.blockedTrain.trainName} has a failed gate ({p.blockedTrain.reasons.join('; ')}). Resuming its rollout runs only with an override.
          </p>
        )}
        {whatIf.introduced.length > 0 ? (
          <p className="verdict error-text"><strong>Blocked:</strong> this action would introduce {plural(whatIf.introduced.length, 'violation')}. It runs only with an override.</p>
        ) : p.blockedTrain ? (
          <p className="verdict muted">The what-if introduces no violation.</p>
        ) : whatIf.ok ? (
          <p className="verdict ok-text">Introduces no violation.</p>
        ) : (
          <p className="verdict warn-text">Introduces no violation the engine could judge — but it could not judge everything (below).</p>
        )}
        {!whatIf.ok && (
          <p className="muted">Part of the fleet could not be judged ({plural(whatIf.errors.length, 'input error')}): {whatIf.errors.slice(0, 3).map((e) => `${e.region}: ${e.field} — ${e.message}`).join('; ')}</p>
        )}
        <ViolationList title="Introduced" tone="bad" list={whatIf.introduced} testId="introduced" />
        <ViolationList title="Resolved" tone="good" list={whatIf.resolved} testId="resolved" />
        {whatIf.unchanged.length > 0 && (
          <details className="unchanged">
            <summary>{plural(whatIf.unchanged.length, 'violation')} unchanged</summary>
            <ViolationList title="Unchanged" tone="muted" list={whatIf.unchanged} testId="unchanged" />
          </details>
        )}
      </section>

      <section className="policy" aria-label="What policy asks">
        <h3>Policy asks</h3>
        <ul>
          <li>a reason</li>
          <li>
            {policy.ticketRequired ? 'a change ticket' : 'no change ticket'}
            {policy.ticketPattern && <> matching <code>{policy.ticketPattern}</code></>}
          </li>
          <li>{policy.typedConfirmation !== null ? <>typing <code>{policy.typedConfirmation}</code></> : 'no typed confirmation'}</li>
          <li data-testid="cooldown">
            {policy.cooldownSeconds} s between actions on this target:{' '}
            {cooldownLeft > 0 ? <strong className="warn-text">{cooldownLeft} s left</strong> : <span className="ok-text">none left</span>}
          </li>
          <li>break-glass {policy.breakGlassAllowed ? 'allowed' : 'not allowed'}</li>
        </ul>
      </section>
    </>
  );
}

function ViolationList({ title, tone, list, testId }: { title: string; tone: 'bad' | 'good' | 'muted'; list: Violation[]; testId: string }) {
  if (list.length === 0) return null;
  return (
    <div className={`what-if-group tone-${tone}`} data-testid={testId}>
      <h4>{title} ({list.length})</h4>
      <ul>
        {list.map((v) => (
          <li key={v.id}>
            <span className="rule">{RULE_LABELS[v.rule] ?? v.rule}</span> {v.sentence}
          </li>
        ))}
      </ul>
    </div>
  );
}

function OutcomePanel({ outcome, onAudit }: { outcome: ActionOutcome; onAudit(): void }) {
  const heading = outcome.outcome === 'succeeded' ? 'Succeeded' : outcome.outcome === 'failed' ? 'Failed' : 'Outcome unknown';
  return (
    <section className={`outcome outcome-${outcome.outcome}`} role="status" aria-label="Outcome" data-testid="action-outcome" data-outcome={outcome.outcome}>
      <h3>{heading}</h3>
      <p>{outcome.message}</p>
      <dl className="action-facts">
        <dt>Audit</dt>
        <dd>
          intent <strong data-testid="intent-seq">#{outcome.intentSeq}</strong> · outcome{' '}
          <strong data-testid="outcome-seq">{outcome.outcomeSeq === null ? 'pending (to be reconciled)' : `#${outcome.outcomeSeq}`}</strong>{' '}
          <button type="button" className="link" onClick={onAudit}>Show in Audit</button>
        </dd>
        <dt>Idempotency key</dt>
        <dd><code>{outcome.idempotencyKey}</code></dd>
        {outcome.revision !== null && (
          <>
            <dt>Revision</dt>
            <dd>{outcome.revision} <span className="muted">(the fleet view follows from the change stream)</span></dd>
          </>
        )}
      </dl>
    </section>
  );
}
