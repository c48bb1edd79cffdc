import { regionHeadline } from '../../../shared/fleet/region-headline.ts';
import type { RegionStatus } from '../../../shared/contract/index.ts';
import { ageSeconds, formatAge, formatUtc } from '../lib/time.ts';
import { useNow } from '../lib/use-now.ts';
import { useRegions } from '../app/use-regions.ts';
import { useCall } from '../api/hooks.ts';
import { useAlertsLive } from '../app/use-fleet-live.ts';
import { AlertStatus } from './alerts/AlertStatus.tsx';

export function StatusBar() {
  const regions = useRegions();
  const info = useCall('app.info', {});
  const settings = useCall('settings.get', {});
  const now = useNow();
  const staleAfter = settings.data?.staleAfterSeconds ?? 30;
  // The status bar is always mounted: it keeps every alert count in step with `alerts.changed`.
  useAlertsLive();
  return (
    <footer className="status-bar" aria-label="Region connection status">
      <ul className="status-regions">
        {(regions.data ?? []).map((region) => (
          <RegionPill key={region.id} region={region} now={now} staleAfter={staleAfter} />
        ))}
        {regions.isError && <li className="pill pill-unreachable">Regions unavailable: {regions.error.message}</li>}
      </ul>
      <AlertStatus />
      <span className="status-host muted">
        {info.data ? `${info.data.host === 'electron' ? 'Desktop' : 'Web host'} · ${info.data.user}@${info.data.workstation} · v${info.data.version}` : '…'}
      </span>
    </footer>
  );
}

function RegionPill({ region, now, staleAfter }: { region: RegionStatus; now: Date; staleAfter: number }) {
  const age = ageSeconds(region.lastGoodAt, now);
  const stale = age !== null && age > staleAfter;
  const headline = regionHeadline(region);
  return (
    <li
      className={`pill pill-${region.state}${stale ? ' pill-stale' : ''}`}
      data-region={region.id}
      data-state={region.state}
      title={`${region.baseUrl}${region.lastGoodAt ? `\nlast good data ${formatUtc(region.lastGoodAt)}` : ''}${region.lastError ? `\n${region.lastError.message}` : ''}`}
      aria-label={`${region.name}: ${region.state}${headline ? `, ${headline}` : ''}`}
    >
      <span className="dot" aria-hidden="true" />
      <strong>{region.name}</strong> {region.state}{headline && <span className="pill-headline"> ({headline})</span>} · <span className="age">{formatAge(region.lastGoodAt, now)}</span>
    </li>
  );
}
