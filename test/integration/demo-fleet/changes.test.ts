import { afterEach, describe, expect, it } from 'vitest';
import { ChangeEvent, FleetState, StreamReset } from '../../../shared/protocol/index.ts';
import { RegionModel } from '../../../demo-fleet/sim/region-model.ts';
import { startHarness, type Harness } from './helpers/harness.ts';
import { changeEvents, SseClient } from './helpers/sse-client.ts';

let h: Harness | null = null;
const streams: SseClient[] = [];
afterEach(async () => {
  for (const s of streams.splice(0)) s.close();
  await h?.stop();
  h = null;
});

async function open(harness: Harness, regionId: string, headers: Record<string, string> = {}, query = ''): Promise<SseClient> {
  const r = harness.region(regionId);
  const client = await SseClient.open(`${r.baseUrl}/v1/changes${query}`, { authorization: `Bearer ${r.token}`, ...headers });
  streams.push(client);
  return client;
}

async function fleetOf(harness: Harness, regionId: string): Promise<FleetState> {
  return FleetState.parse(await (await harness.call(regionId, '/v1/fleet')).json());
}

describe('GET /v1/changes', () => {
  it('streams live change events whose SSE id is their revision', async () => {
    h = await startHarness();
    const stream = await open(h, 'us-east');
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const start = (await fleetOf(h, 'us-east')).revision;
    h.advance(3_000);
    const messages = await stream.until((m) => changeEvents(m).length >= 20);
    const events = changeEvents(messages);
    events.forEach((e, i) => {
      const parsed = ChangeEvent.parse(JSON.parse(e.data));
      expect(e.id).toBe(String(parsed.revision));
      expect(parsed.revision).toBe(start + 1 + i);
    });
  });

  it('resumes after Last-Event-ID and the replayed events rebuild the later fleet', async () => {
    h = await startHarness();
    h.advance(1_000);
    const before = await fleetOf(h, 'eu-west');
    h.advance(5_000);
    const after = await fleetOf(h, 'eu-west');
    const missed = after.revision - before.revision;
    expect(missed).toBeGreaterThan(30);
    const stream = await open(h, 'eu-west', { 'last-event-id': String(before.revision) });
    const events = changeEvents(await stream.until((m) => changeEvents(m).length >= missed));
    expect(events.map((e) => Number(e.id))).toEqual(Array.from({ length: missed }, (_, i) => before.revision + 1 + i));
    const model = new RegionModel(before);
    for (const e of events) model.apply(ChangeEvent.parse(JSON.parse(e.data)));
    expect(JSON.stringify(model.snapshot(after.generatedAt))).toBe(JSON.stringify(after));
  });

  it('accepts ?lastEventId= when the header cannot be set', async () => {
    h = await startHarness();
    h.advance(2_000);
    const stream = await open(h, 'ca-central', {}, '?lastEventId=3');
    const [first] = changeEvents(await stream.until((m) => changeEvents(m).length >= 1));
    expect(first?.id).toBe('4');
  });

  it('sends one reset then continues live when the id is older than the buffer', async () => {
    h = await startHarness({ replayBufferSize: 50 });
    h.advance(10_000);
    const current = (await fleetOf(h, 'us-east')).revision;
    expect(current).toBeGreaterThan(60);
    const stream = await open(h, 'us-east', { 'last-event-id': '1' });
    const [reset] = (await stream.until((m) => m.some((x) => x.kind === 'event'))).filter((m) => m.kind === 'event');
    expect(reset).toMatchObject({ event: 'reset', id: String(current) });
    const body = StreamReset.parse(JSON.parse(reset?.kind === 'event' ? reset.data : 'null'));
    expect(body.revision).toBe(current);
    expect(body.reason).toContain('older than the replay buffer');
    h.advance(1_000);
    const live = changeEvents(await stream.until((m) => changeEvents(m).length >= 1));
    expect(live[0]?.id).toBe(String(current + 1));
    expect(stream.events().filter((e) => e.event === 'reset')).toHaveLength(1);
  });

  it('resets when the id is in the future or not a revision', async () => {
    h = await startHarness();
    const future = await open(h, 'ap-southeast', { 'last-event-id': '999999' });
    const [reset] = await future.until((m) => m.some((x) => x.kind === 'event'));
    const events = future.events();
    expect(events[0]?.event).toBe('reset');
    expect(StreamReset.parse(JSON.parse(events[0]?.data ?? 'null')).reason).toContain('ahead');
    expect(reset).toBeDefined();
    const garbage = await open(h, 'ap-southeast', { 'last-event-id': 'abc' });
    await garbage.until((m) => m.some((x) => x.kind === 'event'));
    expect(garbage.events()[0]?.event).toBe('reset');
  });

  it('sends a heartbeat comment', async () => {
    h = await startHarness({ heartbeatMs: 50 });
    const stream = await open(h, 'us-east');
    const messages = await stream.until((m) => m.some((x) => x.kind === 'comment' && x.text === 'ping'));
    expect(messages.some((x) => x.kind === 'comment' && x.text === 'ping')).toBe(true);
  });

  it('resets open streams when a scenario switch regenerates the fleet', async () => {
    h = await startHarness();
    const stream = await open(h, 'eu-west');
    h.fleet.setScenario('skew-violation');
    const messages = await stream.until((m) => m.some((x) => x.kind === 'event' && x.event === 'reset'));
    const reset = messages.find((x) => x.kind === 'event' && x.event === 'reset');
    const body = StreamReset.parse(JSON.parse(reset?.kind === 'event' ? reset.data : 'null'));
    expect(body.reason).toContain('skew-violation');
    expect((await fleetOf(h, 'eu-west')).revision).toBe(body.revision);
  });
});
