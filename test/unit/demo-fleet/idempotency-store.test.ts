import { describe, expect, it } from 'vitest';
import type { ActionRequest, ActionResult } from '../../../shared/protocol/index.ts';
import { fingerprint, IDEMPOTENCY_KEY, IdempotencyStore } from '../../../demo-fleet/server/idempotency.ts';

const pause: ActionRequest = { type: 'rollout.pause', rolloutId: 'us-east.search.2026.46' };
const result = (key: string): ActionResult => ({
  key,
  request: pause,
  status: 'succeeded',
  message: 'paused',
  acceptedAt: '2026-11-23T15:00:00.000Z',
  revision: 12,
});

describe('IdempotencyStore', () => {
  it('admits a new key, reports it in flight, then replays its result', () => {
    const store = new IdempotencyStore();
    expect(store.admit('key-0001', pause)).toEqual({ kind: 'new' });
    expect(store.admit('key-0001', pause)).toEqual({ kind: 'in-flight' });
    expect(store.lookup('key-0001')).toEqual({ state: 'processing' });
    store.complete('key-0001', result('key-0001'));
    expect(store.admit('key-0001', pause)).toEqual({ kind: 'replay', result: result('key-0001') });
    expect(store.lookup('key-0001')).toEqual({ state: 'done', result: result('key-0001') });
  });

  it('refuses the same key for a different request, even while in flight', () => {
    const store = new IdempotencyStore();
    store.admit('key-0002', pause);
    expect(store.admit('key-0002', { ...pause, type: 'rollout.abort' })).toEqual({ kind: 'mismatch' });
  });

  it('frees a key whose request failed before producing a result', () => {
    const store = new IdempotencyStore();
    store.admit('key-0003', pause);
    store.abandon('key-0003');
    expect(store.admit('key-0003', pause)).toEqual({ kind: 'new' });
  });

  it('fences a key looked up before its request arrived: "never received" stays true', () => {
    const store = new IdempotencyStore();
    expect(store.lookup('late-0001')).toBeUndefined();
    expect(store.admit('late-0001', pause)).toEqual({ kind: 'fenced' });
    expect(store.lookup('late-0001')).toBeUndefined();
    // A key that did arrive is not fenced by its lookup.
    store.admit('key-0004', pause);
    expect(store.lookup('key-0004')).toEqual({ state: 'processing' });
    expect(store.admit('key-0004', pause)).toEqual({ kind: 'in-flight' });
  });

  it('forgets the oldest finished keys beyond its capacity, never one in flight', () => {
    const store = new IdempotencyStore(2);
    store.admit('inflight-1', pause);
    for (const key of ['done-0001', 'done-0002', 'done-0003']) {
      store.admit(key, pause);
      store.complete(key, result(key));
    }
    expect(store.lookup('inflight-1')).toEqual({ state: 'processing' });
    expect(store.lookup('done-0001')).toBeUndefined();
    expect(store.lookup('done-0003')?.state).toBe('done');
  });

  it('fingerprints ignore key order', () => {
    expect(fingerprint({ type: 'toggle.set', key: 'a', state: 'on' })).toBe(fingerprint({ state: 'on', key: 'a', type: 'toggle.set' } as ActionRequest));
  });

  it('accepts keys of 8–128 visible ASCII characters only', () => {
    expect(IDEMPOTENCY_KEY.test('1234567')).toBe(false);
    expect(IDEMPOTENCY_KEY.test('12345678')).toBe(true);
    expect(IDEMPOTENCY_KEY.test('x'.repeat(128))).toBe(true);
    expect(IDEMPOTENCY_KEY.test('x'.repeat(129))).toBe(false);
    expect(IDEMPOTENCY_KEY.test('has space')).toBe(false);
  });
});
