import type { SnapshotInfo } from '../../../../shared/contract/index.ts';
import { useApiClient } from '../../api/context.tsx';
import { useCall } from '../../api/hooks.ts';
import { formatUtc } from '../../lib/time.ts';
import { useUi } from '../../state/ui-store.ts';
import { backToLive } from './snapshot-actions.ts';

/** Shown on every screen while the console shows a snapshot: what, when (UTC), who, which regions were stale. */
export function SnapshotBanner() {
  const info = useCall('snapshots.info', {}, { staleTime: Infinity });
  if (!info.data) return null;
  return <Banner info={info.data} />;
}

function Banner({ info }: { info: SnapshotInfo }) {
  const { api } = useApiClient();
  const navigate = useUi((s) => s.navigate);
  const m = info.manifest;
  const who = m.takenBy.displayName ? `${m.takenBy.displayName} (${m.takenBy.user})` : m.takenBy.user;
  const stale = m.regions.filter((r) => r.stale);
  const name = info.file.split(/[\\/]/).pop() ?? info.file;
  return (
    <section className="snapshot-banner" role="region" aria-label="Snapshot (read-only)" data-snapshot-file={info.file}>
      <div className="snapshot-banner-text">
        <span>
          <strong>Snapshot, read-only</strong> — <span title={info.file}>{name}</span>
        </span>
        <span>
          taken <time dateTime={m.takenAt}>{formatUtc(m.takenAt)}</time> by {who} on {m.takenBy.workstation} · console v{m.consoleVersion}
        </span>
        <span className={stale.length > 0 ? 'snapshot-stale' : 'muted'} data-testid="snapshot-stale">
          {stale.length === 0
            ? `all ${m.regions.length} regions fresh at that time`
            : `stale then: ${stale.map((r) => `${r.name} (${r.state}${r.dataAgeSeconds !== null ? `, data ${Math.round(r.dataAgeSeconds)} s old` : ', no data'})`).join(', ')}`}
        </span>
        <span className="muted">Actions are disabled; nothing is sent to any region. Verified against its manifest {formatUtc(info.verifiedAt)}.</span>
      </div>
      <div className="snapshot-banner-actions">
        <button type="button" className="small" onClick={() => navigate({ screen: 'compare' })}>Compare…</button>
        <button type="button" className="small primary-button" onClick={() => void backToLive(api)}>Back to live</button>
      </div>
    </section>
  );
}
