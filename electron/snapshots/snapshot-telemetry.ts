import type Database from 'better-sqlite3';
import type { SnapshotManifest, TelemetrySourceKind } from '../../shared/contract/index.ts';
import type { Signal } from '../../shared/protocol/index.ts';
import type { TelemetryRequest, TelemetryResult, TelemetrySeries, TelemetrySource } from '../common/telemetry-source.ts';
import { decodePoints } from './format.ts';

type Row = [component: string, version: string, points: Buffer];

/**
 * One region's telemetry as the snapshot stored it: every series on one grid of `stepSeconds` over
 * the window before T. A request is answered with the stored points inside its range that sit on
 * its step (every stored point when the step is finer than the stored one); a query that failed when
 * the snapshot was taken fails again with the same message. `kind` is the region's original source:
 * the contract has no `snapshot` kind.
 */
export class SnapshotTelemetrySource implements TelemetrySource {
  readonly minStepSeconds: number;
  private readonly failed = new Map<Signal, string>();
  private readonly warnings = new Map<Signal, string>();
  private readonly select: Database.Statement<[{ region: string; signal: string; component: string | null; version: string | null }]>;

  constructor(
    private readonly db: Database.Database,
    readonly regionId: string,
    readonly kind: TelemetrySourceKind,
    private readonly label: string,
    telemetry: SnapshotManifest['telemetry'],
  ) {
    this.minStepSeconds = telemetry.stepSeconds;
    for (const p of telemetry.problems) {
      if (p.region !== regionId) continue;
      (p.failed ? this.failed : this.warnings).set(p.signal, p.message);
    }
    this.select = db.prepare(
      'SELECT component, version, points FROM telemetry WHERE region = @region AND signal = @signal AND (@component IS NULL OR component = @component) AND (@version IS NULL OR version = @version) ORDER BY component, version',
    );
  }

  describe(r: TelemetryRequest): string {
    return `snapshot ${this.label}: ${this.regionId} ${r.signal} ${r.component ?? '*'}@${r.version ?? '*'} from ${r.from} to ${r.to} step ${r.stepSeconds}`;
  }

  async query(request: TelemetryRequest, signal?: AbortSignal): Promise<TelemetryResult> {
    signal?.throwIfAborted();
    const failure = this.failed.get(request.signal);
    if (failure !== undefined) throw new Error(failure);
    const rows = this.select.raw().all({ region: this.regionId, signal: request.signal, component: request.component ?? null, version: request.version ?? null }) as Row[];
    const series: TelemetrySeries[] = rows.map(([component, version, blob]) => ({
      component,
      version,
      signal: request.signal,
      points: pick(decodePoints(blob), request, this.minStepSeconds),
    }));
    const warning = this.warnings.get(request.signal);
    return { series, warnings: warning === undefined ? [] : [warning] };
  }
}

function pick(points: Array<[number, number]>, { from, to, stepSeconds }: TelemetryRequest, stored: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (stepSeconds % stored === 0) {
    for (const p of points) if (p[0] >= from && p[0] <= to && p[0] % stepSeconds === 0) out.push(p);
    return out;
  }
  let last = -Infinity;
  for (const p of points) {
    if (p[0] < from || p[0] > to || p[0] - last < stepSeconds) continue;
    out.push(p);
    last = p[0];
  }
  return out;
}
