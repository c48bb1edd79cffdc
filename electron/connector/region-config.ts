import { z } from 'zod';
import { ConsoleError } from '../common/console-error.ts';
import { parseJsonFile, readTextFile } from '../common/data-files.ts';
import { RegionId } from '../../shared/contract/regions.ts';
import { TelemetryConfig } from '../common/telemetry-config.ts';
import { ToggleConfig } from '../common/toggle-config.ts';
import { formatPath, issuePath } from '../../shared/zod-issues.ts';

/** 127.0.0.0/8, ::1 and localhost: plain http never leaves the machine. `hostname` as `URL` normalizes it. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

const bytes = z.int().min(1024).max(1024 * 1024 * 1024);
const millis = z.int().min(100).max(10 * 60_000);
export const RegionLimits = z
  .object({
    fleetBytes: bytes,
    telemetryBytes: bytes,
    actionBytes: bytes,
    eventBytes: bytes,
    lineBytes: bytes,
    requestTimeoutMs: millis,
    streamIdleTimeoutMs: millis,
  })
  .partial()
  .strict();
export type RegionLimits = z.infer<typeof RegionLimits>;

const RegionConfigInput = z
  .object({
    id: RegionId,
    name: z.string().min(1).max(80),
    baseUrl: z.url({ protocol: /^https?$/ }).refine((u) => !u.endsWith('/'), 'no trailing slash'),
    /** Allows plain http to a non-loopback host; the region is then marked insecure everywhere it is shown. */
    insecure: z.boolean().optional(),
    /** Caps for this region's endpoints; defaults in README ("Limits"). */
    limits: RegionLimits.optional(),
    /** Where the region's toggles come from: its native endpoint (default) or an Unleash (README "Toggles in Unleash"). */
    toggles: ToggleConfig.optional(),
    /** Where the region's telemetry comes from: its native endpoint (default) or a Prometheus (README "Telemetry from Prometheus"). */
    telemetry: TelemetryConfig.optional(),
  })
  .strict();

export const RegionConfig = RegionConfigInput.superRefine((region, ctx) => {
  if (!URL.canParse(region.baseUrl)) return;
  const url = new URL(region.baseUrl);
  if (url.username !== '' || url.password !== '') {
    // The base URL is shown on the page; credentials belong in the token store.
    ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'must not contain credentials (user:password@); store the region token instead' });
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && region.insecure !== true) {
    ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'must use https:// (plain http is allowed only for loopback hosts, or with "insecure": true)' });
  }
}).transform(({ id, name, baseUrl, limits, toggles, telemetry }) => {
  const url = new URL(baseUrl);
  // What the page is told: this region's traffic crosses the network unencrypted.
  return { id, name, baseUrl, insecure: url.protocol === 'http:' && !isLoopbackHost(url.hostname), ...(limits ? { limits } : {}), ...(toggles ? { toggles } : {}), ...(telemetry ? { telemetry } : {}) };
});
export type RegionConfig = z.output<typeof RegionConfig>;

export const RegionsFile = z
  .object({ regions: z.array(RegionConfig).min(1) })
  .strict()
  .refine((f) => new Set(f.regions.map((r) => r.id)).size === f.regions.length, { message: 'region ids must be unique', path: ['regions'] });

/** Reads `regions.json`; null when absent (the console then runs on the embedded demo fleet). Every error names the file. */
export async function loadRegionsFile(file: string): Promise<RegionConfig[] | null> {
  const text = await readTextFile(file);
  if (text === null) return null;
  const json = parseJsonFile(file, text);
  const parsed = RegionsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issuePath(issue);
    throw new ConsoleError('validation', `${file}: ${formatPath(path)}: ${issue?.message ?? 'invalid'}${regionNamed(json, path)}`, { path });
  }
  return parsed.data.regions;
}

/** ` (region "eu-west")` when the path is inside a region entry that has a readable id. */
function regionNamed(json: unknown, path: readonly (string | number)[]): string {
  if (path[0] !== 'regions' || typeof path[1] !== 'number' || path.length < 3) return '';
  const regions = (json as { regions?: unknown } | null)?.regions;
  const id = Array.isArray(regions) ? (regions[path[1]] as { id?: unknown } | null)?.id : undefined;
  return typeof id === 'string' ? ` (region ${JSON.stringify(id.slice(0, 64))})` : '';
}
