import type { Signal } from '../../shared/protocol/index.ts';
import { ConsoleError } from '../common/console-error.ts';
import { isInsecurePrometheus, prometheusTokenId, type PrometheusTelemetryConfig } from '../common/telemetry-config.ts';
import { TelemetryError, type TelemetryRequest, type TelemetryResult, type TelemetrySeries, type TelemetrySource } from '../common/telemetry-source.ts';
import type { TokenStore } from '../connector/token-store.ts';
import { PrometheusHttp, PrometheusRequestError, type PrometheusHttpOptions } from './prometheus-http.ts';
import { labelledPoints, type PrometheusData } from './prometheus-response.ts';
import { promqlTemplates, renderPromql, type PromqlContext } from './promql.ts';
import { checkRequest } from './telemetry-request.ts';

export type PrometheusTelemetryOptions = PrometheusHttpOptions;

/**
 * A region's telemetry from a Prometheus HTTP API: one PromQL per signal (electron/telemetry/promql.ts,
 * overridable per region), `GET /api/v1/query_range` (`/api/v1/query` when `from === to`), every
 * answer bounded and validated, every failure a `TelemetryError` naming the region, the source and
 * the PromQL.
 */
export class PrometheusTelemetrySource implements TelemetrySource {
  readonly kind = 'prometheus' as const;
  /** Traffic to this Prometheus crosses the network unencrypted. */
  readonly insecure: boolean;
  private readonly http: PrometheusHttp;
  private readonly ctx: PromqlContext;
  private readonly labels: PrometheusTelemetryConfig['labels'];

  constructor(
    readonly regionId: string,
    config: PrometheusTelemetryConfig,
    token: string | undefined,
    options: PrometheusTelemetryOptions = {},
  ) {
    this.insecure = isInsecurePrometheus(config);
    this.http = new PrometheusHttp(config.url, token, {
      ...options,
      timeoutMs: options.timeoutMs ?? config.limits?.requestTimeoutMs,
      responseBytes: options.responseBytes ?? config.limits?.responseBytes,
    });
    this.ctx = {
      labels: config.labels,
      regionLabelValue: config.regionLabelValue ?? regionId,
      scrapeIntervalSeconds: config.scrapeIntervalSeconds,
      templates: promqlTemplates(config.queries),
    };
    this.labels = config.labels;
  }

  /** Steps finer than the scrape interval only repeat samples. */
  get minStepSeconds(): number {
    return this.ctx.scrapeIntervalSeconds;
  }

  /** The source for `config`, its bearer token read from the token store when `"auth": "bearer"`. */
  static async fromTokenStore(regionId: string, config: PrometheusTelemetryConfig, tokens: TokenStore, options: PrometheusTelemetryOptions = {}): Promise<PrometheusTelemetrySource> {
    if (config.auth !== 'bearer') return new PrometheusTelemetrySource(regionId, config, undefined, options);
    const id = prometheusTokenId(regionId, config);
    const token = await tokens.get(id);
    if (!token) {
      throw new ConsoleError(
        'validation',
        `${regionId}: telemetry "auth": "bearer" but no Prometheus token under "${id}" in the token store (web host: RCC_TOKEN_${id.toUpperCase().replace(/-/g, '_')} or "${id}" in tokens.json)`,
        { region: regionId },
      );
    }
    return new PrometheusTelemetrySource(regionId, config, token, options);
  }

  /** The PromQL the request sends. */
  describe(request: TelemetryRequest): string {
    return renderPromql(this.ctx, request);
  }

  async query(request: TelemetryRequest, signal?: AbortSignal): Promise<TelemetryResult> {
    const promql = this.describe(request);
    const fail = (message: string, retryable: boolean) => new TelemetryError(this.regionId, 'prometheus', promql, message, retryable);
    const problem = checkRequest(request);
    if (problem) throw fail(problem, false);
    const timeout = `${Math.max(1, Math.floor(this.http.timeoutMs / 1000))}s`;
    const instant = request.from === request.to;
    // Points on multiples of the step, as the native protocol places them (and stable across calls).
    const start = Math.ceil(request.from / request.stepSeconds) * request.stepSeconds;
    if (!instant && start > request.to) return { series: [], warnings: [] };
    const params = instant
      ? new URLSearchParams({ query: promql, time: String(request.from), timeout })
      : new URLSearchParams({ query: promql, start: String(start), end: String(request.to), step: String(request.stepSeconds), timeout });
    try {
      const answer = await this.http.get(instant ? 'api/v1/query' : 'api/v1/query_range', params, signal);
      return this.toResult(request.signal, request, answer.data, answer.warnings);
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof PrometheusRequestError) throw fail(error.message, error.retryable);
      throw fail(error instanceof Error ? error.message : String(error), true);
    }
  }

  private toResult(signal: Signal, request: TelemetryRequest, data: PrometheusData, warnings: string[]): TelemetryResult {
    if (data.resultType === 'scalar' || data.resultType === 'string') {
      throw new PrometheusRequestError(`the query returned a ${data.resultType}, not one series per (component, version): aggregate with sum by ({{by}})`, false);
    }
    const { series, histograms } = labelledPoints(data);
    const out = new Map<string, TelemetrySeries>();
    let unlabelled = 0;
    let duplicates = 0;
    for (const s of series) {
      const component = s.metric[this.labels.component] ?? request.component;
      const version = s.metric[this.labels.version] ?? request.version;
      if (component === undefined || version === undefined) {
        unlabelled++;
        continue;
      }
      const key = `${component}\u0000${version}`;
      if (out.has(key)) {
        duplicates++;
        continue;
      }
      out.set(key, { component, version, signal, points: s.points });
    }
    const notes = [...warnings];
    if (unlabelled > 0) notes.push(`${unlabelled} series without the "${this.labels.component}" and "${this.labels.version}" labels left out`);
    if (duplicates > 0) notes.push(`${duplicates} series repeat a (component, version) and were left out: aggregate with sum by (${this.labels.component}, ${this.labels.version})`);
    if (histograms > 0) notes.push(`${histograms} native histogram samples ignored`);
    const sorted = [...out.values()].sort((a, b) => a.component.localeCompare(b.component) || a.version.localeCompare(b.version));
    return { series: sorted, warnings: notes };
  }
}
