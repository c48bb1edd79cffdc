import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prometheusTokenId, PrometheusTelemetryConfig, TelemetryConfig, templateProblems } from '../../../../electron/common/telemetry-config.ts';
import { loadRegionsFile } from '../../../../electron/connector/region-config.ts';
import { DEFAULT_PROMQL } from '../../../../electron/telemetry/promql.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const prom = (extra: Record<string, unknown> = {}) => ({ source: 'prometheus', url: 'https://prometheus.example.org', ...extra });
const issues = (value: unknown) => {
  const parsed = TelemetryConfig.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the "telemetry" key of a region', () => {
  it('fills the defaults: 15 s scrape interval, labels region/component/version, no auth', () => {
    expect(TelemetryConfig.parse(prom())).toEqual({
      source: 'prometheus',
      url: 'https://prometheus.example.org',
      scrapeIntervalSeconds: 15,
      labels: { region: 'region', component: 'component', version: 'version' },
      auth: 'none',
    });
    expect(TelemetryConfig.parse({ source: 'native' })).toEqual({ source: 'native' });
    expect(PrometheusTelemetryConfig.parse(prom({ labels: { region: 'cluster' } })).labels).toEqual({ region: 'cluster', component: 'component', version: 'version' });
  });

  it.each([
    ['http://prometheus.example.org', 'url: must use https://'],
    ['https://user:pw@prometheus.example.org', 'url: must not contain credentials'],
    ['https://prometheus.example.org/?x=1', 'url: must not have a query'],
    ['https://prometheus.example.org/', 'url: no trailing slash'],
    ['ftp://prometheus.example.org', 'url: '],
  ])('refuses the url %s', (url, message) => {
    expect(issues(prom({ url })).join('\n')).toContain(message);
  });

  it('accepts plain http to loopback, and to another host only with "insecure": true', () => {
    expect(issues(prom({ url: 'http://127.0.0.1:9090' }))).toEqual([]);
    expect(issues(prom({ url: 'http://localhost:9090/prom' }))).toEqual([]);
    expect(issues(prom({ url: 'http://prom.lab:9090', insecure: true }))).toEqual([]);
  });

  it.each([
    [{ labels: { region: 'my-label' } }, 'labels.region: a Prometheus label name'],
    [{ labels: { component: 'svc', version: 'svc' } }, 'labels.version: component and version must be different labels'],
    [{ labels: { cluster: 'x' } }, 'labels: Unrecognized key'],
    [{ scrapeIntervalSeconds: 0 }, 'scrapeIntervalSeconds'],
    [{ scrapeIntervalSeconds: 1.5 }, 'scrapeIntervalSeconds'],
    [{ queries: { latency_p42: 'x{{{selector}}}' } }, 'queries: Unrecognized key'],
    [{ queries: { health: 'up' } }, 'queries.health: must contain {{selector}}'],
    [{ queries: { health: 'rate(x{{{selector}}}[{{interval}}])' } }, 'queries.health: unknown placeholder {{interval}}'],
    [{ queries: { health: 'sum(rate(x{{{selector}}}[{{window}}])' } }, 'queries.health: unclosed bracket'],
    [{ queries: { health: 'x{{{selector}}}])' } }, 'queries.health: unbalanced "]"'],
    [{ tokenId: 'other' }, 'tokenId: only with "auth": "bearer"'],
    [{ auth: 'basic' }, 'auth'],
    [{ token: 'secret' }, 'Unrecognized key'],
    [{ limits: { responseBytes: 10 } }, 'limits.responseBytes'],
  ])('refuses %j naming the field', (extra, message) => {
    expect(issues(prom(extra)).join('\n')).toContain(message);
  });

  it('accepts overrides, a region label value and a token id', () => {
    const config = PrometheusTelemetryConfig.parse(
      prom({ queries: { health: 'min by ({{by}}) (up{{{selector}},job="x"})' }, regionLabelValue: 'us-east-1', auth: 'bearer', tokenId: 'shared-prom', limits: { requestTimeoutMs: 5_000 } }),
    );
    expect(config.queries?.health).toContain('min by');
    expect(prometheusTokenId('us-east', config)).toBe('shared-prom');
    expect(prometheusTokenId('us-east', { tokenId: undefined })).toBe('us-east-prometheus');
  });

  it('every default template passes its own checks; brackets inside strings do not count', () => {
    for (const template of Object.values(DEFAULT_PROMQL)) expect(templateProblems(template)).toEqual([]);
    expect(templateProblems('x{{{selector}},path=~"/a(b"}')).toEqual([]);
  });
});

describe('regions.json with a "telemetry" key', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir('telemetry-config');
  });
  afterEach(async () => {
    await dir.remove();
  });
  const write = async (content: unknown) => {
    const file = join(dir.path, 'regions.json');
    await writeFile(file, JSON.stringify(content));
    return file;
  };

  it('keeps it on the region (absent → no key, which means native)', async () => {
    const file = await write({
      regions: [
        { id: 'us-east', name: 'US East', baseUrl: 'https://rcc.us-east.example.org', telemetry: prom({ scrapeIntervalSeconds: 30 }) },
        { id: 'eu-west', name: 'EU West', baseUrl: 'https://rcc.eu-west.example.org' },
      ],
    });
    const [east, west] = (await loadRegionsFile(file))!;
    expect(east?.telemetry).toMatchObject({ source: 'prometheus', scrapeIntervalSeconds: 30 });
    expect(west).not.toHaveProperty('telemetry');
  });

  it('names the file, the field and the region when it is wrong', async () => {
    const file = await write({
      regions: [
        { id: 'us-east', name: 'US East', baseUrl: 'https://rcc.us-east.example.org' },
        { id: 'eu-west', name: 'EU West', baseUrl: 'https://rcc.eu-west.example.org', telemetry: prom({ url: 'http://prom.eu-west.example.org' }) },
      ],
    });
    await expect(loadRegionsFile(file)).rejects.toThrow(`${file}: regions[1].telemetry.url: must use https:// (plain http is allowed only for loopback hosts, or with "insecure": true) (region "eu-west")`);
    await write({ regions: [{ id: 'eu-west', name: 'EU West', baseUrl: 'https://x', telemetry: { source: 'graphite' } }] });
    await expect(loadRegionsFile(file)).rejects.toThrow(/regions\[0\]\.telemetry\.source: .*\(region "eu-west"\)/);
    await write({ regions: [{ id: 'eu-west', name: 'EU West', baseUrl: 'https://x', telemetry: prom({ queries: { error_rate: 'rate(x[5m])' } }) }] });
    await expect(loadRegionsFile(file)).rejects.toThrow(/regions\[0\]\.telemetry\.queries\.error_rate: must contain \{\{selector\}\}/);
  });
});
