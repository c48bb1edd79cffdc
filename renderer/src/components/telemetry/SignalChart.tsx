import { memo, useEffect, useMemo } from 'react';
import { markPainted } from '../../lib/perf-marks.ts';
import type { TelemetryProblem } from '../../../../shared/contract/telemetry.ts';
import type { Signal } from '../../../../shared/protocol/index.ts';
import { formatUtc } from '../../lib/time.ts';
import { signalPlots, type PlotView } from './chart-data.ts';
import { useChart, widthBucket } from './queries.ts';
import { RangePicker } from './RangePicker.tsx';
import { PLOT_MARGIN, Y_AXIS_WIDTH } from './plot-geometry.ts';
import { SignalPlot } from './SignalPlot.tsx';
import { useTelemetryUi } from './telemetry-ui.ts';
import { useWidth } from './use-width.ts';
import './telemetry.css';

export const CHART_SIGNALS: readonly Signal[] = ['error_rate', 'latency_p95', 'health', 'request_rate'];
const GAP_PX = 12;
const PLOT_HEIGHT = 210;
/** Two charts side by side from this width of the grid. */
const TWO_COLUMNS_FROM = 880;

/**
 * A component's signals in one region: one chart per signal with every live version as a line,
 * the canary paired with its baseline, rollout stage changes and console actions marked. The
 * plot's measured width is what the main process downsamples to.
 */
export const SignalChart = memo(function SignalChart({ region, component, showRangePicker = true }: { region: string; component: string; showRangePicker?: boolean }) {
  const range = useTelemetryUi((s) => s.range);
  const [gridRef, gridWidth] = useWidth<HTMLDivElement>();
  const columns = gridWidth >= TWO_COLUMNS_FROM ? 2 : 1;
  const cellWidth = Math.max(0, Math.floor((gridWidth - GAP_PX * (columns - 1)) / columns));
  const plotWidth = cellWidth - Y_AXIS_WIDTH - PLOT_MARGIN.left - PLOT_MARGIN.right;
  const chart = useChart(region, component, range, plotWidth, CHART_SIGNALS);
  // Kept while a new range or width loads, but never another region's or component's.
  const data = chart.data && chart.data.region === region && chart.data.component === component ? chart.data : undefined;
  // On the grid of the width asked for (the data's resolution), so a resize within a step keeps the views.
  const columnsPx = widthBucket(plotWidth);
  const views = useMemo(() => (data ? plotViews(data, columnsPx) : []), [data, columnsPx]);
  const shownRange = data && data.range === range && cellWidth > 0 ? range : null;
  useEffect(() => {
    if (shownRange) markPainted(`rcc:chart:${shownRange}`);
  }, [shownRange]);

  return (
    <section className="signal-chart" aria-label={`Signals of ${component} in ${region}`} data-region={region} data-component={component}>
      <div className="signal-chart-toolbar">
        {showRangePicker && <RangePicker />}
        {data && (
          <span className="muted chart-meta">
            {formatUtc(data.from).slice(0, 16)} – {formatUtc(data.to).slice(11)} · step {data.stepSeconds} s · from {data.source === 'prometheus' ? 'Prometheus' : 'the region endpoint'}
            {chart.isFetching && ' · refreshing…'}
          </span>
        )}
        <span className="chart-key muted" aria-hidden="true">
          <i className="key-line key-canary" /> canary <i className="key-line key-baseline" /> baseline <i className="key-line key-rollout" /> rollout stage <i className="key-line key-action" /> action
        </span>
      </div>
      {chart.isError && <p role="alert" className="error-text">Could not load the chart of {component} in {region}: {chart.error.message}</p>}
      {data && <Problems problems={data.problems} />}
      <div ref={gridRef} className={`signal-grid columns-${columns}`}>
        {!data && !chart.isError && <p aria-busy="true" className="muted">Loading signals of {component} in {region}…</p>}
        {data && cellWidth > 0 &&
          views.map((view, i) => <SignalPlot key={view.plot.signal} view={view} labelAnnotations={i === 0} width={cellWidth} height={PLOT_HEIGHT} />)}
      </div>
      {data && data.annotations.length > 0 && (
        <ol className="annotation-list" aria-label="Rollout stage changes and actions">
          {data.annotations.map((a, i) => (
            <li key={`${a.at}-${i}`} data-kind={a.kind}>
              <time dateTime={a.at}>{formatUtc(a.at)}</time> <span className={`badge annotation-${a.kind}`}>{a.kind}</span> {a.label}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
});

function plotViews(data: { series: Parameters<typeof signalPlots>[0]; from: string; to: string; range: PlotView['range']; annotations: PlotView['annotations'] }, plotWidth: number): PlotView[] {
  const from = Date.parse(data.from) / 1000;
  const to = Date.parse(data.to) / 1000;
  return signalPlots(data.series, CHART_SIGNALS, from, to, plotWidth).map((plot) => ({ plot, from, to, range: data.range, annotations: data.annotations }));
}

/** A failing source degrades only this panel, and says which region, source and query. */
export function Problems({ problems }: { problems: readonly TelemetryProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="telemetry-problems" role="status">
      {problems.map((p, i) => (
        <li key={i}>
          <strong>{p.region}</strong> · {p.source === 'prometheus' ? 'Prometheus' : 'region endpoint'}: {p.message} <code title={p.query}>{p.query.length > 120 ? `${p.query.slice(0, 117)}…` : p.query}</code>
        </li>
      ))}
    </ul>
  );
}
