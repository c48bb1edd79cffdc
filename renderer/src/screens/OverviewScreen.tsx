import type { CallOutput, RegionStatus } from '../../../shared/contract/index.ts';

type RegionSummary = CallOutput<'fleet.summary'>[number];
import { useCall } from '../api/hooks.ts';
import { count } from '../lib/format.ts';
import { useFleetLive } from '../app/use-fleet-live.ts';
import { useRegions } from '../app/use-regions.ts';
import { TrainMixBar } from '../components/TrainMixBar.tsx';
import { AlertSummary } from '../components/alerts/AlertSummary.tsx';
import { CauseSummary } from '../components/causes/CauseSummary.tsx';
import { RolloutActions } from '../components/actions/RolloutActions.tsx';
import { BlockedBadge } from '../components/trains/BlockedBadge.tsx';
import { useBlockedTrains } from '../components/trains/use-blocked-trains.ts';
import { regionHeadline } from '../../../shared/fleet/region-headline.ts';
import { ageSeconds, formatAge, formatUtc } from '../lib/time.ts';
import { useNow } from '../lib/use-now.ts';

export function OverviewScreen() {
  useFleetLive();
  const regions = useRegions();
  const summaries = useCall('fleet.summary', {});
  const now = useNow();
  const staleAfter = useCall('settings.get', {}).data?.staleAfterSeconds ?? 30;
  const byRegion = new Map((summaries.data ?? []).map((s) => [s.regionId, s]));
  return (
    <section className="screen" aria-labelledby="overview-title">
      <h1 id="overview-title">Fleet overview</h1>
      <AlertSummary />
      <CauseSummary />
      {regions.isPending && <p aria-busy="true">Connecting to regions…</p>}
      {regions.isError && <p role="alert">Could not list regions: {regions.error.message}</p>}
      <div className="region-grid">
        {(regions.data ?? []).map((region) => (
          <RegionCard key={region.id} region={region} summary={byRegion.get(region.id)} now={now} staleAfter={staleAfter} />
        ))}
      </div>
    </section>
  );
}

function RegionCard({ region, summary, now, staleAfter }: { region: RegionStatus; summary: RegionSummary | undefined; now: Date; staleAfter: number }) {
  const blocked = useBlockedTrains();
  const age = ageSeconds(region.lastGoodAt, now);
  const stale = age !== null && age > staleAfter;
  const headline = regionHeadline(region);
  return (
    <article className={`card region-card state-${region.state}`} data-region={region.id} data-state={region.state} aria-label={`Region ${region.name}`}>
      <header>
        <h2>{region.name}</h2>
        <span className={`badge badge-${region.state}`}>{region.state}</span>
        {region.insecure && (
          <span className="badge badge-status-warning badge-insecure" data-testid="insecure" title={`${region.baseUrl}: plain http to another host ("insecure": true in regions.json); traffic and the region token are not encrypted`}>
            insecure (http)
          </span>
        )}
      </header>
      <p className="muted">
        Data age: <span className={stale ? 'age error-text' : 'age'} data-testid="data-age" title={region.lastGoodAt ? formatUtc(region.lastGoodAt) : undefined}>{formatAge(region.lastGoodAt, now)}</span>
        {stale && <strong className="error-text"> · stale</strong>}
        {summary && <> · {summary.timezone}</>}
      </p>
      {headline && (
        <p className="region-headline" data-testid="region-headline">
          <strong>{headline}</strong>
        </p>
      )}
      {region.lastError && region.state !== 'connected' && (
        <p className="error-text region-error" role="status">
          {region.lastError.message}
        </p>
      )}
      {summary ? (
        <div className={region.state === 'unreachable' ? 'stale-data' : undefined} title={region.state === 'unreachable' ? 'Last known data' : undefined}>
          <dl className="stats">
            <div><dt>Instances</dt><dd>{count(summary.liveInstances)}{summary.failedInstances > 0 && <small className="error-text"> +{summary.failedInstances} failed</small>}</dd></div>
            <div><dt>Versions live</dt><dd>{count(summary.liveVersions)}</dd></div>
            <div><dt>Active users</dt><dd>{count(summary.activeUsers)}</dd></div>
            <div><dt>Databases</dt><dd>{count(summary.databases)}{summary.migrating > 0 && <small className="muted"> {summary.migrating} migrating</small>}</dd></div>
            <div><dt>Toggles on</dt><dd>{summary.togglesOn} / {summary.toggles}</dd></div>
            <div><dt>Rollouts in flight</dt><dd>{summary.rolloutsInFlight.length}</dd></div>
            <div className={summary.violations > 0 ? 'stat-bad' : undefined}><dt>Violations</dt><dd data-testid="violations">{summary.violations}</dd></div>
          </dl>
          <TrainMixBar mix={summary.instancesByTrain} label={`${region.name} instances by train`} />
          {summary.rolloutsInFlight.length > 0 && (
            <ul className="rollouts">
              {summary.rolloutsInFlight.slice(0, 4).map((r) => (
                <li key={r.id} data-rollout={r.id}>
                  <span>
                    <strong>{r.component}</strong> {r.fromVersion} → {r.toVersion} <span className={`badge badge-rollout-${r.state}`}>{r.state}</span>{' '}
                    {blocked.ofVersion(r.component, r.toVersion) && <><BlockedBadge train={blocked.ofVersion(r.component, r.toVersion)!} />{' '}</>}
                    <span className="muted">{r.stage} · {r.canaryPercent}%</span>
                  </span>
                  <RolloutActions region={region.id} rollout={r} compact />
                </li>
              ))}
              {summary.rolloutsInFlight.length > 4 && <li className="muted">+{summary.rolloutsInFlight.length - 4} more</li>}
            </ul>
          )}
        </div>
      ) : (
        region.state !== 'unreachable' && <p className="muted">Waiting for the first fleet state…</p>
      )}
    </article>
  );
}
