import type { IncomingMessage, ServerResponse } from 'node:http';
import { ActionRequest, type ActionResult } from '../../shared/protocol/index.ts';
import { HttpError, describeIssue, readJson, sendJson, sleep } from './http-io.ts';
import { IDEMPOTENCY_KEY } from './idempotency.ts';
import { malformedActionResult } from './malform.ts';
import type { FleetRuntime, RegionRuntime } from './runtime.ts';

function respond(res: ServerResponse, region: RegionRuntime, result: ActionResult, headers: Record<string, string> = {}): void {
  const body = region.faults.malformed ? malformedActionResult(result) : result;
  sendJson(res, 200, body, { headers, truncated: region.faults.truncated });
}

function idempotencyKey(req: IncomingMessage): string {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) throw new HttpError(400, 'missing_idempotency_key', 'POST /v1/actions needs an Idempotency-Key header');
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined || !IDEMPOTENCY_KEY.test(key)) {
    throw new HttpError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 8–128 visible ASCII characters');
  }
  return key;
}

/**
 * POST /v1/actions. A key is bound to its first request: the same request again gets the first
 * result (`Idempotent-Replayed: true`), a different one 422, and 409 while the first is in flight.
 */
export async function postAction(req: IncomingMessage, res: ServerResponse, region: RegionRuntime, fleet: FleetRuntime): Promise<void> {
  const key = idempotencyKey(req);
  const parsed = ActionRequest.safeParse(await readJson(req));
  if (!parsed.success) throw new HttpError(400, 'invalid_request', `invalid action: ${describeIssue(parsed.error.issues)}`);
  const request = parsed.data;

  const admission = region.idempotency.admit(key, request);
  if (admission.kind === 'replay') return respond(res, region, admission.result, { 'idempotent-replayed': 'true' });
  if (admission.kind === 'mismatch') {
    throw new HttpError(422, 'idempotency_key_reused', `Idempotency-Key ${key} was already used for a different action`);
  }
  if (admission.kind === 'fenced') {
    throw new HttpError(410, 'idempotency_key_fenced', `Idempotency-Key ${key} was looked up before any request with it arrived, and reported never received: it can no longer be applied (send the action again with a new key)`);
  }
  if (admission.kind === 'in-flight') {
    throw new HttpError(409, 'request_in_progress', `the first request with Idempotency-Key ${key} is still being processed`, { 'retry-after': '1' });
  }

  try {
    const acceptedAt = new Date(fleet.clock.now()).toISOString();
    if (region.faults.actionDelayMs > 0) await sleep(region.faults.actionDelayMs);
    const atMs = fleet.sync(region);
    const applied = region.sim.applyAction(request, atMs);
    countApplied(region, key);
    const result: ActionResult = { key, request, status: applied.status, message: applied.message, acceptedAt, revision: applied.revision };
    region.idempotency.complete(key, result);
    if (region.faults.dropActionResponses > 0 && region.errorRng.chance(region.faults.dropActionResponses)) {
      req.socket.destroy(); // applied, but the answer never arrives
      return;
    }
    respond(res, region, result);
  } catch (err) {
    region.idempotency.abandon(key);
    throw err;
  }
}

const MAX_COUNTED_KEYS = 100_000;

function countApplied(region: RegionRuntime, key: string): void {
  region.appliedActions.set(key, (region.appliedActions.get(key) ?? 0) + 1);
  if (region.appliedActions.size > MAX_COUNTED_KEYS) {
    const oldest = region.appliedActions.keys().next();
    if (!oldest.done) region.appliedActions.delete(oldest.value);
  }
}

/** GET /v1/actions/<key>: the recorded result, for reconciling after a crash. */
export function getAction(res: ServerResponse, region: RegionRuntime, key: string): void {
  const entry = region.idempotency.lookup(key);
  if (!entry) throw new HttpError(404, 'unknown_idempotency_key', `no action was received with Idempotency-Key ${key}`);
  if (entry.state === 'processing') {
    throw new HttpError(409, 'request_in_progress', `the action with Idempotency-Key ${key} is still being processed`, { 'retry-after': '1' });
  }
  respond(res, region, entry.result);
}
