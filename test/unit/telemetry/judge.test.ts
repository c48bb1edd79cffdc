import { describe, expect, it } from 'vitest';
import { SignalJudgement } from '../../../shared/contract/telemetry.ts';
import { judgeCanary, judgeSignal, worstVerdict } from '../../../shared/telemetry/index.ts';
import { latencies, mulberry32, noisy } from '../../support/random.ts';

describe('judgeSignal on generated data', () => {
  it('fails a 3× latency shift, with the numbers in the sentence', () => {
    const random = mulberry32(1);
    const j = judgeSignal('latency_p95', latencies(random, 120, 0.1), latencies(random, 120, 0.3));
    expect(SignalJudgement.parse(j)).toEqual(j);
    expect(j.verdict).toBe('fail');
    expect(j.pValue).toBeLessThan(1e-10);
    expect(j.effect).toBeGreaterThan(1.5);
    expect(j).toMatchObject({ marginalAt: 0.25, failAt: 0.5, baselineCount: 120, canaryCount: 120 });
    expect(j.reason).toMatch(/^latency_p95: a rise of \d+ % \(median \d+ ms → \d+ ms\) reaches the fail threshold of 50 % and is significant \(p = .+ < 0\.01\)\.$/);
  });

  it('passes identical distributions in at least 99 % of 1,000 seeded trials', () => {
    const random = mulberry32(2);
    let passed = 0;
    for (let trial = 0; trial < 1_000; trial++) {
      const signal = (['latency_p95', 'error_rate', 'health'] as const)[trial % 3]!;
      const [b, c] =
        signal === 'latency_p95'
          ? [latencies(random, 120, 0.2), latencies(random, 120, 0.2)]
          : signal === 'error_rate'
            ? [noisy(random, 120, 0.01, 0.004), noisy(random, 120, 0.01, 0.004)]
            : [noisy(random, 120, 0.98, 0.02), noisy(random, 120, 0.98, 0.02)];
      if (judgeSignal(signal, b, c).verdict === 'pass') passed++;
    }
    expect(passed).toBeGreaterThanOrEqual(990);
  });

  it('never fails a significant but sub-threshold shift (latency +10 %, 5,000 samples a side)', () => {
    const random = mulberry32(3);
    for (let trial = 0; trial < 20; trial++) {
      const j = judgeSignal('latency_p95', latencies(random, 5_000, 0.1), latencies(random, 5_000, 0.11));
      expect(j.pValue).toBeLessThan(0.01);
      expect(j.verdict).toBe('pass');
      expect(j.reason).toContain('under the marginal threshold of 25 %');
    }
  });

  it('is marginal between the thresholds', () => {
    const random = mulberry32(4);
    const j = judgeSignal('latency_p99', latencies(random, 2_000, 0.1, 0.1), latencies(random, 2_000, 0.135, 0.1));
    expect(j.verdict).toBe('marginal');
    expect(j.reason).toContain('reaches the marginal threshold of 25 % (fail at 50 %)');
  });

  it('fails a health drop of 0.1 and passes a health rise', () => {
    const random = mulberry32(5);
    const drop = judgeSignal('health', noisy(random, 200, 0.99, 0.005), noisy(random, 200, 0.89, 0.005));
    expect(drop.verdict).toBe('fail');
    expect(drop.effect).toBeCloseTo(0.1, 2);
    expect(drop.reason).toContain('a drop of 0.1');
    const rise = judgeSignal('health', noisy(random, 200, 0.85, 0.005), noisy(random, 200, 0.99, 0.005));
    expect(rise.verdict).toBe('pass');
    expect(rise.effect).toBeLessThan(0);
  });

  it('passes lower latency and lower error ratios however significant (direction)', () => {
    const random = mulberry32(6);
    const faster = judgeSignal('latency_p50', latencies(random, 500, 0.3), latencies(random, 500, 0.1));
    expect(faster.pValue).toBeLessThan(1e-10);
    expect(faster.verdict).toBe('pass');
    expect(faster.reason).toContain('good direction');
    expect(judgeSignal('error_rate', noisy(random, 500, 0.05, 0.01), noisy(random, 500, 0.01, 0.005)).verdict).toBe('pass');
  });

  it('fails a tripled error ratio, and ignores a rise that is tiny in absolute terms', () => {
    const random = mulberry32(7);
    expect(judgeSignal('error_rate', noisy(random, 200, 0.01, 0.002), noisy(random, 200, 0.03, 0.002)).verdict).toBe('fail');
    // 0.0001 → 0.0003: relative to the 0.001 floor a 20 % rise, and 0.0002 absolute is under 0.002.
    const tiny = judgeSignal('error_rate', noisy(random, 200, 0.0001, 0.00001), noisy(random, 200, 0.0003, 0.00001));
    expect(tiny.pValue).toBeLessThan(1e-10);
    expect(tiny.effect).toBeCloseTo(0.2, 1);
    expect(tiny.verdict).toBe('pass');
    // 0.001 → 0.0028: +180 % yet only 0.0018 absolute.
    const small = judgeSignal('error_rate', noisy(random, 200, 0.001, 0.0001), noisy(random, 200, 0.0028, 0.0001));
    expect(small.effect).toBeGreaterThan(1);
    expect(small.verdict).toBe('pass');
    expect(small.reason).toContain('under the 0.002 minimum');
  });

  it('passes a large but not significant difference (too few samples)', () => {
    const j = judgeSignal('latency_p95', [0.1, 0.3], [0.2, 0.5]);
    expect(j.pValue).toBeGreaterThan(0.01);
    expect(j.verdict).toBe('pass');
    expect(j.reason).toContain('no significant difference');
  });

  it('takes thresholds and alpha as options', () => {
    const random = mulberry32(8);
    const b = latencies(random, 1_000, 0.1, 0.1);
    const c = latencies(random, 1_000, 0.11, 0.1);
    expect(judgeSignal('latency_p95', b, c).verdict).toBe('pass');
    expect(judgeSignal('latency_p95', b, c, { marginalAt: 0.05 }).verdict).toBe('marginal');
    expect(judgeSignal('latency_p95', b, c, { marginalAt: 0.05, failAt: 0.08 }).verdict).toBe('fail');
    expect(judgeSignal('latency_p95', b, c, { marginalAt: 0.05, alpha: 1e-300 }).verdict).toBe('pass');
    expect(() => judgeSignal('latency_p95', b, c, { marginalAt: 0.6 })).toThrow('marginalAt 0.6 is above failAt 0.5');
  });

  it('refuses request_rate and empty or non-finite samples, naming the side', () => {
    expect(() => judgeSignal('request_rate', [1], [2])).toThrow('request_rate is not judged');
    expect(() => judgeSignal('health', [], [1])).toThrow('the baseline sample is empty');
    expect(() => judgeSignal('health', [1], [])).toThrow('the canary sample is empty');
    expect(() => judgeSignal('health', [1], [0.5, Number.NaN])).toThrow("the canary sample's value [1] is NaN");
  });
});

