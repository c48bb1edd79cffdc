import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { CallName, CallOutput, EventPayload } from '../../../shared/contract/index.ts';
import { useEvent } from '../api/hooks.ts';
import { notifyNewCritical } from '../lib/notify.ts';
import { useUi } from '../state/ui-store.ts';

/** Fleet-derived queries are refetched when the main process reports fleet changes (already coalesced). */
export const FLEET_QUERIES: readonly CallName[] = ['fleet.summary', 'compat.verdict', 'compat.matrix', 'compat.component', 'toggles.list', 'trains.blocked'];

export function useFleetLive(): void {
  const queryClient = useQueryClient();
  const onChanged = useCallback(() => {
    for (const name of FLEET_QUERIES) void queryClient.invalidateQueries({ queryKey: [name] });
  }, [queryClient]);
  useEvent('fleet.changed', onChanged);
}

/**
 * `alerts.changed` updates every alert count on screen at once (from the event's counts), refetches
 * the alert lists, and shows a desktop notification for a new critical alert where permitted.
 * Mounted once, by the always-present status bar.
 */
export function useAlertsLive(): void {
  const queryClient = useQueryClient();
  const navigate = useUi((s) => s.navigate);
  const onChanged = useCallback(
    ({ counts, changed }: EventPayload<'alerts.changed'>) => {
      queryClient.setQueriesData<CallOutput<'alerts.list'>>({ queryKey: ['alerts.list'] }, (old) => (old ? { ...old, counts } : old));
      void queryClient.invalidateQueries({ queryKey: ['alerts.list'] });
      notifyNewCritical(changed, () => navigate({ screen: 'alerts' }));
    },
    [queryClient, navigate],
  );
  useEvent('alerts.changed', onChanged);
}
