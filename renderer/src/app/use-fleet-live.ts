import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { CallName } from '../../../shared/contract/index.ts';
import { useEvent } from '../api/hooks.ts';

/** Fleet-derived queries are refetched when the main process reports fleet changes (already coalesced). */
export const FLEET_QUERIES: readonly CallName[] = ['fleet.summary', 'compat.verdict', 'compat.matrix', 'compat.component', 'toggles.list'];

export function useFleetLive(): void {
  const queryClient = useQueryClient();
  const onChanged = useCallback(() => {
    for (const name of FLEET_QUERIES) void queryClient.invalidateQueries({ queryKey: [name] });
  }, [queryClient]);
  useEvent('fleet.changed', onChanged);
}
