import { useCallback, useEffect, useRef } from 'react';
import { SNAPSHOT_EXTENSION } from '../../../../shared/contract/index.ts';
import { useApiClient } from '../../api/context.tsx';
import { useCall, useEvent } from '../../api/hooks.ts';
import { describe } from '../../app/shortcuts.ts';
import { chooseAndOpen, openSnapshotFile, takeSnapshot } from './snapshot-actions.ts';
import { SnapshotPanel } from './SnapshotPanel.tsx';
import { useSnapshotTask } from './take-store.ts';
import './snapshots.css';

export const TAKE_SHORTCUT = { key: 's', mod: true, shift: true } as const;

/** The id of the hidden file input the palette's "Open snapshot…" clicks on the web host. */
export const OPEN_INPUT_ID = 'snapshot-open-input';

/**
 * The sidebar's snapshot buttons (take, open), the progress / result panel, and the window's drop
 * target for `.rccsnap` files. Reloads the page when the console switches to a snapshot or back.
 */
export function SnapshotControls() {
  const { api } = useApiClient();
  const info = useCall('snapshots.info', {}, { staleTime: Infinity });
  const task = useSnapshotTask((s) => s.task);
  const onProgress = useSnapshotTask((s) => s.progress);
  const input = useRef<HTMLInputElement>(null);
  useEvent('snapshots.progress', onProgress);
  useEvent('snapshots.switched', useCallback(() => window.location.reload(), []));
  useSnapshotDrop();

  const busy = task.state === 'taking' || task.state === 'opening';
  const showing = info.data !== null && info.data !== undefined;
  const open = async () => {
    if (!(await chooseAndOpen(api))) input.current?.click();
  };
  return (
    <div className="snapshot-controls">
      <button type="button" className="nav-item" disabled={busy || showing || info.data === undefined} onClick={() => void takeSnapshot(api)} title={showing ? 'Take snapshots from the live console' : 'Write everything shown now to one file'}>
        <span>Take snapshot</span>
        <kbd>{describe(TAKE_SHORTCUT)}</kbd>
      </button>
      <button type="button" className="nav-item" disabled={busy} onClick={() => void open()}>
        <span>Open snapshot…</span>
      </button>
      <input
        ref={input}
        id={OPEN_INPUT_ID}
        type="file"
        accept={SNAPSHOT_EXTENSION}
        hidden
        aria-label="Snapshot file to open"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void openSnapshotFile(api, file);
        }}
      />
      <SnapshotPanel task={task} />
    </div>
  );
}

/** A `.rccsnap` dropped anywhere on the window opens (other drops keep the browser's default: nothing). */
function useSnapshotDrop(): void {
  const { api } = useApiClient();
  useEffect(() => {
    const isFileDrag = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
    const onOver = (event: DragEvent) => {
      if (!isFileDrag(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!isFileDrag(event)) return;
      event.preventDefault();
      const file = event.dataTransfer?.files[0];
      if (file) void openSnapshotFile(api, file);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [api]);
}
