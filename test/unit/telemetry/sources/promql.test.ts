import { describe, expect, it } from 'vitest';
import { Signal } from '../../../../shared/protocol/index.ts';
import { PrometheusTelemetryConfig } from '../../../../electron/common/telemetry-config.ts';
import { checkRequest, DEFAULT_PROMQL, labelledPoints, parsePrometheusBody, pointsPerSeries, promqlSelector, promqlString, promqlTemplates, rateWindowSeconds, renderPromql, sampleValue, type PromqlContext } from '../../../../electron/telemetry/index.ts';

const ctx = (overrides: Partial<PromqlContext> = {}): PromqlContext => ({
  labels: { region: 'region', component: 'component', version: 'version' },
  regionLabelValue: 'us-east',
  scrapeIntervalSeconds: 15,
  templates: promqlTemplates(undefined),
  ...overrides,
});
const request = { signal: 'error_rate', from: 0, to: 3_600, stepSeconds: 30 } as const;

describe('PromQL templates', () => {
  it('render the defaults with the demo fleet metric names, grouped by component and version', () => {
    expect(renderPromql(ctx(), { ...request, signal: 'request_rate', component: 'search' })).toBe(
      'sum by (component, version) (rate(rcc_demo_requests_total{region="us-east",component="search"}[60s]))',
    );
    expect(renderPromql(ctx(), request)).toBe(
      '(sum by (component, version) (rate(rcc_demo_requests_total{region="us-east",status="5xx"}[60s])) or 0 * sum by (component, version) (rate(rcc_demo_requests_total{region="us-east"}[60s]))) / sum by (component, version) (rate(rcc_demo_requests_total{region="us-east"}[60s]))',
    );
    expect(renderPromql(ctx(), { ...request, signal: 'latency_p99', component: 'search', version: '2026.11.3' })).toBe(
      'histogram_quantile(0.99, sum by (component, version, le) (rate(rcc_demo_request_duration_seconds_bucket{region="us-east",component="search",version="2026.11.3"}[60s])))',
    );
    expect(renderPromql(ctx(), { ...request, signal: 'health' })).toBe('avg by (component, version) (avg_over_time(rcc_demo_health{region="us-east"}[60s]))');
    for (const signal of Signal.options) expect(renderPromql(ctx(), { ...request, signal })).not.toMatch(/\{\{|\}\}\}/);
  });

  it('derive the window from the step: at least 4 scrape intervals, never shorter than the step', () => {
    expect(rateWindowSeconds(1, 1)).toBe(4);
    expect(rateWindowSeconds(15, 15)).toBe(60);
    expect(rateWindowSeconds(300, 15)).toBe(300);
    expect(rateWindowSeconds(2.5, 0.5)).toBe(3);
    expect(renderPromql(ctx({ scrapeIntervalSeconds: 1 }), { ...request, stepSeconds: 2 })).toContain('[4s]');
  });

  it('use the configured label names and region value; overrides replace single signals', () => {
    const config = PrometheusTelemetryConfig.parse({
      source: 'prometheus',
      url: 'https://p.example.org',
      labels: { region: 'dc', component: 'service', version: 'release' },
      queries: { health: 'min by ({{by}}) (up{{{selector}},job="rcc"}) * 0 + {{region}} != ""' },
    });
    const c = ctx({ labels: config.labels, regionLabelValue: 'east-1', templates: promqlTemplates(config.queries) });
    expect(renderPromql(c, { ...request, signal: 'health', component: 'api' })).toBe('min by (service, release) (up{dc="east-1",service="api",job="rcc"}) * 0 + "east-1" != ""');
    expect(renderPromql(c, { ...request, signal: 'request_rate' })).toBe('sum by (service, release) (rate(rcc_demo_requests_total{dc="east-1"}[60s]))');
    expect(promqlTemplates({ health: 'x' }).error_rate).toBe(DEFAULT_PROMQL.error_rate);
  });

  it('quote label values as PromQL strings (no way out of the matcher)', () => {
    expect(promqlString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
    expect(promqlSelector(ctx(), { component: 'x"}) or vector(1) #' })).toBe('region="us-east",component="x\\"}) or vector(1) #"');
  });
});

describe('requests', () => {
  it('count points on the step and refuse what no source would answer', () => {
    expect(pointsPerSeries({ from: 0, to: 3_600, stepSeconds: 60 })).toBe(61);
    expect(checkRequest({ ...request })).toBeNull();
    expect(checkRequest({ ...request, to: -1 })).toBe('`to` is before `from`');
    expect(checkRequest({ ...request, stepSeconds: 0 })).toMatch(/stepSeconds must be a whole number/);
    expect(checkRequest({ ...request, stepSeconds: 1.5 })).toMatch(/stepSeconds/);
    expect(checkRequest({ ...request, from: Number.NaN })).toMatch(/unix seconds/);
    expect(checkRequest({ ...request, to: 11_000, stepSeconds: 1 })).toMatch(/11001 points per series; at most 11000 \(choose a larger step: at least 2 s\)/);
    expect(checkRequest({ ...request, to: 10_999, stepSeconds: 1 })).toBeNull();
    expect(checkRequest({ ...request, from: 100, to: 100 })).toBeNull();
  });
});

describe('Prometheus sample values and hand-made shapes the real server never sends', () => {
  it('read decimals, NaN and the infinities', () => {
    expect(sampleValue('0.25')).toBe(0.25);
    expect(sampleValue('1e-3')).toBe(0.001);
    expect(sampleValue('+Inf')).toBe(Number.POSITIVE_INFINITY);
    expect(sampleValue('-Inf')).toBe(Number.NEGATIVE_INFINITY);
    expect(sampleValue('NaN')).toBeNaN();
    expect(sampleValue('')).toBeNaN();
    expect(sampleValue('abc')).toBeNaN();
  });

  it('refuse what is not a Prometheus answer, saying why, without control characters', () => {
    expect(parsePrometheusBody('<html>\u0007Bad Gateway</html>')).toMatchObject({ ok: false, errorType: 'invalid_response', fromServer: false, error: 'not JSON (25 characters: <html> Bad Gateway</html>)' });
    expect(parsePrometheusBody('')).toMatchObject({ ok: false, error: 'not JSON (0 characters)' });
    expect(parsePrometheusBody('{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,2]]}]}}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not a Prometheus API answer: data\.result\[0\]\.values\[0\]\[1\]: /),
    });
    expect(parsePrometheusBody('{"status":"pending"}')).toMatchObject({ ok: false, errorType: 'invalid_response' });
    const long = parsePrometheusBody(JSON.stringify({ status: 'error', errorType: 'x'.repeat(100), error: 'y'.repeat(10_000), warnings: Array.from({ length: 100 }, () => 'w') }));
    expect(long.ok).toBe(false);
    if (long.ok) return;
    expect(long.errorType.length).toBeLessThanOrEqual(41);
    expect(long.error.length).toBeLessThanOrEqual(501);
    expect(long.warnings).toHaveLength(20);
  });

  it('ignore native histograms (counted) and unknown keys', () => {
    const parsed = parsePrometheusBody(
      JSON.stringify({ status: 'success', infos: ['x'], data: { resultType: 'matrix', result: [{ metric: { component: 'a', version: '1' }, histograms: [[1, { count: '1' }]] }] } }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(labelledPoints(parsed.data)).toEqual({ series: [{ metric: { component: 'a', version: '1' }, points: [] }], dropped: 0, histograms: 1 });
  });
});
