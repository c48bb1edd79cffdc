import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { RegionFaultsPatch } from '../model/faults.ts';
import { ScenarioName } from '../model/scenarios.ts';
import { bearerToken, tokenMatches } from './auth.ts';
import { HttpError, describeIssue, readJson, sendJson } from './http-io.ts';
import type { FleetRuntime } from './runtime.ts';

export const FaultsControl = z.object({
  region: z.string().min(1),
  faults: RegionFaultsPatch.default({}),
  /** Clear every fault of the region before applying `faults`. */
  reset: z.boolean().default(false),
});

export const ScenarioControl = z.object({ scenario: ScenarioName });

function allFaults(fleet: FleetRuntime): Record<string, unknown> {
  return Object.fromEntries(fleet.regions().map((r) => [r.spec.id, r.faults]));
}

/** /control/faults and /control/scenario, guarded by the control token. */
export async function handleControl(req: IncomingMessage, res: ServerResponse, path: string, fleet: FleetRuntime): Promise<void> {
  if (!tokenMatches(bearerToken(req), fleet.controlToken)) {
    throw new HttpError(401, 'unauthorized', 'control endpoints need the control token', { 'www-authenticate': 'Bearer realm="rcc-demo-control"' });
  }
  if (path === '/control/faults') {
    if (req.method === 'GET') return sendJson(res, 200, { scenario: fleet.scenario(), faults: allFaults(fleet) });
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}`, { allow: 'GET, POST' });
    const parsed = FaultsControl.safeParse(await readJson(req));
    if (!parsed.success) throw new HttpError(400, 'invalid_request', describeIssue(parsed.error.issues));
    if (!fleet.region(parsed.data.region)) throw new HttpError(404, 'unknown_region', `no region ${parsed.data.region}`);
    const faults = fleet.setFaults(parsed.data.region, parsed.data.faults, parsed.data.reset);
    return sendJson(res, 200, { region: parsed.data.region, faults });
  }
  if (path === '/control/scenario') {
    if (req.method === 'GET') return sendJson(res, 200, { scenario: fleet.scenario() });
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}`, { allow: 'GET, POST' });
    const parsed = ScenarioControl.safeParse(await readJson(req));
    if (!parsed.success) throw new HttpError(400, 'invalid_request', describeIssue(parsed.error.issues));
    fleet.setScenario(parsed.data.scenario);
    return sendJson(res, 200, { scenario: fleet.scenario(), faults: allFaults(fleet) });
  }
  throw new HttpError(404, 'not_found', `no control endpoint ${path}`);
}
