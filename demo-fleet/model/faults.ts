import { z } from 'zod';

/**
 * Per-region fault knobs. Set at runtime with `DemoFleet.setFaults` or `POST /control/faults`;
 * scenarios set some of them for one region.
 */
export const RegionFaults = z.object({
  /** Every request under the region prefix (metrics too) gets its socket destroyed. */
  outage: z.boolean(),
  /** > 0: the region alternates up/down every `flapPeriodMs` of wall-clock time. */
  flapPeriodMs: z.number().int().min(0).max(3_600_000),
  /** Added before every /v1 response. */
  latencyMs: z.number().int().min(0).max(120_000),
  /** Fraction of /v1 requests answered with `errorStatus` instead of their result. */
  errorRate: z.number().min(0).max(1),
  errorStatus: z.number().int().min(400).max(599),
  /** /v1 JSON bodies and change events that parse as JSON but fail the protocol schemas. */
  malformed: z.boolean(),
  /** /v1 JSON bodies cut in half: the full Content-Length is announced, the socket closes early. */
  truncated: z.boolean(),
  /** Per change event on the stream: probability it is skipped, sent twice, or swapped with the next. */
  dropEvents: z.number().min(0).max(1),
  duplicateEvents: z.number().min(0).max(1),
  reorderEvents: z.number().min(0).max(1),
  /** How long POST /v1/actions holds a key in "processing" before applying it. */
  actionDelayMs: z.number().int().min(0).max(120_000),
  /** Probability POST /v1/actions applies the action, then drops the connection instead of answering. */
  dropActionResponses: z.number().min(0).max(1),
});
export type RegionFaults = z.infer<typeof RegionFaults>;

export const RegionFaultsPatch = RegionFaults.partial().strict();
export type RegionFaultsPatch = z.infer<typeof RegionFaultsPatch>;

export const NO_FAULTS: Readonly<RegionFaults> = Object.freeze({
  outage: false,
  flapPeriodMs: 0,
  latencyMs: 0,
  errorRate: 0,
  errorStatus: 503,
  malformed: false,
  truncated: false,
  dropEvents: 0,
  duplicateEvents: 0,
  reorderEvents: 0,
  actionDelayMs: 0,
  dropActionResponses: 0,
});

/** Whether the region is refusing service at wall-clock time `wallMs`. */
export function isDown(faults: RegionFaults, wallMs: number): boolean {
  if (faults.outage) return true;
  if (faults.flapPeriodMs <= 0) return false;
  return Math.floor(wallMs / faults.flapPeriodMs) % 2 === 1;
}
