import { judgeSignal } from '../../shared/telemetry/index.ts';
import { latencies, mulberry32 } from '../support/random.ts';
import { medianMs, type Benchmark } from './harness.ts';

/**
 * Canary judgement (issue 9): one signal on 10,000 samples a side ≤ 20 ms (median of 15 runs).
 * Baseline, in the same run: a bare native sort of the 20,000 pooled values in a Float64Array, the
 * floor of any rank test on them.
 */
const SAMPLES = 10_000;
const BUDGET_MS = 20;

const judgement: Benchmark = {
  name: 'canary judgement, 10,000 samples a side (Mann-Whitney U + effect size)',
  run() {
    const random = mulberry32(9);
    const baseline = latencies(random, SAMPLES, 0.1);
    const canary = latencies(random, SAMPLES, 0.115);
    const pooled = Float64Array.from([...baseline, ...canary]);
    let verdict = '';
    const judged = medianMs(() => (verdict = judgeSignal('latency_p95', baseline, canary).verdict), 15, 3);
    const sorted = medianMs(() => new Float64Array(pooled).sort(), 15, 3);
    return {
      pass: judged <= BUDGET_MS,
      summary: `${judged.toFixed(2)} ms (budget <= ${BUDGET_MS} ms); ${(judged / Math.max(sorted, 0.001)).toFixed(2)}x a bare sort of the 20,000 pooled values (${sorted.toFixed(2)} ms); verdict ${verdict}`,
    };
  },
};

export const benchmarks: Benchmark[] = [judgement];
