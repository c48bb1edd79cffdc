import type { SignalStatus } from '../../../../shared/contract/telemetry.ts';
import type { Signal } from '../../../../shared/protocol/index.ts';

/** How a signal reads on screen: its name, the unit shown, and the factor from the contract's unit. */
interface SignalDisplay {
  label: string;
  /** The unit on axes and in cells ("%", "ms", "req/s"). */
  unit: string;
  /** Contract value × scale = displayed value (ratios as percent, seconds as milliseconds). */
  scale: number;
  /** Higher is worse (error ratio, latency) or better (health, request rate). */
  higherIsWorse: boolean;
}

export const SIGNAL_DISPLAY: Record<Signal, SignalDisplay> = {
  error_rate: { label: 'Error ratio', unit: '%', scale: 100, higherIsWorse: true },
  latency_p50: { label: 'p50 latency', unit: 'ms', scale: 1000, higherIsWorse: true },
  latency_p95: { label: 'p95 latency', unit: 'ms', scale: 1000, higherIsWorse: true },
  latency_p99: { label: 'p99 latency', unit: 'ms', scale: 1000, higherIsWorse: true },
  health: { label: 'Health', unit: '%', scale: 100, higherIsWorse: false },
  request_rate: { label: 'Request rate', unit: 'req/s', scale: 1, higherIsWorse: false },
};

/** Significant digits that keep small ratios readable: 0.012 % and 7.9 % and 412 ms. */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs === 0) return '0';
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1).replace(/\.0$/, '');
  if (abs >= 1) return value.toFixed(2).replace(/\.?0+$/, '');
  return value.toPrecision(2).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** A contract value in the signal's display unit: "7.9 %", "412 ms", "—" without data. */
export function formatSignal(signal: Signal, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const d = SIGNAL_DISPLAY[signal];
  return `${formatNumber(value * d.scale)} ${d.unit}`;
}

/** "+39×", "+45 %", "−3 %", "±0 %": a relative delta against the baseline. */
export function formatDelta(delta: number | null): string {
  if (delta === null || !Number.isFinite(delta)) return '';
  if (delta >= 9) return `+${formatNumber(delta + 1)}×`;
  const percent = delta * 100;
  if (Math.abs(percent) < 0.5) return '±0 %';
  return `${percent > 0 ? '+' : '−'}${formatNumber(Math.abs(percent))} %`;
}

/** Worst first: the order of the status column and of the default sort. */
export const STATUS_RANK: Record<SignalStatus, number> = { bad: 4, worse: 3, unknown: 2, same: 1, better: 0 };

export function worstStatus(statuses: readonly SignalStatus[]): SignalStatus {
  let worst: SignalStatus = 'better';
  for (const s of statuses) if (STATUS_RANK[s] > STATUS_RANK[worst]) worst = s;
  return statuses.length === 0 ? 'unknown' : worst;
}

export const STATUS_TEXT: Record<SignalStatus, string> = {
  bad: 'bad',
  worse: 'worse',
  unknown: 'no data',
  same: 'same',
  better: 'better',
};
