import type { RegionStatus } from '../contract/regions.ts';
import { formatPath } from '../zod-issues.ts';

/**
 * One short line saying why a region is not connected, for its card and the status bar:
 * "invalid data at instances[2].version", "no answer (timeout)", "limit broken"… with
 * "circuit open" appended while the breaker holds calls back. Null when there is nothing to say.
 */
export function regionHeadline(status: Pick<RegionStatus, 'state' | 'breaker' | 'lastError'>): string | null {
  const parts: string[] = [];
  const error = status.lastError;
  if (status.state !== 'connected' && error) {
    switch (error.kind) {
      case 'validation':
        parts.push(error.path?.length ? `invalid data at ${formatPath(error.path)}` : 'invalid data');
        break;
      case 'limit':
        parts.push('over a size limit');
        break;
      case 'protocol':
        parts.push('broken response');
        break;
      case 'http':
        parts.push('error status');
        break;
      case 'timeout':
        parts.push('no answer (timeout)');
        break;
      case 'network':
        parts.push('no answer (connection failed)');
        break;
      case undefined:
        parts.push('slow');
        break;
    }
  }
  if (status.breaker !== 'closed') parts.push(status.breaker === 'open' ? 'circuit open' : 'circuit half-open: trying');
  return parts.length > 0 ? parts.join(' · ') : null;
}
