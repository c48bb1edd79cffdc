import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChangeEvent, FleetState, Instance } from '../../shared/protocol/index.ts';
import { generateFleet } from '../../demo-fleet/generate/fleet.ts';
import { RegionClient } from '../../electron/connector/region-client.ts';
import { RegionFleet } from '../../electron/connector/region-fleet.ts';
import { SseParser } from '../../electron/connector/sse-parser.ts';
import { decodeStreamMessage } from '../../electron/connector/stream-message.ts';
import { medianMs, medianMsAsync, type Benchmark } from './harness.ts';

/** One region document holding a whole 100,000-instance fleet. */
function bigFleet(): FleetState {
  const regions = generateFleet({ seed: 7, scale: 100_000 });
  const first = regions[0]!;
  const seen = new Set<string>();
  const instances: Instance[] = [];
  for (const instance of regions.flatMap((r) => r.instances)) {
    if (seen.has(instance.id)) continue;
    seen.add(instance.id);
    instances.push(instance);
  }
  return { ...first, instances, componentVersions: [...new Map(regions.flatMap((r) => r.componentVersions).map((v) => [`${v.component}@${v.version}`, v])).values()] };
}

const fetchAndValidate: Benchmark = {
  name: 'fetch + validate a 100,000-instance fleet state',
  async run() {
    const fleet = bigFleet();
    const body = JSON.stringify(fleet);
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new RegionClient({ id: 'bench', baseUrl, token: 't' });
    try {
      const parseOnly = medianMs(() => JSON.parse(body));
      const bareFetch = await medianMsAsync(async () => JSON.parse(await (await fetch(`${baseUrl}/v1/fleet`)).text()));
      const connector = await medianMsAsync(() => client.fleet());
      const ratio = connector / bareFetch;
      const validateRatio = (connector - bareFetch + parseOnly) / parseOnly;
      return {
        pass: ratio <= 2,
        summary: `${ratio.toFixed(2)}x bare fetch + JSON.parse of the same ${(body.length / 1e6).toFixed(1)} MB (budget <= 2x); ${connector.toFixed(0)} ms vs ${bareFetch.toFixed(0)} ms; validation alone ${validateRatio.toFixed(2)}x JSON.parse (${parseOnly.toFixed(0)} ms); ${fleet.instances.length.toLocaleString()} instances`,
      };
    } finally {
      server.close();
    }
  },
};

const streamApply: Benchmark = {
  name: 'change-stream apply rate into the connector state',
  run() {
    const [region] = generateFleet({ seed: 7, scale: 20_000 });
    const base = region!;
    const count = 100_000;
    const instances = base.instances;
    let text = '';
    for (let n = 1; n <= count; n++) {
      const source = instances[n % instances.length]!;
      const event: ChangeEvent = { revision: base.revision + n, type: 'instance.upsert', instance: { ...source, activeUsers: n % 97 } };
      text += `id: ${event.revision}\nevent: change\ndata: ${JSON.stringify(event)}\n\n`;
    }
    // Baseline: only splitting the SSE text and JSON.parse of each payload.
    const baseline = medianMs(() => {
      new SseParser((m) => JSON.parse(m.data)).push(text);
    }, 5, 1);
    const apply = medianMs(() => {
      const fleet = new RegionFleet(base);
      new SseParser((m) => {
        const decoded = decodeStreamMessage('bench', m.event, m.data);
        if (decoded.kind === 'change') fleet.apply(decoded.event);
      }).push(text);
      if (fleet.revision !== base.revision + count) throw new Error('events were not all applied');
    }, 5, 1);
    const rate = count / (apply / 1000);
    return {
      pass: rate >= 50_000,
      summary: `${Math.round(rate).toLocaleString()} events/s parsed, validated and applied (budget >= 50,000/s); ${(apply / baseline).toFixed(2)}x SSE split + JSON.parse alone (${Math.round(count / (baseline / 1000)).toLocaleString()}/s)`,
    };
  },
};

export const benchmarks: Benchmark[] = [fetchAndValidate, streamApply];
