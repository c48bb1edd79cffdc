import { describe, expect, it } from 'vitest';
import { regionHeadline } from '../../../shared/fleet/region-headline.ts';

const at = '2026-11-29T10:00:00.000Z';

describe('region headline', () => {
  it('names the field at fault when a region answers with invalid data', () => {
    expect(regionHeadline({ state: 'degraded', breaker: 'closed', lastError: { endpoint: 'GET /v1/fleet', kind: 'validation', message: 'x', path: ['instances', 2, 'version'], at } })).toBe(
      'invalid data at instances[2].version',
    );
  });

  it('keeps the real error next to "circuit open"', () => {
    expect(regionHeadline({ state: 'degraded', breaker: 'open', lastError: { endpoint: 'GET /v1/fleet', kind: 'limit', message: 'x', at } })).toBe('over a size limit · circuit open');
    expect(regionHeadline({ state: 'unreachable', breaker: 'open', lastError: { endpoint: 'GET /v1/fleet', kind: 'timeout', message: 'x', at } })).toBe('no answer (timeout) · circuit open');
  });

  it('says nothing for a connected region with a closed breaker, even with an old error on record', () => {
    expect(regionHeadline({ state: 'connected', breaker: 'closed', lastError: { endpoint: 'GET /v1/fleet', kind: 'http', message: 'x', at } })).toBeNull();
  });

  it('calls a slow answer slow', () => {
    expect(regionHeadline({ state: 'degraded', breaker: 'closed', lastError: { endpoint: 'GET /v1/fleet', message: 'slow endpoint: answered in 3.4 s', at } })).toBe('slow');
  });
});
