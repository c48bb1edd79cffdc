import { z } from 'zod';

/*
 * Where a region's toggles come from, as written in `regions.json` under each region's `"toggles"`:
 *
 *   "toggles": { "source": "native" }                                  (the default when absent)
 *   "toggles": { "source": "unleash", "url": "https://unleash.example.org/api",
 *                "project": "default", "environment": "production" }
 *
 * The Unleash admin token is never written here: it comes from the region token store under the id
 * `<region id>-unleash` (web host: `RCC_TOKEN_<REGION>_UNLEASH` or `"<region>-unleash"` in the 0600
 * tokens.json; desktop: the keychain store, `regions.setToken` with that id), or under `tokenId`.
 *
 * This module imports only zod, and lives in the leaf electron/common/ so that `regions.json`
 * validation (electron/connector) and the sources (electron/toggles) can both use it.
 */

/** Unleash project and environment names are URL friendly (`encodeURIComponent(x) === x`), at most 100 characters. */
const UnleashName = z
  .string()
  .min(1)
  .max(100)
  .refine((value) => encodeURIComponent(value) === value && value !== '.' && value !== '..', 'must be URL friendly (letters, digits, - _ . ~)');

const millis = z.int().min(100).max(10 * 60_000);
const bytes = z.int().min(1024).max(1024 * 1024 * 1024);

export const UnleashLimits = z
  .object({
    /** One request, body included. Default 10 s. */
    requestTimeoutMs: millis,
    /** Body of one page of the flag list. Default 16 MiB. */
    listBytes: bytes,
    /** Bodies of one flag, its tags, its events, a write. Default 1 MiB. */
    itemBytes: bytes,
  })
  .partial()
  .strict();
export type UnleashLimits = z.infer<typeof UnleashLimits>;

export const NativeToggleConfig = z.object({ source: z.literal('native') }).strict();

export const UnleashToggleConfig = z
  .object({
    source: z.literal('unleash'),
    /** Unleash's API base, ending in `/api` for a stock install (`https://unleash.example.org/api`). */
    url: z.url({ protocol: /^https?$/ }).refine((u) => !u.endsWith('/'), 'no trailing slash'),
    project: UnleashName,
    environment: UnleashName,
    /** Token store id of the admin token; default `<region id>-unleash`. */
    tokenId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes').optional(),
    /** Allows plain http to a non-loopback Unleash (shown as insecure). */
    insecure: z.boolean().optional(),
    limits: UnleashLimits.optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (!URL.canParse(config.url)) return;
    const url = new URL(config.url);
    if (url.username !== '' || url.password !== '') {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'must not contain credentials (user:password@); store the Unleash token instead' });
    }
    if (url.search !== '' || url.hash !== '') ctx.addIssue({ code: 'custom', path: ['url'], message: 'must not have a query or fragment' });
    if (url.protocol === 'http:' && !isLoopback(url.hostname) && config.insecure !== true) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'must use https:// (plain http is allowed only for loopback hosts, or with "insecure": true)' });
    }
  });

/** A region's `"toggles"` entry. Absent means native. */
export const ToggleConfig = z.discriminatedUnion('source', [NativeToggleConfig, UnleashToggleConfig]);
export type ToggleConfig = z.output<typeof ToggleConfig>;
export type UnleashToggleConfig = z.output<typeof UnleashToggleConfig>;
export type NativeToggleConfig = z.output<typeof NativeToggleConfig>;

/** The token store id of a region's Unleash admin token. */
export function unleashTokenId(regionId: string, config: Pick<UnleashToggleConfig, 'tokenId'>): string {
  return config.tokenId ?? `${regionId}-unleash`;
}

/** True when traffic to this Unleash crosses the network unencrypted (http to a non-loopback host). */
export function isInsecureUnleash(config: Pick<UnleashToggleConfig, 'url'>): boolean {
  const url = new URL(config.url);
  return url.protocol === 'http:' && !isLoopback(url.hostname);
}

/** 127.0.0.0/8, ::1 and localhost (same rule as the region base URL; kept here so this module imports only zod). */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
