import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EndpointError } from '../../electron/connector/endpoint-error.ts';
import { RegionClient } from '../../electron/connector/region-client.ts';
import { FleetState } from '../../shared/protocol/index.ts';
import { smallFleet } from '../support/small-fleet.ts';
import { decodeStreamMessage } from '../../electron/connector/stream-message.ts';
import { SseParser } from '../../electron/connector/sse-parser.ts';

/**
 * Every key a fleet state gives twice, as `list: key` (one entry per later occurrence): ids, keys,
 * train indices, stage gates per train and stage, and a component version declared at two trains.
 */
function duplicateKeys(state: FleetState): string[] {
  const lists: Record<string, readonly string[]> = {
    trains: state.trains.map((t) => String(t.index)),
    components: state.components.map((c) => c.id),
    instances: state.instances.map((i) => i.id),
    databaseGroups: state.databaseGroups.map((g) => g.id),
    databases: state.databases.map((d) => d.id),
    rollouts: state.rollouts.map((r) => r.id),
    toggles: state.toggles.map((t) => t.key),
    stageGates: state.stageGates.map((g) => JSON.stringify([g.train, g.stage])),
  };
  const found = Object.entries(lists).flatMap(([list, keys]) => keys.filter((k, i) => keys.indexOf(k) !== i).map((k) => `${list}: ${k}`));
  // The same version declaration repeated is harmless; one version at two trains is not.
  const trainOf = new Map<string, number>();
  for (const v of state.componentVersions) {
    const key = JSON.stringify([v.component, v.version]);
    const train = trainOf.get(key);
    if (train === undefined) trainOf.set(key, v.train);
    else if (train !== v.train) found.push(`componentVersions: ${key} at trains ${train} and ${v.train}`);
  }
  return found;
}

/** What the client returned for `body` is a valid, unambiguous state, and exactly the one served. */
function expectFaithful(state: FleetState, body: string): void {
  expect(FleetState.safeParse(state).error?.issues ?? []).toEqual([]);
  expect(duplicateKeys(state)).toEqual([]);
  expect(state).toEqual(JSON.parse(body));
}

/**
 * fast-check generates malformed fleet responses (mutated valid documents, random JSON, truncated
 * bytes); the client must turn every one into an EndpointError naming region, endpoint and field.
 */
describe('connector fuzz: malformed responses', () => {
  let server: Server;
  let baseUrl: string;
  let nextBody = '';
  let nextStatus = 200;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(nextStatus, { 'content-type': 'application/json' });
      res.end(nextBody);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const valid = smallFleet();
  const paths: string[][] = [['revision'], ['instances', '0', 'version'], ['instances', '1', 'activeUsers'], ['trains', '0', 'index'], ['region', 'id'], ['databases', '1', 'migration', 'direction'], ['rollouts', '0', 'stages']];
  const mutate = (path: string[], value: unknown) => {
    const doc = structuredClone(valid) as unknown as Record<string, unknown>;
    let node: Record<string, unknown> = doc;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[path.at(-1)!] = value;
    return JSON.stringify(doc);
  };
  const malformed = fc.oneof(
    fc.tuple(fc.constantFrom(...paths), fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.constant(-1.5), fc.object())).map(([path, value]) => ({ body: mutate(path, value), status: 200 })),
    fc.json().map((body) => ({ body, status: 200 })),
    fc.integer({ min: 1, max: 2000 }).map((n) => ({ body: JSON.stringify(valid).slice(0, n), status: 200 })),
    fc.string().map((body) => ({ body, status: 200 })),
    fc.constantFrom(400, 401, 404, 422).map((status) => ({ body: '{"error":{"code":"x","message":"nope"}}', status })),
  );

  it('never throws anything but an EndpointError, and never returns invalid data', async () => {
    const client = new RegionClient({ id: 'fuzz-region', baseUrl, token: 't' }, { readRetries: 0, timeoutMs: 2000 });
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(malformed, async ({ body, status }) => {
        nextBody = body;
        nextStatus = status;
        client.breaker.success(); // keep the breaker closed: this test is about validation
        try {
          const state = await client.fleet();
          // A mutation may happen to produce a valid document (e.g. revision 5): then it must really be
          // valid — the whole state, not just a field — unambiguous, and exactly what was served.
          expect(status).toBe(200);
          expectFaithful(state, body);
        } catch (error) {
          errors++;
          expect(error).toBeInstanceOf(EndpointError);
          const e = error as EndpointError;
          expect(e.message).toMatch(/^fuzz-region GET \/v1\/fleet: /);
          if (e.kind === 'validation' && status === 200 && body.startsWith('{"region"') && body.length === JSON.stringify(valid).length) {
            expect(e.path.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(errors).toBeGreaterThan(200);
  });

  it('returns a valid document whole, and the checks above catch an ambiguous one', async () => {
    nextStatus = 200;
    nextBody = mutate(['revision'], 7);
    const client = new RegionClient({ id: 'fuzz-region', baseUrl, token: 't' }, { readRetries: 0 });
    const state = await client.fleet();
    expect(state.revision).toBe(7);
    expectFaithful(state, nextBody);
    const [first, second] = valid.instances;
    const twice = { ...valid, instances: [...valid.instances, { ...second!, id: first!.id }] };
    expect(duplicateKeys(twice)).toEqual([`instances: ${first!.id}`]);
    expect(duplicateKeys({ ...valid, componentVersions: [...valid.componentVersions, { ...valid.componentVersions[0]!, train: 2 }] })).toEqual([
      'componentVersions: ["api","1.0.0"] at trains 1 and 2',
    ]);
  });

  it('names the field path of an invalid instance', async () => {
    nextStatus = 200;
    nextBody = mutate(['instances', '1', 'version'], 42);
    const client = new RegionClient({ id: 'eu-west', baseUrl, token: 't' }, { readRetries: 0 });
    await expect(client.fleet()).rejects.toThrow('eu-west GET /v1/fleet: instances[1].version: Invalid input: expected string, received number');
  });
});

describe('connector fuzz: malformed change streams', () => {
  const instance = smallFleet().instances[0]!;
  const valid = { revision: 3, type: 'instance.upsert', instance };
  const payload = fc.oneof(
    fc.json(),
    fc.string(),
    fc.record({ revision: fc.oneof(fc.integer(), fc.string()), type: fc.constantFrom('instance.upsert', 'instance.remove', 'nope'), instance: fc.anything() }).map((o) => JSON.stringify(o)),
    fc.constantFrom('instance', 'revision', 'type').map((drop) => JSON.stringify({ ...valid, [drop]: undefined })),
  );

  it('every message decodes to a validated change, a reset or an error naming the field — never a throw', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('change', 'reset', 'message'), payload), { maxLength: 20 }), fc.string(), (messages, noise) => {
        const decoded: string[] = [];
        const parser = new SseParser((m) => {
          const result = decodeStreamMessage('eu-west', m.event, m.data);
          if (result.kind === 'error') expect(result.error.message).toMatch(/^eu-west GET \/v1\/changes/);
          decoded.push(result.kind);
        });
        parser.push(noise.replace(/\n/g, ' '));
        parser.push('\n\n');
        for (const [event, data] of messages) parser.push(`event: ${event}\ndata: ${data.replace(/[\r\n]/g, ' ')}\n\n`);
        expect(decoded.length).toBeGreaterThanOrEqual(messages.length);
      }),
      { numRuns: 300 },
    );
    expect(decodeStreamMessage('eu-west', 'change', JSON.stringify(valid))).toMatchObject({ kind: 'change' });
  });
});
