import type { AlertEvidence } from '../../../../shared/contract/alerts.ts';
import { SIGNAL_UNITS } from '../../../../shared/protocol/index.ts';
import { utcTick } from '../telemetry/chart-data.ts';
import { formatNumber, SIGNAL_DISPLAY } from '../telemetry/signal-format.ts';

const W = 420;
const H = 108;
const PAD = { left: 46, right: 6, top: 8, bottom: 16 };

/** The limit's label sits above its line, or below it when the line runs along the top. */
const thresholdLabelY = (lineY: number) => (lineY - PAD.top < 12 ? lineY + 11 : lineY - 3);

/** The display unit of an alert's evidence: the signal's (percent, ms) when it comes in the signal's own unit, else as sent. */
export function evidenceUnit(evidence: Pick<AlertEvidence, 'signal' | 'unit'>): { scale: number; unit: string } {
  const display = SIGNAL_DISPLAY[evidence.signal];
  return evidence.unit === SIGNAL_UNITS[evidence.signal] ? { scale: display.scale, unit: display.unit } : { scale: 1, unit: evidence.unit };
}

/**
 * The small chart an alert carries (plain SVG): the version's signal, its baseline dashed, and the
 * threshold it crossed; the y axis in the signal's unit, times in UTC.
 */
export function EvidenceChart({ evidence }: { evidence: AlertEvidence }) {
  const { scale, unit } = evidenceUnit(evidence);
  const all = [...evidence.points, ...evidence.baselinePoints];
  if (all.length < 2) return <p className="muted evidence-empty">No samples to draw.</p>;
  const ts = all.map((p) => p[0]);
  const values = all.map((p) => p[1] * scale);
  if (evidence.threshold !== null) values.push(evidence.threshold * scale);
  const t0 = Math.min(...ts);
  const t1 = Math.max(...ts);
  const max = Math.max(...values);
  const min = Math.min(...values);
  // Error ratio and latency from zero; health (near 100 %) zoomed to where its values and limit are.
  const zoom = evidence.signal === 'health' || evidence.signal === 'request_rate';
  const spread = Math.max(max - min, Math.abs(max) * 0.02, 1e-9);
  const top = zoom ? max + spread * 0.15 : max * 1.12 || 1;
  const bottom = zoom ? Math.max(0, min - spread * 0.25) : Math.min(0, min);
  const x = (t: number) => PAD.left + ((t - t0) / Math.max(1, t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - bottom) / (top - bottom || 1)) * (H - PAD.top - PAD.bottom);
  const line = (points: readonly (readonly [number, number])[]) => points.map(([t, v]) => `${x(t).toFixed(1)},${y(v * scale).toFixed(1)}`).join(' ');
  const range = t1 - t0 > 86_400 ? '7d' : t1 - t0 > 6 * 3_600 ? '24h' : '1h';
  return (
    <figure className="evidence-chart" data-signal={evidence.signal}>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${SIGNAL_DISPLAY[evidence.signal].label} (${unit}) of this version against its baseline${evidence.threshold !== null ? ` and the threshold ${formatNumber(evidence.threshold * scale)} ${unit}` : ''}`}>
        <line className="axis" x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} />
        <line className="axis" x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
        <text className="tick" x={PAD.left - 4} y={y(max) + 4} textAnchor="end">{formatNumber(max)}</text>
        <text className="tick" x={PAD.left - 4} y={H - PAD.bottom} textAnchor="end">{formatNumber(bottom)}</text>
        <text className="tick unit" x={PAD.left - 4} y={(H - PAD.bottom + PAD.top) / 2 + 4} textAnchor="end">{unit}</text>
        <text className="tick" x={PAD.left} y={H - 3} textAnchor="start">{utcTick(t0, range)}</text>
        <text className="tick" x={W - PAD.right} y={H - 3} textAnchor="end">{utcTick(t1, range)} UTC</text>
        {evidence.threshold !== null && (
          <>
            <line className="threshold" x1={PAD.left} x2={W - PAD.right} y1={y(evidence.threshold * scale)} y2={y(evidence.threshold * scale)} />
            <text className="tick threshold-label" x={PAD.left + 4} y={thresholdLabelY(y(evidence.threshold * scale))} textAnchor="start">limit {formatNumber(evidence.threshold * scale)} {unit}</text>
          </>
        )}
        {evidence.baselinePoints.length > 1 && <polyline className="baseline" points={line(evidence.baselinePoints)} />}
        {evidence.points.length > 1 && <polyline className="series" points={line(evidence.points)} />}
      </svg>
      <figcaption className="evidence-key">
        <span><i className="key-line key-series" /> this version</span>
        {evidence.baselinePoints.length > 1 && <span><i className="key-line key-baseline" /> baseline</span>}
        {evidence.threshold !== null && <span><i className="key-line key-threshold" /> threshold</span>}
      </figcaption>
    </figure>
  );
}
