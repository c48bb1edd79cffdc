import { useCall } from '../../api/hooks.ts';

/**
 * True while the console shows a snapshot (or before it has said it does not): every action button
 * is disabled then, so nothing can be started before `app.info` answers.
 */
export function useReadOnly(): boolean {
  const info = useCall('app.info', {}, { staleTime: Infinity });
  return info.data?.readOnly !== false;
}
