import { describe, expect, it } from 'vitest';
import type { TelemetryRequest, TelemetryResult, TelemetrySource } from '../../../electron/common/telemetry-source.ts';
import { alignedWindow, estimateBytes, TelemetryCache } from '../../../electron/services/telemetry-cache.ts';

/** A source that counts its queries and answers each with its number and `pointsPerAnswer` points (or fails on request). */
function countingSource(region = 'us-east', pointsPerAnswer = 0) {
  const calls: TelemetryRequest[] = [];
  let fail = false;
  const source: TelemetrySource = {
    kind: 'native',
    regionId: region,
    describe: (r) => `${r.signal}|${r.component ?? '*'}|${r.stepSeconds}`,
    async query(r): Promise<TelemetryResult> {
      calls.push(r);
      if (fail) throw new Error('down');
      const points = Array.from({ length: pointsPerAnswer }, (_, i): [number, number] => [r.from + i, i / 2]);
      return { series: [{ component: 'c', version: String(calls.length), signal: r.signal, points }], warnings: [] };
    },
  };
  return { source, calls, failNext: (f: boolean) => (fail = f) };
}

const req: TelemetryRequest = { signal: 'error_rate', from: 0, to: 60, stepSeconds: 15 };

describe('TelemetryCache', () => {
  it('answers the same question within its lifetime from the cache, and asks again after', async () => {
    let now = 1_000;
    const cache = new TelemetryCache({ maxEntries: 10 }, () => now);
    const { source, calls } = countingSource();
    const a = await cache.query(source, req, 5_000);
    const b = await cache.query(source, req, 5_000);
    expect(b).toBe(a);
    expect(calls).toHaveLength(1);
    now += 5_001;
    await cache.query(source, req, 5_000);
    expect(calls).toHaveLength(2);
  });

  it('shares one request between concurrent identical queries; different windows, regions or signals are different questions', async () => {
    const cache = new TelemetryCache();
    const { source, calls } = countingSource();
    const other = countingSource('eu-west');
    await Promise.all([cache.query(source, req, 1_000), cache.query(source, req, 1_000), cache.query(source, req, 1_000)]);
    expect(calls).toHaveLength(1);
    await cache.query(source, { ...req, to: 75 }, 1_000);
    await cache.query(source, { ...req, signal: 'health' }, 1_000);
    await cache.query(other.source, req, 1_000);
    expect(calls).toHaveLength(3);
    expect(other.calls).toHaveLength(1);
  });

  it('with a lifetime of 0, shares the answer while it is in flight and does not keep it', async () => {
    const cache = new TelemetryCache();
    const { source, calls } = countingSource('us-east', 10);
    const [a, b] = await Promise.all([cache.query(source, req, 0), cache.query(source, req, 0)]);
    expect(b).toBe(a);
    expect(calls).toHaveLength(1);
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
    await cache.query(source, req, 0);
    expect(calls).toHaveLength(2);
  });

  it('does not keep failures', async () => {
    const cache = new TelemetryCache();
    const s = countingSource();
    s.failNext(true);
    await expect(cache.query(s.source, req, 60_000)).rejects.toThrow('down');
    s.failNext(false);
    await expect(cache.query(s.source, req, 60_000)).resolves.toMatchObject({ warnings: [] });
    expect(s.calls).toHaveLength(2);
    expect(cache.size).toBe(1);
  });

  it('holds at most maxEntries, dropping the least recently used', async () => {
    const cache = new TelemetryCache({ maxEntries: 3 });
    const { source, calls } = countingSource();
    for (let i = 0; i < 3; i++) await cache.query(source, { ...req, to: i }, 60_000);
    await cache.query(source, { ...req, to: 0 }, 60_000); // touch the oldest
    await cache.query(source, { ...req, to: 99 }, 60_000); // evicts to: 1
    expect(cache.size).toBe(3);
    await cache.query(source, { ...req, to: 0 }, 60_000);
    expect(calls).toHaveLength(4);
    await cache.query(source, { ...req, to: 1 }, 60_000);
    expect(calls).toHaveLength(5);
  });

  it('drops an expired answer at the next query, whatever that query asks', async () => {
    let now = 1_000;
    const cache = new TelemetryCache({}, () => now);
    const { source } = countingSource('us-east', 10);
    await cache.query(source, { ...req, to: 1 }, 5_000);
    await cache.query(source, { ...req, to: 2 }, 60_000);
    expect(cache.size).toBe(2);
    now += 5_000;
    await cache.query(source, { ...req, to: 3 }, 60_000);
    expect(cache.size).toBe(2);
    now += 60_000;
    await cache.query(source, { ...req, to: 4 }, 60_000);
    expect(cache.size).toBe(1);
  });

  it('holds at most maxBytes of answers, dropping the least recently used, and keeps no answer larger than the cap', async () => {
    const { source, calls } = countingSource('us-east', 100);
    const one = estimateBytes(await source.query(req));
    calls.length = 0;
    const cache = new TelemetryCache({ maxBytes: 3 * one });
    for (let i = 0; i < 3; i++) await cache.query(source, { ...req, to: i }, 60_000);
    expect(cache.bytes).toBe(3 * one);
    await cache.query(source, { ...req, to: 0 }, 60_000); // touch the oldest
    await cache.query(source, { ...req, to: 99 }, 60_000); // evicts to: 1
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBe(3 * one);
    await cache.query(source, { ...req, to: 0 }, 60_000);
    expect(calls).toHaveLength(4);
    await cache.query(source, { ...req, to: 1 }, 60_000);
    expect(calls).toHaveLength(5);

    const big = countingSource('eu-west', 400);
    await cache.query(big.source, req, 60_000);
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBe(3 * one);
    await cache.query(big.source, req, 60_000);
    expect(big.calls).toHaveLength(2);
  });

  it('estimates an answer by its points and series', () => {
    const series = (n: number) => ({ component: 'c', version: '1', signal: 'health' as const, points: Array.from({ length: n }, (_, i): [number, number] => [i, i]) });
    const small = estimateBytes({ series: [series(10)], warnings: [] });
    expect(estimateBytes({ series: [series(1_010)], warnings: [] }) - small).toBe(1_000 * 72);
    expect(estimateBytes({ series: [series(10), series(10)], warnings: [] })).toBeGreaterThan(small);
  });

  it('aligns windows to the step so callers within one step ask the same question', () => {
    // 1,000,020 s is a multiple of 30 s: everything up to the next multiple asks for the same window.
    expect(alignedWindow(1_000_049_999, 3_600, 30)).toEqual(alignedWindow(1_000_020_000, 3_600, 30));
    expect(alignedWindow(1_000_049_999, 3_600, 30)).toEqual({ from: 1_000_020 - 3_600, to: 1_000_020 });
    expect(alignedWindow(1_000_050_000, 3_600, 30).to).toBe(1_000_050);
  });
});
