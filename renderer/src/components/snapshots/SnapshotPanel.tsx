import { assertNever } from '../../../../shared/assert-never.ts';
import { useApiClient } from '../../api/context.tsx';
import { formatBytes } from './format-bytes.ts';
import { cancelTake, downloadUrl } from './snapshot-actions.ts';
import { useSnapshotTask, type SnapshotTask } from './take-store.ts';

const PHASES: Record<string, string> = {
  fleet: 'Fleet, verdict, toggles, alerts',
  telemetry: 'Telemetry window',
  audit: 'Audit chain',
  hashing: 'Hashing tables',
  syncing: 'Writing to disk',
  done: 'Done',
};

/** The floating panel of a take (progress, cancel, where the file is) or of a refused open. */
export function SnapshotPanel({ task }: { task: SnapshotTask }) {
  const { api } = useApiClient();
  const dismiss = () => useSnapshotTask.getState().set({ state: 'idle' });
  switch (task.state) {
    case 'idle':
      return null;
    case 'taking': {
      const p = task.progress;
      return (
        <div className="snapshot-panel" role="status" aria-label="Snapshot">
          <strong>Taking snapshot…</strong>
          <span>{p ? `${PHASES[p.phase] ?? p.phase} · ${p.done}/${p.total}` : 'Starting'}</span>
          <progress max={p?.total || 1} value={p?.done ?? 0} aria-label="Snapshot progress" />
          <button type="button" className="small" disabled={task.cancelling} onClick={() => void cancelTake(api)}>
            {task.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      );
    }
    case 'opening':
      return (
        <div className="snapshot-panel" role="status" aria-label="Snapshot">
          <strong>Opening {task.name}…</strong>
          <span className="muted">Checking it against its manifest</span>
        </div>
      );
    case 'taken':
      return (
        <div className="snapshot-panel" role="status" aria-label="Snapshot">
          <strong>Snapshot taken</strong>
          <code className="snapshot-path" data-testid="snapshot-file">{task.file}</code>
          <span className="muted">{formatBytes(task.bytes)}</span>
          <div className="snapshot-panel-actions">
            {task.downloadName && (
              <a className="button-link" href={downloadUrl(task.downloadName)} download={task.downloadName}>
                Download
              </a>
            )}
            <button type="button" className="small" onClick={dismiss}>Dismiss</button>
          </div>
        </div>
      );
    case 'failed':
      return (
        <div className="snapshot-panel snapshot-panel-failed" role="alert" aria-label="Snapshot">
          <strong>{task.title}</strong>
          <span className="snapshot-message">{task.message}</span>
          <button type="button" className="small" onClick={dismiss}>Dismiss</button>
        </div>
      );
    default:
      return assertNever(task, 'snapshot task');
  }
}
