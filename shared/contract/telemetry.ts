import { z } from 'zod';
import { Signal, TimePoints } from '../protocol/index.ts';
import { call } from './define.ts';

/** The chart and table ranges of the range picker. */
export const TelemetryRange = z.enum(['15m', '1h', '6h', '24h', '7d']);
export type TelemetryRange = z.infer<typeof TelemetryRange>;

export const TelemetrySourceKind = z.enum(['native', 'prometheus']);
export type TelemetrySourceKind = z.infer<typeof TelemetrySourceKind>;

/** Why some telemetry is missing: names the region, the source and the query that failed. */
export const TelemetryProblem = z.object({
  region: z.string(),
  source: TelemetrySourceKind,
  /** The query as sent: a PromQL expression, or the native `/v1/telemetry` query string. */
  query: z.string(),
  message: z.string(),
});
export type TelemetryProblem = z.infer<typeof TelemetryProblem>;

export const VersionRef = z.object({ version: z.string(), train: z.number().int() });
export type VersionRef = z.infer<typeof VersionRef>;

/** How a version's signal compares with its baseline's: `worse` beyond the effect threshold, `bad` beyond the alert threshold. */
export const SignalStatus = z.enum(['better', 'same', 'worse', 'bad', 'unknown']);
export type SignalStatus = z.infer<typeof SignalStatus>;

export const SignalCell = z.object({
  /** Mean over the range (error ratio and health as ratios 0..1, latency in seconds); null without data. */
  value: z.number().nullable(),
  baseline: z.number().nullable(),
  /** (value − baseline) / baseline; null without both. */
  relativeDelta: z.number().nullable(),
  status: SignalStatus,
});
export type SignalCell = z.infer<typeof SignalCell>;

/** The signals of the Signals table, in column order. */
export const TABLE_SIGNALS = ['error_rate', 'latency_p95', 'health'] as const satisfies readonly Signal[];

/** One row of the Signals table: a live version of a component in a region against its baseline. */
export const SignalRow = z.object({
  region: z.string(),
  component: z.string(),
  version: z.string(),
  train: z.number().int(),
  instances: z.number().int().min(0),
  /** The previous train's version live in the same region; null when there is none. */
  baseline: VersionRef.nullable(),
  error_rate: SignalCell,
  latency_p95: SignalCell,
  health: SignalCell,
  /** Error ratio over the range, downsampled to at most 24 points (the row's sparkline). */
  sparkline: z.array(z.number()),
});
export type SignalRow = z.infer<typeof SignalRow>;

export const ChartRole = z.enum(['canary', 'baseline', 'other']);

/** One signal of one version over the chart's range, downsampled to the chart's width. */
export const ChartSeries = z.object({
  signal: Signal,
  version: z.string(),
  train: z.number().int(),
  role: ChartRole,
  unit: z.string(),
  /** [unix seconds, value]; gaps (no sample, NaN) are left out. */
  points: TimePoints,
});
export type ChartSeries = z.infer<typeof ChartSeries>;

/** A marker on a chart's time axis: a rollout stage change, or an action the console ran. */
export const ChartAnnotation = z.object({
  at: z.iso.datetime({ offset: true }),
  kind: z.enum(['rollout', 'action']),
  label: z.string(),
});
export type ChartAnnotation = z.infer<typeof ChartAnnotation>;

export const Verdict = z.enum(['pass', 'marginal', 'fail']);
export type Verdict = z.infer<typeof Verdict>;

/** One signal's comparison in a canary judgement (Mann-Whitney U plus an effect-size threshold). */
export const SignalJudgement = z.object({
  signal: Signal,
  verdict: Verdict,
  /** Two-sided p-value of the Mann-Whitney U test (normal approximation, tie-corrected). */
  pValue: z.number().min(0).max(1),
  /** Shift of the canary against the baseline in the signal's bad direction: relative for error ratio and latency, absolute for health. */
  effect: z.number(),
  /** The effect at which a significant change is marginal, and at which it fails. */
  marginalAt: z.number(),
  failAt: z.number(),
  baselineMedian: z.number(),
  canaryMedian: z.number(),
  baselineCount: z.number().int().min(0),
  canaryCount: z.number().int().min(0),
  /** One sentence: why this verdict. */
  reason: z.string(),
});
export type SignalJudgement = z.infer<typeof SignalJudgement>;

/** The canary judgement of one rollout in flight. */
export const CanaryJudgement = z.object({
  region: z.string(),
  component: z.string(),
  rolloutId: z.string(),
  canary: VersionRef,
  baseline: VersionRef,
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  /** Null when it could not be judged (no data, source failing); `problem` says why. */
  verdict: Verdict.nullable(),
  signals: z.array(SignalJudgement),
  problem: z.string().nullable(),
});
export type CanaryJudgement = z.infer<typeof CanaryJudgement>;

export const telemetryCalls = {
  'telemetry.signals': call({
    kind: 'query',
    summary: 'Every live component version per region: error ratio, p95 latency and health against its baseline, with a sparkline',
    input: z.object({ range: TelemetryRange.default('15m') }).strict(),
    output: z.object({
      at: z.iso.datetime({ offset: true }),
      range: TelemetryRange,
      rows: z.array(SignalRow),
      problems: z.array(TelemetryProblem),
    }),
  }),
  'telemetry.chart': call({
    kind: 'query',
    summary: "A component's signals per version in one region, downsampled to the chart's width, with rollout and action annotations",
    input: z
      .object({
        region: z.string().min(1),
        component: z.string().min(1),
        range: TelemetryRange.default('15m'),
        /** The plot's width in pixels: the step and the downsampling follow it. */
        widthPx: z.number().int().min(50).max(4_000).default(800),
        signals: z.array(Signal).min(1).max(6).optional(),
      })
      .strict(),
    output: z.object({
      region: z.string(),
      component: z.string(),
      range: TelemetryRange,
      from: z.iso.datetime({ offset: true }),
      to: z.iso.datetime({ offset: true }),
      stepSeconds: z.number().int().min(1),
      source: TelemetrySourceKind,
      series: z.array(ChartSeries),
      annotations: z.array(ChartAnnotation),
      problems: z.array(TelemetryProblem),
    }),
  }),
  'telemetry.judgements': call({
    kind: 'query',
    summary: 'The canary judgement of every rollout in flight (pass / marginal / fail with the signals that decided it)',
    input: z.object({ region: z.string().min(1).optional(), component: z.string().min(1).optional() }).strict(),
    output: z.array(CanaryJudgement),
  }),
};
