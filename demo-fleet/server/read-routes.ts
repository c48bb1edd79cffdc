import type { ServerResponse } from 'node:http';
import type { Health } from '../../shared/protocol/index.ts';
import { queryTelemetry, TelemetryParams } from '../telemetry/query.ts';
import { HttpError, describeIssue, sendJson } from './http-io.ts';
import { malformedFleet, malformedHealth, malformedTelemetry } from './malform.ts';
import type { FleetRuntime, RegionRuntime } from './runtime.ts';

export function getHealth(res: ServerResponse, region: RegionRuntime, fleet: FleetRuntime): void {
  const atMs = fleet.sync(region);
  const degraded = region.sim.incidents.some((i) => (region.sim.model.instances.versionsOf(i.component).get(i.version) ?? 0) > 0);
  const health: Health = { status: degraded ? 'degraded' : 'ok', region: region.spec.id, time: new Date(atMs).toISOString(), revision: region.sim.revision };
  sendJson(res, 200, region.faults.malformed ? malformedHealth(health) : health, { truncated: region.faults.truncated });
}

export function getFleet(res: ServerResponse, region: RegionRuntime, fleet: FleetRuntime): void {
  const atMs = fleet.sync(region);
  const state = region.sim.snapshot(atMs);
  sendJson(res, 200, region.faults.malformed ? malformedFleet(state) : state, { truncated: region.faults.truncated });
}

export function getTelemetry(res: ServerResponse, url: URL, region: RegionRuntime, fleet: FleetRuntime): void {
  const raw = Object.fromEntries(url.searchParams.entries());
  const parsed = TelemetryParams.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, 'invalid_query', `invalid telemetry query: ${describeIssue(parsed.error.issues)}`);
  fleet.sync(region);
  const outcome = queryTelemetry(region.sim, fleet.seed, parsed.data);
  if (!outcome.ok) throw new HttpError(outcome.status, outcome.code, outcome.message);
  sendJson(res, 200, region.faults.malformed ? malformedTelemetry(outcome.body) : outcome.body, { truncated: region.faults.truncated });
}

export async function getMetrics(res: ServerResponse, region: RegionRuntime, fleet: FleetRuntime): Promise<void> {
  const atMs = fleet.sync(region);
  region.metrics.update(atMs);
  const text = await region.metrics.registry.metrics();
  res.writeHead(200, { 'content-type': region.metrics.registry.contentType, 'cache-control': 'no-store' });
  res.end(text);
}
