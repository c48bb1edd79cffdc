import { useState } from 'react';
import type { SnapshotComparison, VersionCount } from '../../../shared/contract/index.ts';
import { useApiClient } from '../api/context.tsx';
import { useCall } from '../api/hooks.ts';
import { formatBytes } from '../components/snapshots/format-bytes.ts';
import '../components/snapshots/snapshots.css';
import { downloadText } from '../lib/download.ts';
import { plural } from '../lib/format.ts';
import { formatUtc } from '../lib/time.ts';

const LIVE = 'live';
const SIGNAL_ROWS = 200;

/** Two snapshots, or a snapshot and live: what changed between them, and a JSON export of it. */
export function CompareScreen() {
  const { api } = useApiClient();
  const files = useCall('snapshots.list', {});
  const info = useCall('snapshots.info', {}, { staleTime: Infinity });
  const showingSnapshot = Boolean(info.data);
  const [chosen, setChosen] = useState<string[]>([]);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const options = [...new Set([...chosen, ...(files.data ?? []).map((f) => f.file), ...(info.data ? [info.data.file] : [])])];
  const sizes = new Map((files.data ?? []).map((f) => [f.file, f.bytes]));
  const label = (file: string) => `${file.split(/[\\/]/).pop() ?? file}${sizes.has(file) ? ` (${formatBytes(sizes.get(file) ?? 0)})` : ''}`;
  const ready = a !== '' && b !== '' && a !== b;
  const comparison = useCall('snapshots.compare', { a, b }, { enabled: ready, staleTime: Infinity, retry: false });

  const browse = async (set: (file: string) => void) => {
    const picked = await api['snapshots.chooseFile']({ purpose: 'open' });
    if (picked.file) {
      setChosen((c) => [...c, picked.file as string]);
      set(picked.file);
    }
  };
  const hostInfo = useCall('app.info', {});
  const desktop = hostInfo.data?.host === 'electron';

  return (
    <section className="screen" aria-labelledby="compare-title">
      <header className="screen-header">
        <h1 id="compare-title">Compare snapshots</h1>
        {comparison.data && (
          <button type="button" onClick={() => downloadText(JSON.stringify(comparison.data, null, 2), exportName(comparison.data), 'application/json')}>
            Export JSON
          </button>
        )}
      </header>
      <div className="compare-pickers">
        <label>
          Earlier (A)
          <select aria-label="Snapshot A" value={a} onChange={(e) => setA(e.target.value)}>
            <option value="">Choose a snapshot…</option>
            {options.map((f) => (
              <option key={f} value={f}>{label(f)}</option>
            ))}
          </select>
        </label>
        {desktop && <button type="button" onClick={() => void browse(setA)}>Browse…</button>}
        <label>
          Later (B)
          <select aria-label="Snapshot B" value={b} onChange={(e) => setB(e.target.value)}>
            <option value="">Choose a snapshot…</option>
            {!showingSnapshot && <option value={LIVE}>Live console (now)</option>}
            {options.map((f) => (
              <option key={f} value={f}>{label(f)}</option>
            ))}
          </select>
        </label>
        {desktop && <button type="button" onClick={() => void browse(setB)}>Browse…</button>}
      </div>
      {files.data?.length === 0 && <p className="muted">No snapshots in the snapshots folder yet: take one (Ctrl+Shift+S) or browse for a file.</p>}
      {a !== '' && a === b && <p role="alert">Choose two different sides.</p>}
      {comparison.isFetching && <p aria-busy="true">Checking both files and comparing…</p>}
      {comparison.isError && <p role="alert" className="error-text">Could not compare: {comparison.error.message}</p>}
      {comparison.data && <ComparisonView c={comparison.data} />}
    </section>
  );
}

function exportName(c: SnapshotComparison): string {
  const stamp = (iso: string) => iso.replace(/[:.]/g, '-');
  return `compare-${stamp(c.a.takenAt)}-${c.b.file ? stamp(c.b.takenAt) : 'live'}.json`;
}

