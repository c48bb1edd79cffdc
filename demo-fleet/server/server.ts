import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isDown } from '../model/faults.ts';
import { postAction, getAction } from './action-routes.ts';
import { bearerToken, tokenMatches } from './auth.ts';
import { serveChanges } from './change-stream.ts';
import { handleControl } from './control-routes.ts';
import { HttpError, sendError, sendJson, sleep } from './http-io.ts';
import { getFleet, getHealth, getMetrics, getTelemetry } from './read-routes.ts';
import type { FleetRuntime, RegionRuntime } from './runtime.ts';

const REGION_PATH = /^\/regions\/([^/]+)(\/.*)?$/;

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'invalid_path', `malformed percent-encoding in "${segment}"`);
  }
}

function only(req: IncomingMessage, method: string, path: string): void {
  if (req.method !== method) throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}`, { allow: method });
}

/** Down regions lose the connection; slow ones wait; flaky ones fail some requests. False: handled. */
async function passFaults(req: IncomingMessage, res: ServerResponse, region: RegionRuntime, fleet: FleetRuntime, v1: boolean): Promise<boolean> {
  if (isDown(region.faults, fleet.clock.wall())) {
    req.socket.destroy();
    return false;
  }
  if (!v1) return true;
  if (region.faults.latencyMs > 0) {
    await sleep(region.faults.latencyMs);
    if (isDown(region.faults, fleet.clock.wall())) {
      req.socket.destroy();
      return false;
    }
  }
  if (region.faults.errorRate > 0 && region.errorRng.chance(region.faults.errorRate)) {
    const status = region.faults.errorStatus;
    sendError(res, status, 'injected_fault', `${region.spec.id} answered ${status} (injected fault)`, status === 503 || status === 429 ? { 'retry-after': '1' } : {});
    return false;
  }
  return true;
}

type ReadRoute = (req: IncomingMessage, res: ServerResponse, url: URL, region: RegionRuntime, fleet: FleetRuntime) => void;

const READS: ReadonlyMap<string, ReadRoute> = new Map<string, ReadRoute>([
  ['/v1/health', (_req, res, _url, region, fleet) => getHealth(res, region, fleet)],
  ['/v1/fleet', (_req, res, _url, region, fleet) => getFleet(res, region, fleet)],
  ['/v1/changes', (req, res, url, region, fleet) => serveChanges(req, res, url, region, fleet)],
  ['/v1/telemetry', (_req, res, url, region, fleet) => getTelemetry(res, url, region, fleet)],
]);

async function routeRegion(req: IncomingMessage, res: ServerResponse, url: URL, region: RegionRuntime, rest: string, fleet: FleetRuntime): Promise<void> {
  if (rest === '/metrics') {
    only(req, 'GET', rest);
    if (await passFaults(req, res, region, fleet, false)) await getMetrics(res, region, fleet);
    return;
  }
  if (!rest.startsWith('/v1/')) throw new HttpError(404, 'not_found', `no endpoint ${url.pathname}`);
  if (!(await passFaults(req, res, region, fleet, true))) return;
  if (!tokenMatches(bearerToken(req), region.token)) {
    throw new HttpError(401, 'unauthorized', `missing or wrong bearer token for region ${region.spec.id}`, { 'www-authenticate': `Bearer realm="${region.spec.id}"` });
  }
  const read = READS.get(rest);
  if (read) {
    only(req, 'GET', rest);
    return read(req, res, url, region, fleet);
  }
  if (rest === '/v1/actions') {
    only(req, 'POST', rest);
    return postAction(req, res, region, fleet);
  }
  const action = /^\/v1\/actions\/([^/]+)$/.exec(rest);
  if (action?.[1] !== undefined) {
    only(req, 'GET', '/v1/actions/{key}');
    return getAction(res, region, decodeSegment(action[1]));
  }
  throw new HttpError(404, 'not_found', `no endpoint ${url.pathname}`);
}

async function route(req: IncomingMessage, res: ServerResponse, fleet: FleetRuntime): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://demo-fleet.invalid');
  const path = url.pathname;
  if (path === '/' && req.method === 'GET') {
    return sendJson(res, 200, { service: 'rcc-demo-fleet', scenario: fleet.scenario(), regions: fleet.regions().map((r) => ({ id: r.spec.id, name: r.spec.name, path: `/regions/${r.spec.id}` })) });
  }
  if (path.startsWith('/control/')) return handleControl(req, res, path, fleet);
  const match = REGION_PATH.exec(path);
  if (!match?.[1]) throw new HttpError(404, 'not_found', `no endpoint ${path}`);
  const region = fleet.region(decodeSegment(match[1]));
  if (!region) throw new HttpError(404, 'unknown_region', `no region ${match[1]}`);
  return routeRegion(req, res, url, region, match[2] ?? '/', fleet);
}

export function createFleetServer(fleet: FleetRuntime): Server {
  const server = createServer((req, res) => {
    route(req, res, fleet).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) {
        res.destroy();
        return;
      }
      if (err instanceof HttpError) sendError(res, err.status, err.code, err.message, err.headers);
      else sendError(res, 500, 'internal', err instanceof Error ? err.message : String(err));
    });
  });
  server.keepAliveTimeout = 5_000;
  return server;
}
