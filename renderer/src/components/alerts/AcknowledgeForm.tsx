import { useId, useState, type FormEvent } from 'react';
import type { Alert } from '../../../../shared/contract/alerts.ts';
import { useCallMutation } from '../../api/hooks.ts';
import { useReadOnly } from '../snapshots/use-read-only.ts';

/** Acknowledge with an optional note (recorded in the audit trail); the alert resolves by itself when the condition clears. */
export function AcknowledgeForm({ alert }: { alert: Alert }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const acknowledge = useCallMutation('alerts.acknowledge', ['alerts.list']);
  const noteId = useId();
  const readOnly = useReadOnly();

  if (!open) {
    return (
      <button type="button" className="small" aria-label={`Acknowledge: ${alert.title}`} disabled={readOnly} onClick={() => setOpen(true)}>
        Acknowledge…
      </button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = note.trim();
    acknowledge.mutate({ id: alert.id, ...(trimmed ? { note: trimmed } : {}) }, { onSuccess: () => setOpen(false) });
  };
  return (
    <form className="ack-form" onSubmit={submit} aria-label={`Acknowledge ${alert.title}`}>
      <label htmlFor={noteId}>Note <span className="muted">(optional, kept in the audit trail)</span></label>
      <textarea id={noteId} rows={2} maxLength={1_000} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Looking into it; toggle off pending approval" autoFocus />
      <div className="ack-actions">
        <button type="submit" className="small primary-button" disabled={acknowledge.isPending}>{acknowledge.isPending ? 'Acknowledging…' : 'Acknowledge'}</button>
        <button type="button" className="small" onClick={() => setOpen(false)}>Cancel</button>
        {acknowledge.isError && <span className="error-text" role="alert">Not acknowledged: {acknowledge.error.message}</span>}
      </div>
    </form>
  );
}
