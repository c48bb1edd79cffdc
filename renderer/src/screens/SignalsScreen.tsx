import { useCallback } from 'react';
import { CanaryVerdict } from '../components/telemetry/CanaryVerdict.tsx';
import { useJudgements, useSignals } from '../components/telemetry/queries.ts';
import { RangePicker } from '../components/telemetry/RangePicker.tsx';
import { Problems, SignalChart } from '../components/telemetry/SignalChart.tsx';
import { SignalsTable } from '../components/telemetry/SignalsTable.tsx';
import { rowKey, type SignalTableRow } from '../components/telemetry/signal-rows.ts';
import { useTelemetryUi } from '../components/telemetry/telemetry-ui.ts';
import { plural } from '../lib/format.ts';
import { formatUtc } from '../lib/time.ts';
import { useUi } from '../state/ui-store.ts';

/** Error ratio, p95 latency and health of every live version against its baseline; a row opens its chart. */
export function SignalsScreen() {
  const range = useTelemetryUi((s) => s.range);
  const selected = useTelemetryUi((s) => s.selectedRow);
  const setSelected = useTelemetryUi((s) => s.setSelectedRow);
  const setChartRegion = useTelemetryUi((s) => s.setChartRegion);
  const navigate = useUi((s) => s.navigate);
  const signals = useSignals(range);
  const rows = signals.data?.rows ?? [];
  const open = selected === null ? undefined : rows.find((r) => rowKey(r) === selected);

  const onOpen = useCallback((row: SignalTableRow) => setSelected(row.key), [setSelected]);
  const openComponent = useCallback(
    (component: string, region: string) => {
      setChartRegion(component, region);
      navigate({ screen: 'component', component });
    },
    [navigate, setChartRegion],
  );
  const worse = rows.filter((r) => [r.error_rate, r.latency_p95, r.health].some((c) => c.status === 'worse' || c.status === 'bad')).length;

  return (
    <section className="screen signals-screen" aria-labelledby="signals-title">
      <header className="screen-header">
        <h1 id="signals-title">Signals</h1>
        <RangePicker />
      </header>
      <p className="muted summary-line">
        Each live version against its baseline (the previous train's version in the same region), averaged over the range.{' '}
        {signals.data && (
          <span role="status">
            <span className={worse > 0 ? 'error-text' : 'ok-text'}>{plural(worse, 'version')} worse than baseline</span> · as of {formatUtc(signals.data.at)}
            {signals.isFetching && ' · refreshing…'}
          </span>
        )}
      </p>
      {signals.isPending && <p aria-busy="true">Loading signals…</p>}
      {signals.isError && <p role="alert">Could not load signals: {signals.error.message}</p>}
      {signals.data && <Problems problems={signals.data.problems} />}
      {signals.data && <SignalsTable rows={rows} openKey={open ? selected : null} onOpen={onOpen} onOpenComponent={openComponent} />}
      {open ? (
        <section className="chart-panel" aria-labelledby="chart-panel-title">
          <div className="chart-panel-head">
            <h2 id="chart-panel-title">
              {open.component} in {open.region}
            </h2>
            <span className="muted">
              <code>{open.version}</code>
              {open.baseline && <> against baseline <code>{open.baseline.version}</code></>}
            </span>
            <button type="button" className="link" onClick={() => openComponent(open.component, open.region)}>Open the component page →</button>
          </div>
          <RowVerdicts region={open.region} component={open.component} />
          <SignalChart region={open.region} component={open.component} showRangePicker={false} />
        </section>
      ) : (
        signals.data && rows.length > 0 && <p className="muted">Select a row (click, or arrow keys and <kbd>Enter</kbd>) to open its chart.</p>
      )}
    </section>
  );
}

function RowVerdicts({ region, component }: { region: string; component: string }) {
  const judgements = useJudgements({ region, component });
  if (!judgements.data || judgements.data.length === 0) return null;
  return (
    <div className="canary-verdicts">
      {judgements.data.map((j) => <CanaryVerdict key={j.rolloutId} judgement={j} compact />)}
    </div>
  );
}
