import type { Signal } from '../../shared/protocol/index.ts';
import type { ComponentSpec } from '../model/catalog.ts';
import { incidentLevel, type Incident } from '../model/incidents.ts';
import { hashString, hashUnit } from '../model/prng.ts';
import { localTime } from './timezone.ts';

export interface SeriesKey {
  seed: number;
  regionId: string;
  timezone: string;
  component: ComponentSpec;
  version: string;
  /** Instances of this version serving traffic (scales the request rate). */
  instances: number;
  incident: Incident | null;
}

/** Everything a signal value depends on besides the timestamp (hashes precomputed). */
export interface SeriesContext extends SeriesKey {
  key: number;
  versionHash: number;
}

export function seriesContext(k: SeriesKey): SeriesContext {
  return {
    ...k,
    key: hashString(`${k.seed}|${k.regionId}|${k.component.id}|${k.version}`),
    // Not per region: a version behaves alike everywhere it runs.
    versionHash: hashString(`${k.seed}|${k.component.id}|${k.version}`),
  };
}

const NOISE_PERIOD_S = 300;

/**
 * Smooth deterministic noise in [-1, 1]: hashed values every 5 minutes, interpolated, plus a
 * little per-timestamp jitter. Same key and timestamp → same value, whatever the query step.
 */
function noise(keyHash: number, tSec: number): number {
  const bucket = Math.floor(tSec / NOISE_PERIOD_S);
  const frac = tSec / NOISE_PERIOD_S - bucket;
  const a = hashUnit(keyHash, bucket) * 2 - 1;
  const b = hashUnit(keyHash, bucket + 1) * 2 - 1;
  const smooth = a + (b - a) * (frac * frac * (3 - 2 * frac));
  return 0.85 * smooth + 0.15 * (hashUnit(keyHash ^ 0x5bd1e995, tSec) * 2 - 1);
}

/** Clinical traffic by local time: quiet nights, a morning peak, a softer afternoon, slow weekends. */
export function trafficShape(timezone: string, tMs: number): number {
  const { hour, weekday } = localTime(timezone, tMs);
  const morning = Math.exp(-((hour - 10.5) ** 2) / (2 * 2.2 ** 2));
  const afternoon = 0.8 * Math.exp(-((hour - 15) ** 2) / (2 * 2 ** 2));
  const day = 0.12 + 0.88 * Math.min(1, Math.max(morning, afternoon));
  return weekday === 0 || weekday === 6 ? day * 0.45 : day;
}

const BASE_ERROR: Record<ComponentSpec['tier'], number> = { ui: 0.003, gateway: 0.002, service: 0.0015, store: 0.0005, worker: 0.004 };

export interface SignalSet {
  requestRate: number;
  errorRate: number;
  p50: number;
  p95: number;
  p99: number;
  health: number;
}

/** All six signals of one series at one moment. Deterministic in (context, tMs). */
export function signalsAt(ctx: SeriesContext, tMs: number): SignalSet {
  const { key, versionHash } = ctx;
  const tSec = Math.floor(tMs / 1000);
  // Each version is a little faster or slower, a little more or less error-prone, in every region —
  // within what a canary judgement calls a pass (under +25 % latency, +50 % errors).
  const versionLatency = 0.92 + 0.14 * hashUnit(versionHash, 1);
  const versionErrors = 0.85 + 0.3 * hashUnit(versionHash, 2);
  const load = trafficShape(ctx.timezone, tMs);
  const level = ctx.incident ? incidentLevel(ctx.incident, tMs) : 0;

  const requestRate = Math.max(0, ctx.component.peakRps * ctx.instances * load * (1 + 0.08 * noise(key, tSec)));
  const baseError = BASE_ERROR[ctx.component.tier] * versionErrors * (1 + 0.4 * load) * (1 + 0.2 * noise(key ^ 0x1111, tSec));
  const errorRate = clamp01(baseError + (ctx.incident ? ctx.incident.peakErrorRate * level : 0));
  const latencyIncident = ctx.incident ? 1 + (ctx.incident.latencyFactor - 1) * level : 1;
  const p50 = ctx.component.p50 * versionLatency * (1 + 0.45 * load) * (1 + 0.1 * noise(key ^ 0x2222, tSec)) * latencyIncident;
  const p95 = p50 * (2.6 + 0.35 * noise(key ^ 0x3333, tSec));
  const p99 = p50 * (5.2 + 1.1 * noise(key ^ 0x4444, tSec));
  const dip = Math.max(0, noise(key ^ 0x5555, tSec) - 0.8) * 0.15;
  const health = clamp01(0.998 - dip - (ctx.incident ? ctx.incident.healthDrop * level : 0));
  return { requestRate, errorRate, p50, p95, p99, health };
}

export function signalValue(ctx: SeriesContext, signal: Signal, tMs: number): number {
  const s = signalsAt(ctx, tMs);
  switch (signal) {
    case 'request_rate':
      return s.requestRate;
    case 'error_rate':
      return s.errorRate;
    case 'latency_p50':
      return s.p50;
    case 'latency_p95':
      return s.p95;
    case 'latency_p99':
      return s.p99;
    case 'health':
      return s.health;
  }
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
