import { TelemetryRange } from '../../../../shared/contract/telemetry.ts';
import { useTelemetryUi } from './telemetry-ui.ts';

const LABELS: Record<TelemetryRange, string> = { '15m': '15 min', '1h': '1 h', '6h': '6 h', '24h': '24 h', '7d': '7 d' };

/** The one range of the Signals table and the charts (kept while switching screens). */
export function RangePicker() {
  const range = useTelemetryUi((s) => s.range);
  const setRange = useTelemetryUi((s) => s.setRange);
  return (
    <div className="segmented range-picker" role="group" aria-label="Time range">
      {TelemetryRange.options.map((r) => (
        <button key={r} type="button" aria-pressed={range === r} aria-label={`Last ${LABELS[r]}`} onClick={() => setRange(r)}>
          {LABELS[r]}
        </button>
      ))}
    </div>
  );
}
