import { Fragment, useMemo, useState } from 'react';
import type { Toggle } from '../../../shared/protocol/index.ts';
import { useCall } from '../api/hooks.ts';
import { useFleetLive } from '../app/use-fleet-live.ts';
import { plural } from '../lib/format.ts';
import { useActionDialog } from '../state/action-dialog.ts';
import { ToggleHistory } from '../components/toggles/ToggleHistory.tsx';
import { useReadOnly } from '../components/snapshots/use-read-only.ts';

const STATES = ['all', 'on', 'off', 'dormant'] as const;
type StateFilter = (typeof STATES)[number];

/** Every region's toggles from its fleet state; a button turns one on or off through the confirmation. */
export function TogglesScreen() {
  useFleetLive();
  const toggles = useCall('toggles.list', {});
  const verdict = useCall('compat.verdict', {});
  const openAction = useActionDialog((s) => s.open);
  const readOnly = useReadOnly();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<StateFilter>('all');
  const [open, setOpen] = useState<string | null>(null);

  // A toggle on too early (rule: toggle minimum version), by region and key.
  const tooEarly = useMemo(() => {
    const map = new Map<string, string>();
    for (const v of verdict.data?.violations ?? []) {
      if (v.rule === 'toggle-min-version' && v.toggle) for (const r of v.regions) map.set(`${r}\u0000${v.toggle}`, v.sentence);
    }
    return map;
  }, [verdict.data]);

  const needle = query.trim().toLowerCase();
  const matches = (t: Toggle) =>
    (state === 'all' || t.state === state) &&
    (needle === '' || [t.key, t.description, t.environment, t.minVersion?.component ?? ''].some((s) => s.toLowerCase().includes(needle)));

  const data = toggles.data ?? [];
  const total = data.reduce((n, r) => n + r.toggles.length, 0);
  const shown = data.reduce((n, r) => n + r.toggles.filter(matches).length, 0);

  return (
    <section className="screen" aria-labelledby="toggles-title">
      <header className="screen-header">
        <h1 id="toggles-title">Toggles</h1>
      </header>
      <p className="muted summary-line">Kill switches per region, as each region reports them. Turning one on or off asks for a confirmation that shows what the change would break.</p>
      <div className="table-toolbar">
        <input type="search" placeholder="Filter: key, description, environment, component…" aria-label="Filter toggles" value={query} onChange={(e) => setQuery(e.target.value)} />
        <div className="segmented" role="group" aria-label="State">
          {STATES.map((s) => (
            <button key={s} type="button" aria-pressed={state === s} onClick={() => setState(s)}>{s}</button>
          ))}
        </div>
        <span className="muted" role="status">{shown} of {plural(total, 'toggle')}</span>
      </div>
      {toggles.isPending && <p aria-busy="true">Loading toggles…</p>}
      {toggles.isError && <p role="alert">Could not list toggles: {toggles.error.message}</p>}
      {data.map(({ region, toggles: list, source, problem }) => {
        const rows = list.filter(matches);
        const on = list.filter((t) => t.state === 'on').length;
        return (
          <section key={region.id} className="toggle-region" aria-label={`Toggles in ${region.name}`} data-region={region.id}>
            <h2>
              {region.name} <span className="muted">· {region.id} · {on} of {plural(list.length, 'toggle')} on · from {source === 'unleash' ? 'Unleash' : 'the region endpoint'}</span>
            </h2>
            {problem && <p className="error-text" role="status">The toggle source did not answer well; showing the last good list. {problem}</p>}
            {rows.length === 0 ? (
              <p className="muted">No toggle matches.</p>
            ) : (
              <table className="data-table toggles-table">
                <thead>
                  <tr><th>Key</th><th>Description</th><th>Environment</th><th>State</th><th>Minimum version</th><th><span className="visually-hidden">Action</span></th></tr>
                </thead>
                <tbody>
                  {rows.map((t) => {
                    const early = tooEarly.get(`${region.id}\u0000${t.key}`);
                    const next = t.state === 'on' ? 'off' : 'on';
                    const verb = next === 'on' ? 'Turn on' : 'Turn off';
                    const rowId = `${region.id}\u0000${t.key}`;
                    const expanded = open === rowId;
                    return (
                      <Fragment key={t.key}>
                      <tr data-toggle={t.key} data-state={t.state} data-status={early ? 'violation' : undefined}>
                        <td><code>{t.key}</code></td>
                        <td>{t.description}</td>
                        <td>{t.environment}</td>
                        <td><span className={`badge badge-toggle-${t.state}`}>{t.state}</span></td>
                        <td>
                          {t.minVersion ? (
                            <>
                              {t.minVersion.component} ≥ <code>{t.minVersion.version}</code>
                              {early && <span className="badge badge-status-violation toggle-early" title={early}>on too early</span>}
                            </>
                          ) : (
                            <span className="muted">none</span>
                          )}
                        </td>
                        <td className="row-actions">
                          <button
                            type="button"
                            className={next === 'off' ? 'small danger-outline' : 'small'}
                            aria-label={`${verb} ${t.key} in ${region.id}`}
                            disabled={readOnly}
                            onClick={() => openAction({ region: region.id, action: { type: 'toggle.set', key: t.key, state: next } })}
                          >
                            {verb}…
                          </button>
                          <button type="button" className="small" aria-expanded={expanded} aria-label={`History of ${t.key} in ${region.id}`} onClick={() => setOpen(expanded ? null : rowId)}>
                            History
                          </button>
                        </td>
                      </tr>
                      {expanded && (
                        <tr className="toggle-history-row">
                          <td colSpan={6}>
                            <ToggleHistory region={region.id} toggleKey={t.key} />
                          </td>
                        </tr>
                      )}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </section>
  );
}
