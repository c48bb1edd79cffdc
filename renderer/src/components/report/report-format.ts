import type { ReportReadiness } from '../../../../shared/report/index.ts';

export { formatDuration } from '../../../../shared/report/format-duration.ts';

export const READINESS_LABEL: Record<ReportReadiness, string> = { ready: 'READY', 'at-risk': 'AT RISK', 'not-ready': 'NOT READY' };

/** "2.31 %" for a ratio; "—" without a value. */
export function percent(ratio: number | null, digits = 2): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(digits)} %`;
}

/** "+12.0 %" / "−3.4 %" for a relative delta; "—" without one. */
export function signedPercent(delta: number | null): string {
  if (delta === null) return '—';
  const value = (delta * 100).toFixed(1);
  return delta > 0 ? `+${value} %` : delta < 0 ? `−${value.slice(1)} %` : '0.0 %';
}

/** Seconds as milliseconds under a second, else seconds. */
export function latency(seconds: number | null): string {
  if (seconds === null) return '—';
  return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(2)} s`;
}

/** The first and last characters of a hash, for reading aloud. */
export function shortHash(hash: string): string {
  return hash.length > 20 ? `${hash.slice(0, 12)}…${hash.slice(-8)}` : hash;
}