describe('judgeCanary', () => {
  it('is the worst of its signals', () => {
    const random = mulberry32(9);
    const same = latencies(random, 300, 0.1);
    const slower = latencies(random, 300, 0.4);
    const result = judgeCanary([
      { signal: 'latency_p95', baseline: same, canary: latencies(random, 300, 0.1) },
      { signal: 'health', baseline: noisy(random, 300, 0.99, 0.002), canary: noisy(random, 300, 0.96, 0.002) },
    ]);
    expect(result.signals.map((s) => s.verdict)).toEqual(['pass', 'marginal']);
    expect(result.verdict).toBe('marginal');
    expect(judgeCanary([{ signal: 'latency_p95', baseline: same, canary: slower }, ...result.signals.map((s) => ({ signal: s.signal, baseline: same, canary: same }))]).verdict).toBe('fail');
    expect(judgeCanary([{ signal: 'latency_p95', baseline: same, canary: slower }], { thresholds: { latency_p95: { marginalAt: 10, failAt: 20 } } }).verdict).toBe('pass');
    expect(() => judgeCanary([])).toThrow('no signals');
  });

  it('orders verdicts fail > marginal > pass', () => {
    expect(worstVerdict([])).toBe('pass');
    expect(worstVerdict(['pass', 'marginal', 'pass'])).toBe('marginal');
    expect(worstVerdict(['marginal', 'fail', 'pass'])).toBe('fail');
  });
});
