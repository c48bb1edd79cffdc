import { MAX_SNAPSHOT_UPLOAD_BYTES, SNAPSHOT_DOWNLOAD_PATH, SNAPSHOT_EXTENSION, SNAPSHOT_UPLOAD_PATH, type Api } from '../../../../shared/contract/index.ts';
import { useSnapshotTask } from './take-store.ts';

declare global {
  interface Window {
    /** Desktop only (preload): the path of a dropped or chosen file. */
    rccFiles?: { pathForFile(file: File): string };
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/**
 * Takes a snapshot: the desktop asks where with its save dialog (cancel = nothing happens); the web
 * host writes into its snapshots folder and the result offers the file for download.
 */
export async function takeSnapshot(api: Api): Promise<void> {
  const { task, set } = useSnapshotTask.getState();
  if (task.state === 'taking' || task.state === 'opening') return;
  try {
    const chosen = await api['snapshots.chooseFile']({ purpose: 'save' });
    if (chosen.supported && chosen.file === null) return;
    set({ state: 'taking', progress: null, cancelling: false });
    const taken = await api['snapshots.take'](chosen.file ? { file: chosen.file } : {});
    set({ state: 'taken', file: taken.file, bytes: taken.bytes, downloadName: chosen.supported ? null : baseName(taken.file) });
  } catch (error) {
    set({ state: 'failed', title: 'Snapshot not taken', message: errorText(error) });
  }
}

export async function cancelTake(api: Api): Promise<void> {
  const { task, set } = useSnapshotTask.getState();
  if (task.state !== 'taking') return;
  set({ ...task, cancelling: true });
  await api['snapshots.cancel']({}).catch(() => undefined);
}

/** Where the web host serves a snapshot of its folder (the per-run secret travels as the page's cookie). */
export const downloadUrl = (name: string) => `${SNAPSHOT_DOWNLOAD_PATH}${encodeURIComponent(name)}`;

/** Opens a snapshot by path; the console swaps to it and `snapshots.switched` reloads the page. */
export async function openSnapshotPath(api: Api, file: string): Promise<void> {
  const { set } = useSnapshotTask.getState();
  set({ state: 'opening', name: baseName(file) });
  try {
    await api['snapshots.open']({ file });
    window.location.reload();
  } catch (error) {
    set({ state: 'failed', title: `Snapshot ${baseName(file)} not opened`, message: errorText(error) });
  }
}

/** Opens a file the person chose or dropped: by its path on the desktop, uploaded (bounded) to the web host otherwise. */
export async function openSnapshotFile(api: Api, file: File): Promise<void> {
  const { set } = useSnapshotTask.getState();
  if (!file.name.toLowerCase().endsWith(SNAPSHOT_EXTENSION)) {
    set({ state: 'failed', title: `${file.name} not opened`, message: `Only ${SNAPSHOT_EXTENSION} files are snapshots.` });
    return;
  }
  if (window.rccFiles) return openSnapshotPath(api, window.rccFiles.pathForFile(file));
  if (file.size > MAX_SNAPSHOT_UPLOAD_BYTES) {
    set({ state: 'failed', title: `${file.name} not opened`, message: `The file is ${file.size} bytes; the web host takes snapshots up to ${MAX_SNAPSHOT_UPLOAD_BYTES} bytes.` });
    return;
  }
  set({ state: 'opening', name: file.name });
  try {
    const response = await fetch(SNAPSHOT_UPLOAD_PATH, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/octet-stream' }, body: file });
    const body = (await response.json().catch(() => null)) as { ok?: boolean; data?: { file?: string }; error?: { message?: string } } | null;
    if (!response.ok || !body?.ok || typeof body.data?.file !== 'string') throw new Error(body?.error?.message ?? `The web host refused the upload (HTTP ${response.status})`);
    await openSnapshotPath(api, body.data.file);
  } catch (error) {
    set({ state: 'failed', title: `Snapshot ${file.name} not opened`, message: errorText(error) });
  }
}

/** The desktop's open dialog; false when the host has none (the caller then offers a file input). */
export async function chooseAndOpen(api: Api): Promise<boolean> {
  const chosen = await api['snapshots.chooseFile']({ purpose: 'open' });
  if (!chosen.supported) return false;
  if (chosen.file) await openSnapshotPath(api, chosen.file);
  return true;
}

export async function backToLive(api: Api): Promise<void> {
  try {
    await api['snapshots.close']({});
    window.location.reload();
  } catch (error) {
    useSnapshotTask.getState().set({ state: 'failed', title: 'Still showing the snapshot', message: errorText(error) });
  }
}
