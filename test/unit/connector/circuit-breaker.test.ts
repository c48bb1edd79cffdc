import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../../electron/connector/circuit-breaker.ts';
import { fullJitterDelay } from '../../../electron/connector/backoff.ts';

describe('circuit breaker', () => {
  it('opens after the threshold, half-opens after the cooldown with one trial, closes on success', () => {
    let now = 0;
    const breaker = new CircuitBreaker(3, 1000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(breaker.allow()).toBe(true);
      breaker.failure();
    }
    expect(breaker.state).toBe('open');
    expect(breaker.allow()).toBe(false);
    now = 1000;
    expect(breaker.state).toBe('half-open');
    expect(breaker.allow()).toBe(true);
    expect(breaker.allow()).toBe(false); // one trial at a time
    breaker.success();
    expect(breaker.state).toBe('closed');
  });

  it('re-opens when the trial fails', () => {
    let now = 0;
    const breaker = new CircuitBreaker(1, 500, () => now);
    breaker.failure();
    now = 600;
    expect(breaker.allow()).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe('open');
  });
});

describe('full-jitter backoff', () => {
  it('stays within [0, min(cap, base·2^attempt)]', () => {
    expect(fullJitterDelay(0, 100, 5000, () => 0.999)).toBe(99);
    expect(fullJitterDelay(3, 100, 5000, () => 0.5)).toBe(400);
    expect(fullJitterDelay(10, 100, 5000, () => 0.999)).toBe(4995);
    expect(fullJitterDelay(10, 100, 5000, () => 0)).toBe(0);
  });
});

describe('circuit breaker: expedited trial', () => {
  it('lets one trial through before the cooldown ends, and stays open until it succeeds', () => {
    let now = 0;
    const breaker = new CircuitBreaker(1, 10_000, () => now);
    breaker.failure();
    now = 1_000;
    expect(breaker.allow()).toBe(false);
    breaker.expediteTrial();
    expect(breaker.state).toBe('half-open');
    expect(breaker.allow()).toBe(true);
    expect(breaker.allow()).toBe(false);
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.msUntilTrial()).toBe(10_000);
  });

  it('does nothing to a closed breaker', () => {
    const breaker = new CircuitBreaker(3, 10_000, () => 0);
    breaker.expediteTrial();
    expect(breaker.state).toBe('closed');
  });
});
