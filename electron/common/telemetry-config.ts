import { z } from 'zod';
import { Signal } from '../../shared/protocol/index.ts';

/*
 * Where a region's telemetry comes from, as written in `regions.json` under each region's `"telemetry"`:
 *
 *   "telemetry": { "source": "native" }                                 (the default when absent)
 *   "telemetry": { "source": "prometheus", "url": "https://prometheus.example.org",
 *                  "scrapeIntervalSeconds": 15, "auth": "bearer",
 *                  "labels": { "region": "region", "component": "component", "version": "version" },
 *                  "regionLabelValue": "us-east-1", "queries": { "health": "…" } }
 *
 * A bearer token is never written here: with `"auth": "bearer"` it comes from the region token store
 * under `<region id>-prometheus` (web host: `RCC_TOKEN_<REGION>_PROMETHEUS` or `"<region>-prometheus"`
 * in the 0600 tokens.json; desktop: the keychain store), or under `tokenId`.
 *
 * Lives in the leaf electron/common/ so `regions.json` validation (electron/connector) and the sources
 * (electron/telemetry) can both use it; imports only zod and shared/.
 */

/** What a PromQL template may contain; `{{selector}}` is required (it carries the region, component and version). */
export const PROMQL_PLACEHOLDERS = ['selector', 'window', 'by', 'region'] as const;
export type PromqlPlaceholder = (typeof PROMQL_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([A-Za-z_]+)\s*\}\}/g;

/** Problems of a template: unknown placeholders, no `{{selector}}`, unbalanced brackets. Empty when fine. */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  const names = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
  for (const name of new Set(names)) {
    if (!(PROMQL_PLACEHOLDERS as readonly string[]).includes(name)) {
      problems.push(`unknown placeholder {{${name}}} (known: ${PROMQL_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')})`);
    }
  }
  if (!names.includes('selector')) problems.push('must contain {{selector}} (the region, component and version matchers)');
  const stripped = template.replace(PLACEHOLDER, 'x').replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const open = { '(': ')', '[': ']', '{': '}' } as const;
  const stack: string[] = [];
  for (const ch of stripped) {
    if (ch in open) stack.push(open[ch as keyof typeof open]);
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (stack.pop() !== ch) {
        problems.push(`unbalanced "${ch}"`);
        return problems;
      }
    }
  }
  if (stack.length > 0) problems.push(`unclosed bracket (expected "${stack[stack.length - 1]}")`);
  return problems;
}

const Template = z
  .string()
  .min(1)
  .max(4_000)
  .superRefine((template, ctx) => {
    for (const message of templateProblems(template)) ctx.addIssue({ code: 'custom', message });
  });

/** Per-signal PromQL template overrides; a signal not named keeps its default (electron/telemetry/promql.ts). */
export const PromqlTemplates = z.partialRecord(Signal, Template);
export type PromqlTemplates = z.output<typeof PromqlTemplates>;

/** A Prometheus label name. */
const LabelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)');

export const TelemetryLabels = z
  .object({
    region: LabelName.default('region'),
    component: LabelName.default('component'),
    version: LabelName.default('version'),
  })
  .strict()
  .refine((l) => l.component !== l.version, { message: 'component and version must be different labels', path: ['version'] });
export type TelemetryLabels = z.output<typeof TelemetryLabels>;

const millis = z.int().min(100).max(10 * 60_000);
const bytes = z.int().min(1024).max(1024 * 1024 * 1024);

export const PrometheusLimits = z
  .object({
    /** One request, body included. Default 10 s. */
    requestTimeoutMs: millis,
    /** Body of one answer. Default 16 MiB. */
    responseBytes: bytes,
  })
  .partial()
  .strict();
export type PrometheusLimits = z.infer<typeof PrometheusLimits>;

export const NativeTelemetryConfig = z.object({ source: z.literal('native') }).strict();

export const PrometheusTelemetryConfig = z
  .object({
    source: z.literal('prometheus'),
    /** Prometheus's base URL (the API is under `<url>/api/v1/`), e.g. `https://prometheus.example.org`. */
    url: z.url({ protocol: /^https?$/ }).refine((u) => !u.endsWith('/'), 'no trailing slash'),
    /** How often Prometheus scrapes these metrics: rate() windows are at least 4× this. */
    scrapeIntervalSeconds: z.int().min(1).max(3_600).default(15),
    /** The label names of region, component and version in the metrics. */
    labels: TelemetryLabels.default({ region: 'region', component: 'component', version: 'version' }),
    /** The value of the region label for this region; default the region id. */
    regionLabelValue: z.string().min(1).max(200).optional(),
    queries: PromqlTemplates.optional(),
    /** `bearer`: send `Authorization: Bearer <token>` from the token store. Default `none`. */
    auth: z.enum(['none', 'bearer']).default('none'),
    /** Token store id of the bearer token; default `<region id>-prometheus`. */
    tokenId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes').optional(),
    /** Allows plain http to a non-loopback Prometheus (shown as insecure). */
    insecure: z.boolean().optional(),
    limits: PrometheusLimits.optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.tokenId !== undefined && config.auth !== 'bearer') {
      ctx.addIssue({ code: 'custom', path: ['tokenId'], message: 'only with "auth": "bearer"' });
    }
    if (!URL.canParse(config.url)) return;
    const url = new URL(config.url);
    if (url.username !== '' || url.password !== '') {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'must not contain credentials (user:password@); use "auth": "bearer" and the token store' });
    }
    if (url.search !== '' || url.hash !== '') ctx.addIssue({ code: 'custom', path: ['url'], message: 'must not have a query or fragment' });
    if (url.protocol === 'http:' && !isLoopback(url.hostname) && config.insecure !== true) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'must use https:// (plain http is allowed only for loopback hosts, or with "insecure": true)' });
    }
  });

/** A region's `"telemetry"` entry. Absent means native. */
export const TelemetryConfig = z.discriminatedUnion('source', [NativeTelemetryConfig, PrometheusTelemetryConfig]);
export type TelemetryConfig = z.output<typeof TelemetryConfig>;
export type PrometheusTelemetryConfig = z.output<typeof PrometheusTelemetryConfig>;
export type NativeTelemetryConfig = z.output<typeof NativeTelemetryConfig>;

/** The token store id of a region's Prometheus bearer token. */
export function prometheusTokenId(regionId: string, config: Pick<PrometheusTelemetryConfig, 'tokenId'>): string {
  return config.tokenId ?? `${regionId}-prometheus`;
}

/** True when traffic to this Prometheus crosses the network unencrypted (http to a non-loopback host). */
export function isInsecurePrometheus(config: Pick<PrometheusTelemetryConfig, 'url'>): boolean {
  const url = new URL(config.url);
  return url.protocol === 'http:' && !isLoopback(url.hostname);
}

/** 127.0.0.0/8, ::1 and localhost (the region base URL's rule; kept here so this module stays a leaf). */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
