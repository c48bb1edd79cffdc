import { create } from 'zustand';
import type { SnapshotProgress } from '../../../../shared/contract/index.ts';

/** What the snapshot panel shows: a take in progress, its result, or an open that was refused. */
export type SnapshotTask =
  | { state: 'idle' }
  | { state: 'taking'; progress: SnapshotProgress | null; cancelling: boolean }
  | { state: 'taken'; file: string; bytes: number; downloadName: string | null }
  | { state: 'opening'; name: string }
  | { state: 'failed'; title: string; message: string };

interface SnapshotTaskState {
  task: SnapshotTask;
  set(task: SnapshotTask): void;
  progress(p: SnapshotProgress): void;
}

export const useSnapshotTask = create<SnapshotTaskState>((set, get) => ({
  task: { state: 'idle' },
  set: (task) => set({ task }),
  progress: (p) => {
    const task = get().task;
    if (task.state === 'taking') set({ task: { ...task, progress: p } });
  },
}));
