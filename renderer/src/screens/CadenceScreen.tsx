import { useState } from 'react';
import type { CadenceBucket, CadenceRange, CadenceSummary } from '../../../shared/cadence/schemas.ts';
import { useCall } from '../api/hooks.ts';
import { FailureTable, RegionFrequencyTable } from '../components/cadence/CadenceTables.tsx';
import { FrequencyChart } from '../components/cadence/FrequencyChart.tsx';
import { DAYS, HOURS } from '../components/cadence/format.ts';
import { KeyFigures } from '../components/cadence/KeyFigures.tsx';
import { TrendChart } from '../components/cadence/TrendChart.tsx';

const RANGES: { id: CadenceRange; label: string }[] = [
  { id: '4w', label: '4 weeks' },
  { id: '13w', label: 'Quarter' },
  { id: '26w', label: 'Half year' },
  { id: '52w', label: 'Year' },
];
const BUCKETS: { id: CadenceBucket; label: string }[] = [
  { id: 'week', label: 'Weekly' },
  { id: 'month', label: 'Monthly' },
];

const oneDecimal = (v: number) => (Math.round(v * 10) / 10).toString();

function trendRows(s: CadenceSummary) {
  return s.trend.map((p) => ({
    at: Date.parse(p.start),
    perRegionPerWeek: p.perRegionPerWeek,
    target: s.weeklyTarget,
    leadMedian: p.leadTimeMedianMs === null ? null : p.leadTimeMedianMs / DAYS,
    leadP90: p.leadTimeP90Ms === null ? null : p.leadTimeP90Ms / DAYS,
    cfr: p.changeFailureRate === null ? null : p.changeFailureRate * 100,
    restore: p.restoreMedianMs === null ? null : p.restoreMedianMs / HOURS,
  }));
}

/** Release cadence for a change-control board: the four DORA keys against the weekly target, with trends. */
export function CadenceScreen() {
  const [range, setRange] = useState<CadenceRange>('13w');
  const [bucket, setBucket] = useState<CadenceBucket>('week');
  const summary = useCall('cadence.summary', { range, bucket }, { refetchInterval: 60_000, placeholderData: (previous) => previous });
  const s = summary.data;
  const rows = s ? trendRows(s) : [];
  return (
    <section className="screen cadence-screen" aria-labelledby="cadence-title">
      <header className="screen-header">
        <h1 id="cadence-title">Cadence</h1>
      </header>
      <p className="muted summary-line">
        The four DORA keys over complete UTC weeks, from stored history: the regions' release histories and the rollouts this console saw complete, the trains' stage gates, the rollbacks and toggle-offs in the audit store, and resolved alerts.
      </p>
      <div className="alerts-toolbar">
        <div className="segmented" role="group" aria-label="Period">
          {RANGES.map((r) => (
            <button key={r.id} type="button" aria-pressed={range === r.id} onClick={() => setRange(r.id)}>
              {r.label}
            </button>
          ))}
        </div>
        <div className="segmented" role="group" aria-label="Trend per">
          {BUCKETS.map((b) => (
            <button key={b.id} type="button" aria-pressed={bucket === b.id} onClick={() => setBucket(b.id)}>
              {b.label}
            </button>
          ))}
        </div>
      </div>
      {summary.isPending && <p aria-busy="true">Computing cadence…</p>}
      {summary.isError && <p role="alert">Could not compute cadence: {summary.error.message}</p>}
      {s && (
        <>
          <KeyFigures summary={s} />
          <h2>Releases to production per region</h2>
          <FrequencyChart regions={s.frequency.byRegion} target={s.weeklyTarget} />
          <RegionFrequencyTable summary={s} />
          <h2>Trends</h2>
          <div className="cadence-trends">
            <TrendChart
              title="Deployment frequency"
              unit="releases / region / week"
              axis="releases"
              rows={rows}
              bucket={s.bucket}
              format={(v) => v.toFixed(2)}
              series={[
                { key: 'perRegionPerWeek', label: 'releases / region / week', colour: '#3b8eea' },
                { key: 'target', label: 'target', colour: '#2ea043', dashed: true },
              ]}
            />
            <TrendChart
              title="Lead time"
              unit="days"
              rows={rows}
              bucket={s.bucket}
              format={oneDecimal}
              series={[
                { key: 'leadMedian', label: 'median', colour: '#8f6ee0' },
                { key: 'leadP90', label: 'p90', colour: '#8f6ee0', dashed: true },
              ]}
            />
            <TrendChart title="Change-failure rate" unit="% of trains" rows={rows} bucket={s.bucket} format={(v) => Math.round(v).toString()} series={[{ key: 'cfr', label: 'change-failure rate', colour: '#e5534b' }]} />
            <TrendChart title="Time to restore" unit="hours, median" rows={rows} bucket={s.bucket} format={oneDecimal} series={[{ key: 'restore', label: 'median', colour: '#d29922' }]} />
          </div>
          <h2>Failed releases</h2>
          <FailureTable summary={s} />
        </>
      )}
    </section>
  );
}
