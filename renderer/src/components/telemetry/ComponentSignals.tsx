import { useId } from 'react';
import { CanaryVerdict } from './CanaryVerdict.tsx';
import { useJudgements } from './queries.ts';
import { SignalChart } from './SignalChart.tsx';
import { useTelemetryUi } from './telemetry-ui.ts';

interface Props {
  component: string;
  /** Regions where the component runs, in display order. */
  regions: readonly { id: string; name: string }[];
  /** The region shown first when none was chosen (e.g. where a rollout is in flight). */
  preferredRegion: string | null;
}

/** The component page's "Signals" section: the canary judgement of its rollouts and the chart of one region. */
export function ComponentSignals({ component, regions, preferredRegion }: Props) {
  const chosen = useTelemetryUi((s) => s.chartRegion[component]);
  const setChartRegion = useTelemetryUi((s) => s.setChartRegion);
  const judgements = useJudgements({ component });
  const selectId = useId();
  const region = regions.find((r) => r.id === chosen)?.id ?? preferredRegion ?? regions[0]?.id ?? null;

  return (
    <section className="component-signals" aria-labelledby={`${selectId}-title`}>
      <h2 id={`${selectId}-title`}>Signals</h2>
      {judgements.isError && <p className="error-text">Could not judge the canaries: {judgements.error.message}</p>}
      {judgements.data && judgements.data.length > 0 && (
        <div className="canary-verdicts" aria-label="Canary judgements">
          {judgements.data.map((j) => <CanaryVerdict key={j.rolloutId} judgement={j} />)}
        </div>
      )}
      {region === null ? (
        <p className="muted">This component does not run in any region.</p>
      ) : (
        <>
          <div className="component-signals-head">
            <label htmlFor={selectId}>Region</label>
            <select id={selectId} value={region} onChange={(e) => setChartRegion(component, e.target.value)}>
              {regions.map((r) => <option key={r.id} value={r.id}>{r.name} ({r.id})</option>)}
            </select>
          </div>
          <SignalChart region={region} component={component} />
        </>
      )}
    </section>
  );
}
