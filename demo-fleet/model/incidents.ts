/** An injected degradation of one component version in one region (e.g. the bad canary). */
export interface Incident {
  component: string;
  version: string;
  startMs: number;
  /** Time from the start until the incident reaches full strength. */
  rampMs: number;
  /** Error ratio added at full strength. */
  peakErrorRate: number;
  /** Latency multiplier at full strength. */
  latencyFactor: number;
  /** Functional health subtracted at full strength. */
  healthDrop: number;
}

/** 0 before the start, rising smoothly to 1 over the ramp. */
export function incidentLevel(incident: Incident, tMs: number): number {
  if (tMs <= incident.startMs) return 0;
  const x = Math.min(1, (tMs - incident.startMs) / incident.rampMs);
  return x * x * (3 - 2 * x);
}
