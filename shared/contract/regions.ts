import { z } from 'zod';
import { call, event } from './define.ts';

/** Region ids appear in URLs, env variable names and file keys: lowercase letters, digits, dashes. */
export const RegionId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes');

export const ConnectionState = z.enum(['connecting', 'connected', 'degraded', 'unreachable']);
export type ConnectionState = z.infer<typeof ConnectionState>;

/** What went wrong: nothing answered (`timeout`, `network`), or it answered badly (the rest). */
export const RegionErrorKind = z.enum(['timeout', 'network', 'http', 'validation', 'protocol', 'limit']);
export type RegionErrorKind = z.infer<typeof RegionErrorKind>;

export const RegionError = z.object({
  endpoint: z.string(),
  /** Absent for notes that are not failures (a slow answer). */
  kind: RegionErrorKind.optional(),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])).optional(),
  at: z.iso.datetime(),
});
export type RegionError = z.infer<typeof RegionError>;

export const RegionStatus = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  /** Plain http to a host other than this machine (`"insecure": true` in regions.json): traffic is not encrypted. */
  insecure: z.boolean(),
  state: ConnectionState,
  /** The region's circuit breaker: `open` holds calls back after repeated failures; `lastError` still says why. */
  breaker: z.enum(['closed', 'open', 'half-open']),
  /** When the last good (validated) fleet data arrived; null before the first. */
  lastGoodAt: z.iso.datetime().nullable(),
  revision: z.number().int().nullable(),
  lastError: RegionError.nullable(),
});
export type RegionStatus = z.infer<typeof RegionStatus>;

export const regionCalls = {
  'regions.list': call({
    kind: 'query',
    summary: 'Configured regions with connection state and age of the last good data',
    input: z.object({}),
    output: z.array(RegionStatus),
  }),
  'regions.setToken': call({
    kind: 'setting',
    summary: 'Store a region bearer token in the OS keychain (desktop); takes effect at the next start',
    input: z.object({ regionId: RegionId, token: z.string().min(8).max(4096) }).strict(),
    output: z.object({ stored: z.literal(true), regionId: z.string() }),
  }),
};

export const regionEvents = {
  'regions.status': event({ summary: 'A region changed connection state or received data', payload: z.array(RegionStatus) }),
};