function ComparisonView({ c }: { c: SnapshotComparison }) {
  const signals = [...c.signals.deltas]
    .filter((d) => d.delta !== null && d.delta !== 0)
    .sort((x, y) => Math.abs(y.relativeDelta ?? 0) - Math.abs(x.relativeDelta ?? 0))
    .slice(0, SIGNAL_ROWS);
  return (
    <div className="comparison" data-testid="comparison">
      <div className="compare-sides">
        <span title={c.a.file ?? undefined}><strong>A</strong> {shortLabel(c.a.label)} · {formatUtc(c.a.takenAt)}</span>
        <span title={c.b.file ?? undefined}><strong>B</strong> {shortLabel(c.b.label)} · {formatUtc(c.b.takenAt)}</span>
      </div>
      <p className="summary-line" role="status">
        <span className={c.violations.appeared.length > 0 ? 'error-text' : undefined}>{plural(c.violations.appeared.length, 'violation')} appeared</span>
        {' · '}{c.violations.resolved.length} resolved · {plural(c.versions.length, 'version change')} · {plural(c.toggles.length, 'toggle change')} · {plural(c.regions.length, 'region')} changed state · {plural(c.audit.total, 'audit entry', 'audit entries')} between
      </p>
      <section className="compare-section" aria-label="Violations">
        <h2>Violations: {c.violations.appeared.length} appeared · {c.violations.resolved.length} resolved · {c.violations.unchanged} unchanged</h2>
        <ul className="compare-violations">
          {c.violations.appeared.map((v) => (
            <li key={`+${v.id}`} className="compare-appeared">appeared: {v.sentence}</li>
          ))}
          {c.violations.resolved.map((v) => (
            <li key={`-${v.id}`} className="compare-resolved">resolved: {v.sentence}</li>
          ))}
        </ul>
      </section>
      {c.regions.length > 0 && (
        <section className="compare-section" aria-label="Regions changed">
          <h2>Regions changed</h2>
          <ul>
            {c.regions.map((r) => (
              <li key={r.region}>{r.region}: {r.before ?? '—'} → {r.after ?? '—'}</li>
            ))}
          </ul>
        </section>
      )}
      <section className="compare-section" aria-label="Versions changed">
        <h2>Versions changed ({c.versions.length} component × region)</h2>
        {c.versions.length === 0 ? (
          <p className="muted">No live version changed.</p>
        ) : (
          <table className="data-table">
            <thead><tr><th>Region</th><th>Component</th><th>A</th><th>B</th></tr></thead>
            <tbody>
              {c.versions.map((v) => (
                <tr key={`${v.region}/${v.component}`} data-region={v.region} data-component={v.component}>
                  <td>{v.region}</td><td>{v.component}</td><td>{mix(v.before)}</td><td>{mix(v.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="compare-section" aria-label="Toggles changed">
        <h2>Toggles changed ({c.toggles.length})</h2>
        {c.toggles.length === 0 ? (
          <p className="muted">No toggle changed.</p>
        ) : (
          <table className="data-table">
            <thead><tr><th>Region</th><th>Toggle</th><th>A</th><th>B</th></tr></thead>
            <tbody>
              {c.toggles.map((t) => (
                <tr key={`${t.region}/${t.key}`}><td>{t.region}</td><td>{t.key}</td><td>{t.before ?? '—'}</td><td>{t.after ?? '—'}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="compare-section" aria-label="Signal deltas">
        <h2>Signal deltas per version (mean over the last {c.signals.windowSeconds} s before each side; {plural(signals.length, 'change')} shown, largest first)</h2>
        {signals.length === 0 ? (
          <p className="muted">No signal moved.</p>
        ) : (
          <table className="data-table">
            <thead><tr><th>Region</th><th>Component</th><th>Version</th><th>Signal</th><th>A</th><th>B</th><th>Δ</th><th>Δ %</th></tr></thead>
            <tbody>
              {signals.map((d) => (
                <tr key={`${d.region}/${d.component}/${d.version}/${d.signal}`}>
                  <td>{d.region}</td><td>{d.component}</td><td>{d.version}</td><td>{d.signal}</td>
                  <td>{num(d.before)}</td><td>{num(d.after)}</td>
                  <td className={(d.delta ?? 0) > 0 ? 'delta-up' : 'delta-down'}>{num(d.delta)}</td>
                  <td>{d.relativeDelta === null ? '—' : `${(d.relativeDelta * 100).toFixed(1)} %`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="compare-section" aria-label="Audit entries between">
        <h2>Audit entries between ({c.audit.total}{c.audit.total > c.audit.entries.length ? `, first ${c.audit.entries.length}` : ''})</h2>
        {c.audit.gap && <p className="snapshot-stale">{c.audit.gap}</p>}
        {c.audit.entries.length === 0 ? (
          <p className="muted">No audit entry between {formatUtc(c.audit.from)} and {formatUtc(c.audit.to)}.</p>
        ) : (
          <table className="data-table">
            <thead><tr><th>#</th><th>At (UTC)</th><th>Who</th><th>What</th><th>Region</th><th>Target</th><th>Outcome</th></tr></thead>
            <tbody>
              {c.audit.entries.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td><td>{formatUtc(e.at)}</td><td>{e.actorName || e.actorUser}</td><td>{e.kind} {e.action}</td>
                  <td>{e.region ?? '—'}</td><td>{e.target ?? '—'}</td><td>{e.outcome ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function shortLabel(label: string): string {
  return label.split(/[\\/]/).pop() ?? label;
}

function mix(versions: readonly VersionCount[]): string {
  return versions.length === 0 ? '—' : versions.map((v) => `${v.version} ×${v.instances}`).join(', ');
}

function num(value: number | null): string {
  if (value === null) return '—';
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}
