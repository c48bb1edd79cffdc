import type { SignalJudgement, Verdict } from '../contract/telemetry.ts';
import type { Signal } from '../protocol/telemetry.ts';
import { mannWhitneySorted, sortedMedian, sortedSample } from './mann-whitney.ts';

/** The signals a canary is judged on (request rate has no bad direction). */
export const JUDGED_SIGNALS = ['error_rate', 'latency_p50', 'latency_p95', 'latency_p99', 'health'] as const satisfies readonly Signal[];
export type JudgedSignal = (typeof JUDGED_SIGNALS)[number];

export function isJudgedSignal(signal: string): signal is JudgedSignal {
  return (JUDGED_SIGNALS as readonly string[]).includes(signal);
}

export interface SignalThresholds {
  /** Effect (in the bad direction) at which a significant change is marginal. */
  marginalAt: number;
  /** Effect at which a significant change fails. */
  failAt: number;
  /** Smallest absolute rise of the median that counts at all (error ratio: 0.002); 0 for none. */
  minAbsoluteShift: number;
}

const LATENCY: SignalThresholds = { marginalAt: 0.25, failAt: 0.5, minAbsoluteShift: 0 };

export const DEFAULT_THRESHOLDS: Readonly<Record<JudgedSignal, Readonly<SignalThresholds>>> = {
  error_rate: { marginalAt: 0.5, failAt: 1, minAbsoluteShift: 0.002 },
  latency_p50: LATENCY,
  latency_p95: LATENCY,
  latency_p99: LATENCY,
  health: { marginalAt: 0.02, failAt: 0.05, minAbsoluteShift: 0 },
};

export const DEFAULT_ALPHA = 0.01;

export interface JudgeOptions extends Partial<SignalThresholds> {
  /** Significance level of the two-sided Mann-Whitney test (default 0.01). */
  alpha?: number;
}

/**
 * Relative shifts divide by at least this baseline median, so an error ratio of 0.0001 → 0.0003 is
 * not a 200 % rise; the latency floor (1 µs) only keeps a zero baseline finite.
 */
const RELATIVE_FLOOR: Record<JudgedSignal, number> = { error_rate: 0.001, latency_p50: 1e-6, latency_p95: 1e-6, latency_p99: 1e-6, health: 0 };

/**
 * Judges one signal of a canary against its baseline: Mann-Whitney U for significance, then the
 * shift of the median in the signal's bad direction against the thresholds. A significant change
 * below the marginal threshold passes. Throws for request_rate, for an empty sample and for a
 * sample holding a value that is not a finite number.
 */
