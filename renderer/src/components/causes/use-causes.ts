import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useCall, useEvent } from '../../api/hooks.ts';

/** The current causes, asked again whenever the main process reports fleet changes (already coalesced). */
export function useCauses() {
  const causes = useCall('compat.causes', {});
  const queryClient = useQueryClient();
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: ['compat.causes'] }), [queryClient]);
  useEvent('fleet.changed', refresh);
  return causes;
}
