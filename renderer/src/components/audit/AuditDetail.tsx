import type { ReactNode } from 'react';
import type { AuditEntryView } from '../../../../shared/contract/audit.ts';
import { jsonDiff } from '../../lib/json-diff.ts';
import { formatUtc } from '../../lib/time.ts';

interface Props {
  entry: AuditEntryView;
  /** The outcomes of an intent, among the entries loaded. */
  linked: AuditEntryView[];
  /** The intent of an outcome, when it is loaded: its reason and ticket are shown with the outcome. */
  intent?: AuditEntryView;
  onSelect(seq: number): void;
}

/** Every field of one audit entry, the before → after diff, and its place in the hash chain. */
export function AuditDetail({ entry: e, linked, intent, onSelect }: Props) {
  const diff = jsonDiff(e.before, e.after);
  const text = (value: string | null) => (value === null || value === '' ? <span className="muted">—</span> : value);
  // An outcome carries no reason or ticket of its own: show its intent's, marked as such.
  const fromIntent = (own: string | null, inherited: string | null | undefined) =>
    own === null && intent && inherited ? <>{inherited} <span className="muted">(intent #{intent.seq})</span></> : text(own);
  return (
    <article className="audit-detail" aria-labelledby="audit-detail-title" data-seq={e.seq}>
      <h2 id="audit-detail-title">
        Entry #{e.seq} <span className={`kind kind-${e.kind}`}>{e.kind}</span> <code>{e.action}</code>
      </h2>
      {e.breakGlass && <p className="break-glass-note"><strong>Break-glass:</strong> ticket and cooldown were skipped.</p>}
      <dl className="facts audit-facts">
        <Fact label="Time">{formatUtc(e.at)} <span className="muted">({e.at})</span></Fact>
        <Fact label="Actor">{e.actorName && e.actorName !== e.actorUser ? <>{e.actorName} <span className="muted">({e.actorUser})</span></> : e.actorUser}</Fact>
        <Fact label="Workstation">{e.workstation}</Fact>
        <Fact label="Action"><code>{e.action}</code></Fact>
        <Fact label="Region">{text(e.region)}</Fact>
        <Fact label="Target">{text(e.target)}</Fact>
        <Fact label="Reason">{fromIntent(e.reason, intent?.reason)}</Fact>
        <Fact label="Ticket">{fromIntent(e.ticket, intent?.ticket)}</Fact>
        <Fact label="Break-glass">{e.breakGlass ? <strong className="error-text">yes</strong> : 'no'}</Fact>
        <Fact label="Override">{e.override ? <span className="error-text">{e.override}</span> : <span className="muted">none</span>}</Fact>
        <Fact label="Outcome">{e.outcome ? <span className={`badge badge-outcome-${e.outcome}`}>{e.outcome}</span> : <span className="muted">{e.kind === 'intent' ? 'see the outcome entry' : '—'}</span>}</Fact>
        <Fact label="Response">{text(e.response)}</Fact>
        <Fact label="Idempotency key">{e.idempotencyKey ? <code>{e.idempotencyKey}</code> : <span className="muted">—</span>}</Fact>
        <Fact label="Intent">{e.intentSeq !== null ? <button type="button" className="link" onClick={() => onSelect(e.intentSeq!)}>#{e.intentSeq}</button> : <span className="muted">—</span>}</Fact>
        {linked.length > 0 && (
          <Fact label={e.kind === 'intent' ? 'Outcomes' : 'Linked'}>
            {linked.map((l) => (
              <button key={l.seq} type="button" className="link linked-entry" onClick={() => onSelect(l.seq)}>
                #{l.seq} {l.outcome ?? l.kind}
              </button>
            ))}
          </Fact>
        )}
        <Fact label="Console version">{e.consoleVersion}</Fact>
      </dl>

      <h3>Before → after</h3>
      {diff.length === 0 ? (
        <p className="muted">No before or after state recorded.</p>
      ) : (
        <table className="data-table diff-table" aria-label="Before and after">
          <thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead>
          <tbody>
            {diff.map((row) => (
              <tr key={row.path || '(value)'} className={`diff-${row.kind}`} data-kind={row.kind}>
                <td><code>{row.path || '(value)'}</code></td>
                <td>{row.before === undefined ? <span className="muted">—</span> : <code className="diff-old">{row.before}</code>}</td>
                <td>{row.after === undefined ? <span className="muted">—</span> : <code className="diff-new">{row.after}</code>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {e.whatIf !== null && (
        <>
          <h3>What-if at the time</h3>
          <WhatIf value={e.whatIf} />
        </>
      )}

      <h3>Hash chain</h3>
      <dl className="facts hash-facts">
        <Fact label="Hash"><code className="hash" data-testid="entry-hash">{e.hash}</code></Fact>
        <Fact label="Previous hash"><code className="hash">{e.prevHash}</code></Fact>
      </dl>
    </article>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The intent's what-if summary: lists of sentences when it has them, otherwise the JSON as recorded. */
function WhatIf({ value }: { value: unknown }) {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const list = (key: string) => (Array.isArray(record[key]) ? (record[key] as unknown[]).map(String) : null);
    const introduced = list('introduced');
    const resolved = list('resolved');
    if (introduced && resolved) {
      return (
        <div className="audit-what-if">
          {introduced.length === 0 ? <p className="ok-text">Introduced no violation.</p> : (
            <ul className="tone-bad">{introduced.map((s) => <li key={s}><strong>Introduced:</strong> {s}</li>)}</ul>
          )}
          {resolved.length > 0 && <ul className="tone-good">{resolved.map((s) => <li key={s}><strong>Resolved:</strong> {s}</li>)}</ul>}
          {typeof record.unchanged === 'number' && <p className="muted">{record.unchanged} violation(s) unchanged.</p>}
        </div>
      );
    }
  }
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}
