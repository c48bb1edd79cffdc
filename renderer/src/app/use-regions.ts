import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { RegionStatus } from '../../../shared/contract/index.ts';
import { queryKey, useCall, useEvent } from '../api/hooks.ts';

/** Region statuses: fetched once, then kept current by the `regions.status` push event. */
export function useRegions() {
  const queryClient = useQueryClient();
  const onStatus = useCallback(
    (statuses: RegionStatus[]) => queryClient.setQueryData(queryKey('regions.list', {}), statuses),
    [queryClient],
  );
  useEvent('regions.status', onStatus);
  return useCall('regions.list', {}, { refetchInterval: 15_000 });
}
