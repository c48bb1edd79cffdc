import { create } from 'zustand';
import type { ActionDraft } from '../../../shared/contract/actions.ts';

/** One opening of the confirmation dialog: what it proposes and the request id its run is sent with. */
export interface ActionDialogSession {
  /** Increments with each opening (the dialog's form is keyed on it, so each opening starts empty). */
  id: number;
  draft: ActionDraft;
  /**
   * Generated once when the dialog opens: a double submit of the same dialog runs the action once
   * (the main process answers the same request id with the first run's outcome).
   */
  requestId: string;
  reasonPrefill: string;
}

interface ActionDialogState {
  session: ActionDialogSession | null;
  open(draft: ActionDraft, options?: { reasonPrefill?: string }): void;
  close(): void;
}

let openings = 0;

export const useActionDialog = create<ActionDialogState>((set) => ({
  session: null,
  open(draft, options = {}) {
    openings += 1;
    set({ session: { id: openings, draft, requestId: crypto.randomUUID(), reasonPrefill: options.reasonPrefill ?? '' } });
  },
  close() {
    set({ session: null });
  },
}));
