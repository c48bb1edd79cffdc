import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { callNames, calls, type AuditFilter, type AuditVerifyResult, type CallOutput } from '../../../shared/contract/index.ts';
import { useApiClient } from '../api/context.tsx';
import { useCall, useEvent } from '../api/hooks.ts';
import { AuditDetail } from '../components/audit/AuditDetail.tsx';
import { AuditTable } from '../components/audit/AuditTable.tsx';
import { ACTION_TYPES } from '../lib/actions.ts';
import { downloadText } from '../lib/download.ts';
import { count, plural } from '../lib/format.ts';
import { formatUtc } from '../lib/time.ts';
import { useNow } from '../lib/use-now.ts';

const PAGE_SIZE = 200;
const OUTCOMES = ['succeeded', 'failed', 'unknown'] as const;
const SETTING_CALLS = callNames.filter((name) => calls[name].kind === 'setting');
const RANGES = { any: 'Any time', '1h': 'Last hour', '24h': 'Last 24 hours', '7d': 'Last 7 days', custom: 'Custom range' } as const;
type Range = keyof typeof RANGES;
const RANGE_MS: Record<Exclude<Range, 'any' | 'custom'>, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 };

interface FilterForm {
  range: Range;
  /** `datetime-local` values (local time) for the custom range. */
  from: string;
  to: string;
  actor: string;
  region: string;
  action: string;
  outcome: string;
  text: string;
}
const EMPTY: FilterForm = { range: 'any', from: '', to: '', actor: '', region: '', action: '', outcome: '', text: '' };

/** The value after it has stopped changing for `ms` (typing in a search box queries once). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The contract filter for the form; relative ranges are anchored to the current minute. */
function toFilter(form: FilterForm, minute: number): AuditFilter {
  const filter: AuditFilter = {};
  if (form.range === 'custom') {
    const since = localToIso(form.from);
    const until = localToIso(form.to);
    if (since) filter.since = since;
    if (until) filter.until = until;
  } else if (form.range !== 'any') {
    filter.since = new Date(minute - RANGE_MS[form.range]).toISOString();
  }
  const actor = form.actor.trim();
  const text = form.text.trim();
  if (actor) filter.actor = actor;
  if (form.region) filter.region = form.region;
  if (form.action) filter.action = form.action;
  if (form.outcome) filter.outcome = form.outcome as AuditFilter['outcome'];
  if (text) filter.text = text;
  return filter;
}

