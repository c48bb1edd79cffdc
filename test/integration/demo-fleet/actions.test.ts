import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionResult, ChangeEvent, FleetState, type ActionRequest } from '../../../shared/protocol/index.ts';
import { errorCode, eventually, startHarness, type Harness } from './helpers/harness.ts';
import { changeEvents, SseClient } from './helpers/sse-client.ts';

let h: Harness;
let rolloutIds: string[];
beforeAll(async () => {
  h = await startHarness();
  const fleet = FleetState.parse(await (await h.call('us-east', '/v1/fleet')).json());
  rolloutIds = fleet.rollouts.filter((r) => r.state === 'progressing').map((r) => r.id);
});
afterAll(() => h.stop());

let keySeq = 0;
const newKey = () => `test-key-${++keySeq}-${Date.now()}`;
const post = (body: unknown, key: string | null, region = 'us-east') =>
  h.call(region, '/v1/actions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { 'idempotency-key': key }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const rollout = (i: number): string => rolloutIds[i] ?? 'missing';

describe('POST /v1/actions', () => {
  it('applies an action once and replays its result for the same key and body', async () => {
    const key = newKey();
    const request: ActionRequest = { type: 'rollout.pause', rolloutId: rollout(0) };
    const first = await post(request, key);
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const result = ActionResult.parse(await first.json());
    expect(result).toMatchObject({ key, request, status: 'succeeded' });
    const fleet = FleetState.parse(await (await h.call('us-east', '/v1/fleet')).json());
    expect(fleet.rollouts.find((r) => r.id === rollout(0))?.state).toBe('paused');
    expect(fleet.revision).toBe(result.revision);

    const again = await post(request, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(ActionResult.parse(await again.json())).toEqual(result);
    const after = FleetState.parse(await (await h.call('us-east', '/v1/fleet')).json());
    expect(after.revision).toBe(fleet.revision);
  });

  it('answers 422 when a key is reused for a different action', async () => {
    const key = newKey();
    expect((await post({ type: 'rollout.pause', rolloutId: rollout(1) }, key)).status).toBe(200);
    const reused = await post({ type: 'rollout.abort', rolloutId: rollout(1) }, key);
    expect(reused.status).toBe(422);
    expect(await errorCode(reused)).toBe('idempotency_key_reused');
  });

  it('answers 409 while the first request with a key is still processing, then the result', async () => {
    h.fleet.setFaults('us-east', { actionDelayMs: 1_000 });
    try {
      const key = newKey();
      const request = { type: 'rollout.pause', rolloutId: rollout(2) };
      const first = post(request, key);
      // The region knows the key as soon as it admits the first request (404 before that).
      const lookup = await eventually(async () => {
        const res = await h.call('us-east', `/v1/actions/${key}`);
        if (res.status !== 404) return res;
        await res.body?.cancel();
        return false;
      }, 'the first request to be admitted');
      expect(lookup.status).toBe(409);
      expect(await errorCode(lookup)).toBe('request_in_progress');
      const second = await post(request, key);
      expect(second.status).toBe(409);
      expect(second.headers.get('retry-after')).toBe('1');
      expect(await errorCode(second)).toBe('request_in_progress');
      const done = ActionResult.parse(await (await first).json());
      expect(done.status).toBe('succeeded');
      const found = await h.call('us-east', `/v1/actions/${key}`);
      expect(found.status).toBe(200);
      expect(ActionResult.parse(await found.json())).toEqual(done);
    } finally {
      h.fleet.setFaults('us-east', { actionDelayMs: 0 });
    }
  });

  it('GET /v1/actions/<key> is 404 for a key never seen (and keys are per region)', async () => {
    const key = newKey();
    expect((await post({ type: 'rollout.resume', rolloutId: rollout(0) }, key)).status).toBe(200);
    expect((await h.call('us-east', `/v1/actions/${key}`)).status).toBe(200);
    const other = await h.call('eu-west', `/v1/actions/${key}`);
    expect(other.status).toBe(404);
    expect(await errorCode(other)).toBe('unknown_idempotency_key');
  });

  it('a key reported never received is fenced: a request with it arriving later is refused, nothing applied', async () => {
    const key = newKey();
    const lookup = await h.call('eu-west', `/v1/actions/${key}`);
    expect(lookup.status).toBe(404);
    const before = h.fleet.appliedActions('eu-west').get(key) ?? 0;
    const late = await post({ type: 'rollout.pause', rolloutId: 'eu-west.any.2026.01' }, key, 'eu-west');
    expect(late.status).toBe(410);
    expect(await errorCode(late)).toBe('idempotency_key_fenced');
    expect(h.fleet.appliedActions('eu-west').get(key) ?? 0).toBe(before);
    expect((await h.call('eu-west', `/v1/actions/${key}`)).status).toBe(404);
  });

  it('returns 200 with status failed for a well-formed action the region rejects', async () => {
    const res = await post({ type: 'rollout.abort', rolloutId: 'us-east.nope.2026.01' }, newKey());
    expect(res.status).toBe(200);
    const result = ActionResult.parse(await res.json());
    expect(result).toMatchObject({ status: 'failed', revision: null });
    expect(result.message).toContain('unknown rollout');
  });

  it('answers 400 for a missing or invalid key and for invalid bodies, naming the field', async () => {
    const ok = { type: 'rollout.pause', rolloutId: rollout(0) };
    expect(await errorCode(await post(ok, null))).toBe('missing_idempotency_key');
    const short = await post(ok, 'short');
    expect(short.status).toBe(400);
    expect(await errorCode(short)).toBe('invalid_idempotency_key');
    const missingField = await post({ type: 'rollout.pause' }, newKey());
    expect(missingField.status).toBe(400);
    expect(((await missingField.json()) as { error: { message: string } }).error.message).toContain('rolloutId');
    const badType = await post({ type: 'component.rollback', component: 'search', toTrain: 'two' }, newKey());
    expect(((await badType.json()) as { error: { message: string } }).error.message).toContain('toTrain');
    expect(await errorCode(await post('{not json', newKey()))).toBe('invalid_json');
  });

  it('streams the action effect as the change event of the result revision', async () => {
    const r = h.region('ca-central');
    const stream = await SseClient.open(`${r.baseUrl}/v1/changes`, { authorization: `Bearer ${r.token}` });
    try {
      const fleet = FleetState.parse(await (await h.call('ca-central', '/v1/fleet')).json());
      const toggle = fleet.toggles[0];
      if (!toggle) throw new Error('no toggle');
      const next = toggle.state === 'on' ? 'off' : 'on';
      const result = ActionResult.parse(await (await post({ type: 'toggle.set', key: toggle.key, state: next }, newKey(), 'ca-central')).json());
      const messages = await stream.until((m) => changeEvents(m).some((e) => e.id === String(result.revision)));
      const event = ChangeEvent.parse(JSON.parse(changeEvents(messages).find((e) => e.id === String(result.revision))?.data ?? 'null'));
      expect(event).toMatchObject({ type: 'toggle.upsert', toggle: { key: toggle.key, state: next } });
    } finally {
      stream.close();
    }
  });
});
