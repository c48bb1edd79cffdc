import type { CadenceSummary } from '../../../../shared/cadence/schemas.ts';
import { plural } from '../../lib/format.ts';
import { formatDuration, formatPercent, utcDate } from './format.ts';

interface Figure {
  id: string;
  title: string;
  value: string;
  unit: string;
  detail: string;
  /** Met the target (frequency only); undefined when there is no target to meet. */
  good?: boolean;
}

function figures(s: CadenceSummary): Figure[] {
  const f = s.frequency;
  const lead = s.leadTime;
  const cfr = s.changeFailure;
  const ttr = s.restore;
  return [
    {
      id: 'frequency',
      title: 'Deployment frequency',
      value: f.perRegionPerWeek.toFixed(2),
      unit: `releases / region / week (target ${s.weeklyTarget})`,
      detail: `${plural(f.releases, 'release')} to production in ${plural(s.regions.length, 'region')}; on target in ${f.regionWeeksOnTarget} of ${f.regionWeeks} region-weeks`,
      good: f.perRegionPerWeek >= s.weeklyTarget,
    },
    {
      id: 'lead-time',
      title: 'Lead time',
      value: formatDuration(lead.medianMs),
      unit: `median · p90 ${formatDuration(lead.p90Ms)}`,
      detail: `first stage gate → first region in production, n = ${plural(lead.trains, 'train')}`,
    },
    {
      id: 'change-failure',
      title: 'Change-failure rate',
      value: formatPercent(cfr.rate),
      unit: 'of trains',
      detail: `${cfr.failedTrains} of ${plural(cfr.trains, 'train')} needed a rollback or a toggle-off`,
    },
    {
      id: 'restore',
      title: 'Time to restore',
      value: formatDuration(ttr.medianMs),
      unit: 'median',
      detail: `alert first seen or failure detected → restored, n = ${ttr.samples}${ttr.open > 0 ? `; ${ttr.open} still open` : ''}`,
    },
  ];
}

/** The four numbers a board can quote, each with its period and sample size. */
export function KeyFigures({ summary }: { summary: CadenceSummary }) {
  const period = `${utcDate(summary.period.from)} → ${utcDate(summary.period.to)} UTC (${summary.period.weeks} weeks)`;
  return (
    <div className="cadence-keys" role="list" aria-label="DORA keys">
      {figures(summary).map((f) => (
        <article key={f.id} role="listitem" className="card cadence-key" data-testid={`cadence-key-${f.id}`} aria-label={f.title}>
          <h2>{f.title}</h2>
          <p className={`cadence-value${f.good === undefined ? '' : f.good ? ' ok-text' : ' warn-text'}`} data-testid="value">
            {f.value}
          </p>
          <p className="cadence-unit">{f.unit}</p>
          <p className="muted cadence-detail">{f.detail}</p>
          <p className="muted cadence-detail">{period}</p>
        </article>
      ))}
    </div>
  );
}