export function AuditScreen({ initialSeq }: { initialSeq?: number }) {
  const { api } = useApiClient();
  const queryClient = useQueryClient();
  const regions = useCall('regions.list', {});
  const [form, setForm] = useState<FilterForm>(EMPTY);
  const [selected, setSelected] = useState<number | null>(initialSeq ?? null);
  const now = useNow(60_000);
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  const settledForm = useDebounced(form, 250);
  const filter = useMemo(() => toFilter(settledForm, minute), [settledForm, minute]);

  const audit = useInfiniteQuery({
    queryKey: ['audit.query', filter],
    queryFn: ({ pageParam }) => api['audit.query']({ ...filter, limit: PAGE_SIZE, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.entries.length, 0);
      return last.entries.length > 0 && loaded < last.total ? loaded : undefined;
    },
    placeholderData: keepPreviousData,
  });
  const onAppended = useCallback(() => void queryClient.invalidateQueries({ queryKey: ['audit.query'] }), [queryClient]);
  useEvent('audit.appended', onAppended);

  // Pages are offsets into a list that grows at the top: a row can arrive twice while pages refetch.
  const entries = useMemo(() => {
    const seen = new Set<number>();
    return (audit.data?.pages ?? []).flatMap((p) => p.entries).filter((e) => (seen.has(e.seq) ? false : (seen.add(e.seq), true)));
  }, [audit.data]);
  const first = audit.data?.pages[0];
  const total = first?.total ?? 0;
  const head = first?.head;

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = audit;
  const onNeedMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const verify = useMutation<AuditVerifyResult, Error>({ mutationFn: () => api['audit.verify']({}) });
  const exporter = useMutation<CallOutput<'audit.export'>, Error, 'csv' | 'jsonl'>({
    mutationFn: (format) => api['audit.export']({ filter, format }),
    onSuccess: (file) => downloadText(file.content, file.fileName, file.mimeType),
  });

  const entry = selected === null ? undefined : entries.find((e) => e.seq === selected);
  const linked = entry && entry.kind === 'intent' ? entries.filter((e) => e.intentSeq === entry.seq) : [];
  const intent = entry?.intentSeq != null ? entries.find((e) => e.seq === entry.intentSeq) : undefined;
  const update = <K extends keyof FilterForm>(key: K, value: FilterForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const filtered = JSON.stringify(form) !== JSON.stringify(EMPTY);

  return (
    <section className="screen audit-screen" aria-labelledby="audit-title">
      <header className="screen-header">
        <h1 id="audit-title">Audit</h1>
        <div className="toolbar-buttons">
          <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>{verify.isPending ? 'Verifying…' : 'Verify chain'}</button>
          <button type="button" onClick={() => exporter.mutate('csv')} disabled={exporter.isPending}>Export CSV</button>
          <button type="button" onClick={() => exporter.mutate('jsonl')} disabled={exporter.isPending}>Export JSONL</button>
        </div>
      </header>
      <VerifyResult result={verify.data} error={verify.error} />
      {exporter.isError && <p role="alert" className="action-alert">Export failed: {exporter.error.message}</p>}
      {exporter.isSuccess && <p role="status" className="muted" data-testid="export-done">Exported {exporter.data.fileName} (the filtered entries, with the chain head, its signature and the public key).</p>}

      <form className="audit-filters" role="search" aria-label="Filter audit entries" onSubmit={(e) => e.preventDefault()}>
        <label className="grow">
          Search
          <input type="search" aria-label="Search" placeholder="Reasons, targets, tickets, actors…" value={form.text} maxLength={200} onChange={(e) => update('text', e.target.value)} />
        </label>
        <label>
          Time
          <select aria-label="Time" value={form.range} onChange={(e) => update('range', e.target.value as Range)}>
            {Object.entries(RANGES).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
        </label>
        {form.range === 'custom' && (
          <>
            <label>From <input type="datetime-local" aria-label="From" value={form.from} onChange={(e) => update('from', e.target.value)} /></label>
            <label>To <input type="datetime-local" aria-label="To" value={form.to} onChange={(e) => update('to', e.target.value)} /></label>
          </>
        )}
        <label>
          Actor
          <input aria-label="Actor" value={form.actor} placeholder="user or name" maxLength={200} onChange={(e) => update('actor', e.target.value)} />
        </label>
        <label>
          Region
          <select aria-label="Region" value={form.region} onChange={(e) => update('region', e.target.value)}>
            <option value="">All</option>
            {(regions.data ?? []).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </select>
        </label>
        <label>
          Action
          <select aria-label="Action" value={form.action} onChange={(e) => update('action', e.target.value)}>
            <option value="">All</option>
            {[...ACTION_TYPES, ...SETTING_CALLS].map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </label>
        <label>
          Outcome
          <select aria-label="Outcome" value={form.outcome} onChange={(e) => update('outcome', e.target.value)}>
            <option value="">All</option>
            {OUTCOMES.map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => setForm(EMPTY)} disabled={!filtered}>Clear</button>
      </form>

      <p className="summary-line" role="status" data-testid="audit-summary">
        {audit.isPending ? 'Loading entries…' : `${plural(total, 'entry', 'entries')}${filtered ? ' match' : ''}`}
        {head && head.seq > 0 && <span className="muted"> · chain head #{head.seq} <code title={head.hash}>{head.hash.slice(0, 12)}…</code></span>}
        {entries.length < total && <span className="muted"> · {count(entries.length)} loaded (scroll for more)</span>}
      </p>
      {audit.isError && <p role="alert" className="action-alert">Could not read the audit trail: {audit.error.message}</p>}

      <div className="audit-layout">
        <AuditTable entries={entries} total={total} selected={selected} onSelect={setSelected} onNeedMore={onNeedMore} loadingMore={isFetchingNextPage} />
        <aside className="audit-side" aria-label="Entry detail">
          {entry ? (
            <AuditDetail entry={entry} linked={linked} intent={intent} onSelect={setSelected} />
          ) : (
            <p className="muted">{selected !== null && !audit.isPending ? `Entry #${selected} is not among the loaded entries (clear the filter or scroll).` : 'Select an entry to see every field, the before → after diff and its hashes.'}</p>
          )}
        </aside>
      </div>
    </section>
  );
}

function VerifyResult({ result, error }: { result: AuditVerifyResult | undefined; error: Error | null }) {
  if (error) return <p role="alert" className="verify-result verify-bad" data-testid="verify-result" data-ok="false">Could not verify: {error.message}</p>;
  if (!result) return null;
  const signature = { valid: 'the latest signed checkpoint verifies', invalid: 'the checkpoint signature does NOT verify (the file was rewritten)', none: 'no signed checkpoint yet' }[result.signature];
  return result.ok ? (
    <p role="status" className="verify-result verify-ok" data-testid="verify-result" data-ok="true">
      <strong>Chain intact.</strong> {plural(result.checked, 'entry', 'entries')} checked; head #{result.head.seq} <code title={result.head.hash}>{result.head.hash.slice(0, 16)}…</code>; {signature}.{' '}
      <span className="muted">Verified {formatUtc(result.verifiedAt)}.</span>
    </p>
  ) : (
    <p role="alert" className="verify-result verify-bad" data-testid="verify-result" data-ok="false">
      <strong>Chain broken{result.firstBad ? ` at entry #${result.firstBad.seq}` : ''}.</strong> {result.firstBad?.reason ?? ''} Signature: {signature}.{' '}
      <span className="muted">Verified {formatUtc(result.verifiedAt)}.</span>
    </p>
  );
}
