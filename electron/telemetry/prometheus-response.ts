import { z } from 'zod';
import { describeZodError } from '../../shared/zod-issues.ts';

/*
 * The Prometheus HTTP API's answers, as the real server sends them (docs: prometheus.io/docs/
 * prometheus/latest/querying/api/, checked against Debian's prometheus 2.42 in
 * test/unit/telemetry/sources and test/integration/telemetry):
 *
 *   200 {"status":"success","data":{"resultType":"matrix","result":[{"metric":{…},"values":[[1700000000,"0.5"],…]}]},"warnings":[…]?}
 *   200 {"status":"success","data":{"resultType":"vector","result":[{"metric":{…},"value":[1700000000.123,"NaN"]}]}}
 *   400 {"status":"error","errorType":"bad_data","error":"1:5: parse error: …"}           (also 422 execution, 503 timeout/unavailable)
 *
 * Sample values are strings: decimals, "NaN", "+Inf", "-Inf". Unknown keys (`infos`, `stats`, native
 * `histograms`) are tolerated and ignored.
 */

/** [unix seconds (float), value as text] */
const Sample = z.tuple([z.number(), z.string()]);
const Labels = z.record(z.string(), z.string());

const MatrixSeries = z.object({ metric: Labels, values: z.array(Sample).default([]), histograms: z.array(z.unknown()).optional() });
const VectorSample = z.object({ metric: Labels, value: Sample.optional(), histogram: z.unknown().optional() });

export const PrometheusData = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('matrix'), result: z.array(MatrixSeries) }),
  z.object({ resultType: z.literal('vector'), result: z.array(VectorSample) }),
  z.object({ resultType: z.literal('scalar'), result: Sample }),
  z.object({ resultType: z.literal('string'), result: Sample }),
]);
export type PrometheusData = z.output<typeof PrometheusData>;

const Warnings = z.array(z.string()).optional();

export const PrometheusSuccess = z.object({ status: z.literal('success'), data: PrometheusData, warnings: Warnings });
export const PrometheusFailure = z.object({
  status: z.literal('error'),
  errorType: z.string(),
  error: z.string(),
  warnings: Warnings,
});
export const PrometheusBody = z.discriminatedUnion('status', [PrometheusSuccess, PrometheusFailure]);

/**
 * `fromServer: false` with `errorType: 'invalid_response'`: not a Prometheus API answer at all
 * (garbage, HTML from a proxy, a wrong shape).
 */
export type ParsedAnswer =
  | { ok: true; data: PrometheusData; warnings: string[] }
  | { ok: false; errorType: string; error: string; warnings: string[]; fromServer: boolean };

const MAX_WARNINGS = 20;
const MAX_TEXT = 500;

/** Control characters out, length capped: the text goes into error messages and the UI. */
export function cleanText(text: string, max = MAX_TEXT): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** A Prometheus answer body of any status: the success data, the server's own error, or why it is neither. */
export function parsePrometheusBody(text: string): ParsedAnswer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, errorType: 'invalid_response', error: `not JSON (${text.length} characters${text ? `: ${cleanText(text, 80)}` : ''})`, warnings: [], fromServer: false };
  }
  const parsed = PrometheusBody.safeParse(json);
  if (!parsed.success) {
    const { message } = describeZodError(parsed.error, 3);
    return { ok: false, errorType: 'invalid_response', error: `not a Prometheus API answer: ${cleanText(message, 300)}`, warnings: [], fromServer: false };
  }
  const body = parsed.data;
  const warnings = (body.warnings ?? []).slice(0, MAX_WARNINGS).map((w) => cleanText(w));
  if (body.status === 'error') return { ok: false, errorType: cleanText(body.errorType, 40), error: cleanText(body.error), warnings, fromServer: true };
  return { ok: true, data: body.data, warnings };
}

/** A sample's value: decimals and Prometheus's `NaN`, `+Inf`, `-Inf` (also `Inf`); NaN for anything unreadable. */
export function sampleValue(text: string): number {
  switch (text) {
    case '+Inf':
    case 'Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
    case 'NaN':
    case '':
      return Number.NaN;
    default:
      return Number(text);
  }
}

/** One labelled series of finite points, whatever the result type; `dropped` counts NaN/±Inf samples left out. */
export interface LabelledPoints {
  metric: Record<string, string>;
  points: Array<[number, number]>;
}

/** Matrix and vector results as labelled points (finite values only). Scalars and strings carry no labels: none. */
export function labelledPoints(data: PrometheusData): { series: LabelledPoints[]; dropped: number; histograms: number } {
  let dropped = 0;
  let histograms = 0;
  const finite = (samples: ReadonlyArray<readonly [number, string]>): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    for (const [t, text] of samples) {
      const v = sampleValue(text);
      if (Number.isFinite(v) && Number.isFinite(t)) out.push([t, v]);
      else dropped++;
    }
    return out;
  };
  if (data.resultType === 'matrix') {
    const series = data.result.map((s) => {
      if (s.histograms) histograms += s.histograms.length;
      return { metric: s.metric, points: finite(s.values) };
    });
    return { series, dropped, histograms };
  }
  if (data.resultType === 'vector') {
    const series = data.result.map((s) => {
      if (s.histogram !== undefined) histograms++;
      return { metric: s.metric, points: s.value ? finite([s.value]) : [] };
    });
    return { series, dropped, histograms };
  }
  return { series: [], dropped, histograms };
}
