export { createTelemetrySource, nativeTelemetryClient, type TelemetryRegion, type TelemetrySourceDeps } from './create-telemetry-source.ts';
export { NativeTelemetrySource, type NativeTelemetryClient } from './native-telemetry.ts';
export { PrometheusTelemetrySource, type PrometheusTelemetryOptions } from './prometheus-telemetry.ts';
export { PrometheusHttp, PrometheusRequestError, type PrometheusAnswer, type PrometheusHttpOptions } from './prometheus-http.ts';
export { labelledPoints, parsePrometheusBody, PrometheusBody, PrometheusData, sampleValue, type LabelledPoints, type ParsedAnswer } from './prometheus-response.ts';
export { DEFAULT_PROMQL, promqlSelector, promqlString, promqlTemplates, rateWindowSeconds, renderPromql, type PromqlContext } from './promql.ts';
export { checkRequest, MAX_POINTS_PER_SERIES, pointsPerSeries } from './telemetry-request.ts';
export { isInsecurePrometheus, prometheusTokenId, PrometheusTelemetryConfig, NativeTelemetryConfig, TelemetryConfig, templateProblems, PROMQL_PLACEHOLDERS } from '../common/telemetry-config.ts';
export { TelemetryError, type TelemetryRequest, type TelemetryResult, type TelemetrySeries, type TelemetrySource } from '../common/telemetry-source.ts';
