import type { ComponentDetail, DependencyRow } from '../../../shared/contract/compat.ts';
import { useCall } from '../api/hooks.ts';
import { useFleetLive } from '../app/use-fleet-live.ts';
import { RolloutActions } from '../components/actions/RolloutActions.tsx';
import { ComponentSignals } from '../components/telemetry/ComponentSignals.tsx';
import { BlockedBadge } from '../components/trains/BlockedBadge.tsx';
import { useBlockedTrains } from '../components/trains/use-blocked-trains.ts';
import { VersionHistoryChart } from '../components/VersionHistoryChart.tsx';
import { previousTrainRollback, trainLabel, trainNames } from '../lib/actions.ts';
import { count, plural } from '../lib/format.ts';
import { newestTrain, trainAgeClass } from '../lib/train-age.ts';
import { useNow } from '../lib/use-now.ts';
import { useActionDialog } from '../state/action-dialog.ts';
import { useUi } from '../state/ui-store.ts';
import { ViolationItem } from './ViolationsScreen.tsx';
import { useReadOnly } from '../components/snapshots/use-read-only.ts';

export function ComponentScreen({ componentId }: { componentId: string }) {
  useFleetLive();
  const detail = useCall('compat.component', { component: componentId });
  const now = useNow(5_000);
  const openAction = useActionDialog((s) => s.open);
  const blocked = useBlockedTrains();
  const readOnly = useReadOnly();
  if (detail.isPending) return <p aria-busy="true">Loading {componentId}…</p>;
  if (detail.isError) return <p role="alert">Could not load {componentId}: {detail.error.message}</p>;
  const d = detail.data;
  const newest = newestTrain(d.regions.flatMap((r) => r.mix.map((m) => m.train)));
  const names = trainNames(d.regions.map((r) => r.mix));
  return (
    <section className="screen component-screen" aria-labelledby="component-title">
      <header className="screen-header">
        <h1 id="component-title">
          {d.component.name} <span className="muted tier">{d.component.tier} · {d.component.id}</span>
        </h1>
        <span className={d.violations.length ? 'badge badge-status-violation' : 'badge badge-status-ok'}>
          {d.violations.length ? plural(d.violations.length, 'violation') : 'compliant'}
        </span>
      </header>

      {d.violations.length > 0 && (
        <section aria-label="Violations involving this component">
          <ul className="violation-list">{d.violations.map((v) => <ViolationItem key={v.id} violation={v} now={now} />)}</ul>
        </section>
      )}

      {d.exceptions.length > 0 && (
        <section aria-label="Declared exceptions involving this component" className="declared-exceptions">
          <h2>Declared exceptions <span className="muted">({d.exceptions.length}: beyond ±1, allowed by a declared range)</span></h2>
          <ul>{d.exceptions.map((e) => <li key={e.id} data-exception={e.id}>{e.sentence}</li>)}</ul>
        </section>
      )}

      <h2>Versions by region</h2>
      <table className="data-table" aria-label="Versions by region">
        <thead><tr><th>Region</th><th>Compliance</th><th>Trains live</th><th>Versions (instances · active users)</th><th><span className="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {d.regions.map((r) => {
            const rollback = previousTrainRollback(d.component.id, r.region.id, r.mix, names);
            return (
            <tr key={r.region.id} data-region={r.region.id} data-status={r.status}>
              <td>{r.region.name}</td>
              <td><span className={`badge badge-status-${r.status}`}>{r.mix.length === 0 ? 'not running' : r.status}</span></td>
              <td>{r.span === null ? '—' : `${r.span + 1} (span ${r.span})`}</td>
              <td>
                {r.mix.map((m) => (
                  <span key={m.version} className="version-chip">
                    <i className={`swatch ${trainAgeClass(m.train, newest)}`} aria-hidden="true" /> <code>{m.version}</code> {m.trainName} · {count(m.count)} · {count(m.activeUsers)} users
                    {blocked.byTrain.get(m.train) && <> <BlockedBadge train={blocked.byTrain.get(m.train)!} /></>}
                  </span>
                ))}
              </td>
              <td className="row-actions">
                {rollback && (
                  <button type="button" aria-label={rollback.label} title={rollback.label} disabled={readOnly} onClick={() => openAction(rollback.draft)}>
                    Roll back to {trainLabel(rollback.draft.action.type === 'component.rollback' ? rollback.draft.action.toTrain : 0, names)}…
                  </button>
                )}
              </td>
            </tr>
            );
          })}
        </tbody>
      </table>

      <ComponentSignals
        component={d.component.id}
        regions={d.regions.filter((r) => r.mix.length > 0).map((r) => r.region)}
        preferredRegion={d.rollouts.find((r) => r.rollout.state !== 'completed')?.region ?? null}
      />

      <h2>Live instances over time</h2>
      <VersionHistoryChart points={d.history} />

      <div className="two-col">
        <DependencyTable title="Calls" rows={d.calls} exceptions={d.exceptions} />
        <DependencyTable title="Called by" rows={d.calledBy} exceptions={d.exceptions} />
      </div>

      <h2>Database schemas</h2>
      <SchemaTable detail={d} names={names} />

      <h2>Rollouts</h2>
      {d.rollouts.length === 0 ? (
        <p className="muted">No rollouts of this component.</p>
      ) : (
        <table className="data-table" aria-label="Rollouts">
          <thead><tr><th>Region</th><th>From → to</th><th>State</th><th>Stages</th><th><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {d.rollouts.map(({ region, rollout }) => (
              <tr key={rollout.id} data-rollout={rollout.id}>
                <td>{region}</td>
                <td>
                  <code>{rollout.fromVersion}</code> → <code>{rollout.toVersion}</code>
                  {blocked.ofVersion(rollout.component, rollout.toVersion) && <> <BlockedBadge train={blocked.ofVersion(rollout.component, rollout.toVersion)!} /></>}
                </td>
                <td><span className={`badge badge-rollout-${rollout.state}`}>{rollout.state}</span></td>
                <td>
                  <ol className="stages">
                    {rollout.stages.map((s, i) => (
                      <li key={s.name} className={`stage stage-${s.state}`} aria-current={i === rollout.currentStage ? 'step' : undefined}>
                        {s.name} <span className="muted">{s.canaryPercent}%</span>
                      </li>
                    ))}
                  </ol>
                </td>
                <td className="row-actions">
                  <RolloutActions region={region} rollout={rollout} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function DependencyTable({ title, rows, exceptions }: { title: string; rows: DependencyRow[]; exceptions: ComponentDetail['exceptions'] }) {
  const navigate = useUi((s) => s.navigate);
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="data-table">
          <thead><tr><th>Component</th><th>Kind</th><th>Max gap</th><th>Skew</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.component.id} data-status={r.status}>
                <td><button type="button" className="link" onClick={() => navigate({ screen: 'component', component: r.component.id })}>{r.component.name}</button></td>
                <td>{r.kind}{r.crossRegion ? ' · cross-region' : ''}</td>
                <td>{r.maxGap === null ? '—' : `${r.maxGap} train${r.maxGap === 1 ? '' : 's'}`}</td>
                <td><StatusBadge status={r.status} exceptionIds={r.exceptionIds} exceptions={exceptions} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A row's skew status; a declared exception says so and names itself on hover. */
function StatusBadge({ status, exceptionIds, exceptions }: { status: DependencyRow['status']; exceptionIds: readonly string[]; exceptions: ComponentDetail['exceptions'] }) {
  if (status !== 'exception') return <span className={`badge badge-status-${status}`}>{status}</span>;
  const sentences = exceptions.filter((e) => exceptionIds.includes(e.id)).map((e) => e.sentence);
  return (
    <span className="badge badge-status-exception" title={sentences.join('\n')}>
      declared exception
    </span>
  );
}

function SchemaTable({ detail, names }: { detail: ComponentDetail; names: ReadonlyMap<number, string> }) {
  const openAction = useActionDialog((s) => s.open);
  const readOnly = useReadOnly();
  if (detail.schemas.length === 0) return <p className="muted">This component uses no database group.</p>;
  return (
    <table className="data-table" aria-label="Database schemas against instance trains">
      <thead><tr><th>Region</th><th>Database group</th><th>Schema trains (databases)</th><th>Instance trains</th><th>Schema skew</th><th><span className="visually-hidden">Actions</span></th></tr></thead>
      <tbody>
        {detail.schemas.map((s) => {
          // Schemas ahead of what the oldest live instance can use (k+1): offer to bring them back to k+1.
          const oldestInstance = s.instances.length ? Math.min(...s.instances.map((b) => b.train)) : null;
          const newestSchema = s.schema.length ? Math.max(...s.schema.map((b) => b.train)) : null;
          const toTrain = oldestInstance === null ? null : oldestInstance + 1;
          const rollback = toTrain !== null && newestSchema !== null && newestSchema > toTrain ? toTrain : null;
          return (
          <tr key={`${s.region}/${s.group.id}`} data-status={s.status}>
            <td>{s.region}</td>
            <td>{s.group.name}</td>
            <td>{s.schema.map((b) => <span key={b.train} className="version-chip">{b.trainName} · {count(b.count)}{b.migrating > 0 && <span className="muted"> ({count(b.migrating)} migrating)</span>}</span>)}</td>
            <td>{s.instances.map((b) => <span key={b.train} className="version-chip">{b.trainName} · {count(b.count)}</span>)}</td>
            <td><StatusBadge status={s.status} exceptionIds={s.exceptionIds} exceptions={detail.exceptions} /></td>
            <td className="row-actions">
              {rollback !== null && (
                <button
                  type="button"
                  className="small"
                  disabled={readOnly}
                  aria-label={`Roll back the schema of ${s.group.id} in ${s.region} to ${trainLabel(rollback, names)}`}
                  onClick={() => openAction({ region: s.region, action: { type: 'schema.rollback', databaseGroup: s.group.id, toTrain: rollback } })}
                >
                  Roll back schema…
                </button>
              )}
            </td>
          </tr>
          );
        })}
      </tbody>
    </table>
  );
}
