import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FleetState } from '../../../shared/protocol/index.ts';
import { startHarness, type Harness } from './helpers/harness.ts';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses Prometheus text exposition (enough of it for these metrics). */
function parseExposition(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      if (name && type) types.set(name, type);
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`unparseable exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1] ?? ''] = pair[2] ?? '';
    samples.push({ name: m[1] ?? '', labels, value: Number(m[3]) });
  }
  return { types, samples };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeScale: 60, scenario: 'bad-canary' });
});
afterAll(() => h.stop());

const scrape = async (regionId: string) => {
  const res = await fetch(`${h.region(regionId).baseUrl}/metrics`);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return parseExposition(await res.text());
};

describe('/metrics', () => {
  it('exposes the four metrics with their types and labels', async () => {
    const { types, samples } = await scrape('us-east');
    expect(Object.fromEntries(types)).toEqual({
      rcc_demo_requests_total: 'counter',
      rcc_demo_request_duration_seconds: 'histogram',
      rcc_demo_health: 'gauge',
      rcc_demo_instances: 'gauge',
    });
    const keys = (name: string) => Object.keys(samples.find((s) => s.name === name)?.labels ?? {}).sort();
    expect(keys('rcc_demo_requests_total')).toEqual(['component', 'region', 'status', 'train', 'version']);
    expect(keys('rcc_demo_health')).toEqual(['component', 'region', 'train', 'version']);
    expect(keys('rcc_demo_instances')).toEqual(['component', 'region', 'state', 'train', 'version']);
    expect(samples.every((s) => s.labels.region === 'us-east')).toBe(true);
  });

  it('counts instances exactly as the fleet state does', async () => {
    const { samples } = await scrape('eu-west');
    const fleet = FleetState.parse(await (await h.call('eu-west', '/v1/fleet')).json());
    const total = samples.filter((s) => s.name === 'rcc_demo_instances').reduce((n, s) => n + s.value, 0);
    expect(total).toBe(fleet.instances.length);
    const trains = new Map(fleet.componentVersions.map((v) => [`${v.component}@${v.version}`, String(v.train)]));
    for (const s of samples.filter((x) => x.name === 'rcc_demo_instances')) {
      expect(s.labels.train).toBe(trains.get(`${s.labels.component}@${s.labels.version}`));
    }
  });

  it('advances counters and the histogram with simulated time', async () => {
    const sum = (samples: Sample[], name: string) => samples.filter((s) => s.name === name).reduce((n, s) => n + s.value, 0);
    const first = (await scrape('ca-central')).samples;
    h.advance(1_000); // one simulated minute
    const second = (await scrape('ca-central')).samples;
    expect(sum(second, 'rcc_demo_requests_total')).toBeGreaterThan(sum(first, 'rcc_demo_requests_total'));
    expect(sum(second, 'rcc_demo_request_duration_seconds_count')).toBeGreaterThan(sum(first, 'rcc_demo_request_duration_seconds_count'));
    expect(second.filter((s) => s.name === 'rcc_demo_requests_total' && s.labels.status === '5xx').length).toBeGreaterThan(0);
    for (const s of second.filter((x) => x.name === 'rcc_demo_health')) {
      expect(s.value).toBeGreaterThanOrEqual(0);
      expect(s.value).toBeLessThanOrEqual(1);
    }
  });
});

describe('/metrics under bad-canary', () => {
  it('shows the canary version failing far more often and less healthy than the baseline', async () => {
    const fleet = FleetState.parse(await (await h.call('us-east', '/v1/fleet')).json());
    const canary = fleet.rollouts.find((r) => r.component === 'document-store' && r.state === 'progressing');
    if (!canary) throw new Error('no canary');
    await scrape('us-east');
    h.advance(30_000); // thirty simulated minutes: the incident is at full strength
    const { samples } = await scrape('us-east');
    const of = (version: string, name: string, status?: string) =>
      samples
        .filter((s) => s.name === name && s.labels.component === 'document-store' && s.labels.version === version && (status === undefined || s.labels.status === status))
        .reduce((n, s) => n + s.value, 0);
    const errorShare = (version: string) => of(version, 'rcc_demo_requests_total', '5xx') / of(version, 'rcc_demo_requests_total');
    expect(errorShare(canary.toVersion)).toBeGreaterThan(0.05);
    expect(errorShare(canary.fromVersion)).toBeLessThan(0.01);
    expect(of(canary.toVersion, 'rcc_demo_health')).toBeLessThan(of(canary.fromVersion, 'rcc_demo_health') - 0.2);
  });
});
