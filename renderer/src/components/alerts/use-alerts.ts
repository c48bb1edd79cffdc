import { keepPreviousData } from '@tanstack/react-query';
import type { CallInput } from '../../../../shared/contract/index.ts';
import { useCall } from '../../api/hooks.ts';

export type AlertFilter = NonNullable<CallInput<'alerts.list'>['state']>;

/**
 * Alert lists follow `alerts.changed` (see `useAlertsLive`): the event refetches them at once. The
 * interval only covers a lost event stream.
 */
const options = { refetchInterval: 30_000, staleTime: 10_000 } as const;

export function useAlerts(state: AlertFilter) {
  return useCall('alerts.list', { state, limit: 200 }, { ...options, placeholderData: keepPreviousData });
}

/** The counts (active, acknowledged, critical) for the overview and the status bar: one tiny list query shared by both. */
export function useAlertCounts() {
  const query = useCall('alerts.list', { state: 'active', limit: 1 }, options);
  return { counts: query.data?.counts, isError: query.isError, error: query.error };
}