export function judgeSignal(signal: Signal, baseline: readonly number[], canary: readonly number[], options: JudgeOptions = {}): SignalJudgement {
  if (!isJudgedSignal(signal)) throw new RangeError(`${signal} is not judged: it has no bad direction (judged: ${JUDGED_SIGNALS.join(', ')})`);
  const t = { ...DEFAULT_THRESHOLDS[signal], ...definedOnly(options) };
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  if (!(t.marginalAt <= t.failAt)) throw new RangeError(`${signal}: marginalAt ${t.marginalAt} is above failAt ${t.failAt}`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha ${alpha} is not between 0 and 1`);
  const b = sortedSample(baseline, 'baseline');
  const c = sortedSample(canary, 'canary');
  const { pValue } = mannWhitneySorted(b, c);
  const baselineMedian = sortedMedian(b);
  const canaryMedian = sortedMedian(c);
  const badShift = signal === 'health' ? baselineMedian - canaryMedian : canaryMedian - baselineMedian;
  const effect = signal === 'health' ? badShift : badShift / Math.max(Math.abs(baselineMedian), RELATIVE_FLOOR[signal]);
  const significant = pValue < alpha;
  const counts = badShift >= t.minAbsoluteShift;
  const verdict: Verdict = significant && counts && effect >= t.failAt ? 'fail' : significant && counts && effect >= t.marginalAt ? 'marginal' : 'pass';
  const base = { signal, verdict, pValue, effect, marginalAt: t.marginalAt, failAt: t.failAt, baselineMedian, canaryMedian, baselineCount: b.length, canaryCount: c.length };
  return { ...base, reason: explain(base, alpha, t, significant, counts) };
}

/** Fail beats marginal beats pass. */
const SEVERITY: Record<Verdict, number> = { pass: 0, marginal: 1, fail: 2 };

export function worstVerdict(verdicts: Iterable<Verdict>): Verdict {
  let worst: Verdict = 'pass';
  for (const v of verdicts) if (SEVERITY[v] > SEVERITY[worst]) worst = v;
  return worst;
}

export interface CanaryInput {
  signal: Signal;
  baseline: readonly number[];
  canary: readonly number[];
}

/** Judges each signal; the overall verdict is the worst of them. Throws when there is none. */
export function judgeCanary(
  signals: readonly CanaryInput[],
  options: { alpha?: number; thresholds?: Partial<Record<JudgedSignal, Partial<SignalThresholds>>> } = {},
): { verdict: Verdict; signals: SignalJudgement[] } {
  if (signals.length === 0) throw new RangeError('judgeCanary: no signals to judge');
  const judged = signals.map((s) =>
    judgeSignal(s.signal, s.baseline, s.canary, { alpha: options.alpha, ...(isJudgedSignal(s.signal) ? options.thresholds?.[s.signal] : undefined) }),
  );
  return { verdict: worstVerdict(judged.map((j) => j.verdict)), signals: judged };
}

function definedOnly(options: JudgeOptions): Partial<SignalThresholds> {
  const out: Partial<SignalThresholds> = {};
  if (options.marginalAt !== undefined) out.marginalAt = options.marginalAt;
  if (options.failAt !== undefined) out.failAt = options.failAt;
  if (options.minAbsoluteShift !== undefined) out.minAbsoluteShift = options.minAbsoluteShift;
  return out;
}

type Numbers = Omit<SignalJudgement, 'reason'>;

/** One sentence: what moved, by how much, against which threshold, and how significant. */
function explain(j: Numbers, alpha: number, t: SignalThresholds, significant: boolean, counts: boolean): string {
  const health = j.signal === 'health';
  const moved = `median ${formatValue(j.signal, j.baselineMedian)} → ${formatValue(j.signal, j.canaryMedian)}`;
  const shift = health ? `a drop of ${formatEffect(j.signal, j.effect)}` : `a rise of ${formatEffect(j.signal, j.effect)}`;
  const p = `p = ${formatP(j.pValue)}`;
  if (!significant) return `${j.signal}: no significant difference (${p} ≥ ${alpha}); ${moved}.`;
  if (j.effect <= 0) return `${j.signal}: significant change (${p}) in the good direction; ${moved}.`;
  if (!counts) return `${j.signal}: significant (${p}) and ${shift} (${moved}), but only ${formatValue(j.signal, Math.abs(j.canaryMedian - j.baselineMedian))} in absolute terms, under the ${formatValue(j.signal, t.minAbsoluteShift)} minimum.`;
  if (j.verdict === 'fail') return `${j.signal}: ${shift} (${moved}) reaches the fail threshold of ${formatEffect(j.signal, j.failAt)} and is significant (${p} < ${alpha}).`;
  if (j.verdict === 'marginal') return `${j.signal}: ${shift} (${moved}) reaches the marginal threshold of ${formatEffect(j.signal, j.marginalAt)} (fail at ${formatEffect(j.signal, j.failAt)}) and is significant (${p} < ${alpha}).`;
  return `${j.signal}: significant (${p}) but ${shift} (${moved}) is under the marginal threshold of ${formatEffect(j.signal, j.marginalAt)}.`;
}

/** Latency in ms or s, ratios as they are. */
export function formatValue(signal: Signal, value: number): string {
  if (signal.startsWith('latency')) return Math.abs(value) < 1 ? `${round(value * 1000)} ms` : `${round(value)} s`;
  return round(value);
}

/** Relative effects as percentages, health drops as ratios. */
export function formatEffect(signal: Signal, effect: number): string {
  return signal === 'health' ? round(effect) : `${round(effect * 100)} %`;
}

export function formatP(p: number): string {
  return p === 0 ? '0' : p >= 0.001 ? p.toPrecision(2) : p.toExponential(1);
}

/** Three significant digits, no exponent for ordinary sizes. */
function round(v: number): string {
  if (v === 0) return '0';
  return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e6 ? String(Number(v.toPrecision(3))) : v.toExponential(2);
}
