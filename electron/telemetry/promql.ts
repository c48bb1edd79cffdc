import type { Signal } from '../../shared/protocol/index.ts';
import type { PromqlTemplates, TelemetryLabels } from '../common/telemetry-config.ts';
import type { TelemetryRequest } from '../common/telemetry-source.ts';

/*
 * PromQL per signal. A template's placeholders:
 *   {{selector}}  the label matchers, without braces: region="us-east",component="search"[,version="…"]
 *                 (write `metric{{{selector}}}`, or `metric{{{selector}},status="5xx"}` to add matchers)
 *   {{window}}    the range of rate() / *_over_time(): max(step, 4 × scrape interval), e.g. `60s`
 *   {{by}}        the grouping labels: component, version (the configured label names)
 *   {{region}}    the region label's value, as a PromQL string literal ("us-east")
 * Every query must return one series per (component, version) carrying those two labels.
 */

const REQUESTS = 'rcc_demo_requests_total';
const DURATION_BUCKETS = 'rcc_demo_request_duration_seconds_bucket';
const HEALTH = 'rcc_demo_health';

const rate = (matchers: string) => `sum by ({{by}}) (rate(${REQUESTS}{${matchers}}[{{window}}]))`;
const quantile = (q: number) => `histogram_quantile(${q}, sum by ({{by}}, le) (rate(${DURATION_BUCKETS}{{{selector}}}[{{window}}])))`;

/**
 * Defaults matching the demo fleet's metrics (docs/protocol.md, "GET /metrics"). The error ratio adds
 * `0 ×` the total for versions without any 5xx series, so a healthy version reads 0, not missing.
 */
export const DEFAULT_PROMQL: Readonly<Record<Signal, string>> = {
  request_rate: rate('{{selector}}'),
  error_rate: `(${rate('{{selector}},status="5xx"')} or 0 * ${rate('{{selector}}')}) / ${rate('{{selector}}')}`,
  latency_p50: quantile(0.5),
  latency_p95: quantile(0.95),
  latency_p99: quantile(0.99),
  health: `avg by ({{by}}) (avg_over_time(${HEALTH}{{{selector}}}[{{window}}]))`,
};

export interface PromqlContext {
  labels: TelemetryLabels;
  regionLabelValue: string;
  scrapeIntervalSeconds: number;
  templates: Readonly<Record<Signal, string>>;
}

/** The defaults with a region's overrides applied. */
export function promqlTemplates(overrides: PromqlTemplates | undefined): Record<Signal, string> {
  return { ...DEFAULT_PROMQL, ...overrides };
}

/** The rate() window for a step: at least 4 scrape intervals (so rate() has samples), and never shorter than the step (no gaps). */
export function rateWindowSeconds(stepSeconds: number, scrapeIntervalSeconds: number): number {
  return Math.max(Math.ceil(stepSeconds), 4 * scrapeIntervalSeconds);
}

/** A PromQL double-quoted string literal. */
export function promqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** `region="us-east",component="search"` (+ version when asked). */
export function promqlSelector(ctx: Pick<PromqlContext, 'labels' | 'regionLabelValue'>, request: Pick<TelemetryRequest, 'component' | 'version'>): string {
  const matchers = [`${ctx.labels.region}=${promqlString(ctx.regionLabelValue)}`];
  if (request.component !== undefined) matchers.push(`${ctx.labels.component}=${promqlString(request.component)}`);
  if (request.version !== undefined) matchers.push(`${ctx.labels.version}=${promqlString(request.version)}`);
  return matchers.join(',');
}

/** The PromQL a request sends: its signal's template with every placeholder filled. */
export function renderPromql(ctx: PromqlContext, request: TelemetryRequest): string {
  const values: Record<string, string> = {
    selector: promqlSelector(ctx, request),
    window: `${rateWindowSeconds(request.stepSeconds, ctx.scrapeIntervalSeconds)}s`,
    by: `${ctx.labels.component}, ${ctx.labels.version}`,
    region: promqlString(ctx.regionLabelValue),
  };
  // Templates were checked on load (known placeholders only); an unknown one is left as written.
  return ctx.templates[request.signal].replace(/\{\{\s*([A-Za-z_]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
