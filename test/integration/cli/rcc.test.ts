import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Verdict, WhatIfResult } from '../../../shared/compat/index.ts';

const root = resolve(import.meta.dirname, '../../..');
const fixture = (name: string) => `test/fixtures/compat/${name}`;
const tmp = mkdtempSync(join(tmpdir(), 'rcc-test-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function rcc(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, ['bin/rcc.mjs', ...args], { cwd: root, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

function writeTemp(name: string, content: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const readFixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, fixture(name)), 'utf8')) as Record<string, unknown>;

describe('rcc check', () => {
  it('exits 0 and says so when the fleet is compliant', async () => {
    const run = await rcc('check', fixture('single-train.json'));
    expect(run).toEqual({ code: 0, stdout: 'Compliant: no violations in eu-west.\n', stderr: '' });
  });

  it('exits 2 when two documents describe the same region', async () => {
    const run = await rcc('check', fixture('single-train.json'), fixture('window-span-3.json'));
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`${fixture('single-train.json')}: region.id: region eu-west is given more than once (again as input 2)`);
  });

  it('exits 1 and prints a table and one sentence per violation', async () => {
    const run = await rcc('check', fixture('two-regions-mixed.json'));
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('4 violations in us-east, eu-west:');
    expect(lines[2]).toMatch(/^#\s+RULE\s+REGIONS\s+SUBJECT\s+TRAINS\s+INSTANCES\s+USERS$/);
    expect(lines[3]).toMatch(/^1\s+version-window\s+eu-west\s+search\s+2026\.44 … 2026\.47\s+2\s+55$/);
    expect(run.stdout).toContain('1. In eu-west, search runs 4.8.1 (train 2026.44) alongside 4.11.0 (train 2026.47): that spans 4 trains');
    expect(run.stderr).toBe('');
  });

  it('prints the verdict as JSON with --json', async () => {
    const run = await rcc('check', '--json', fixture('window-fleet-wide.json'));
    expect(run.code).toBe(1);
    const verdict = Verdict.parse(JSON.parse(run.stdout));
    expect(verdict.violations.map((v) => v.id)).toEqual(['version-window:*:search:44-47']);
    expect(verdict.regions).toEqual(['us-east', 'eu-west']);
  });

  it('combines several files into one fleet', async () => {
    const [usEast, euWest] = JSON.parse(readFileSync(join(root, fixture('window-fleet-wide.json')), 'utf8')) as unknown[];
    const run = await rcc('check', '--json', writeTemp('us-east.json', usEast), writeTemp('eu-west.json', euWest));
    expect(run.code).toBe(1);
    expect(Verdict.parse(JSON.parse(run.stdout)).violations).toHaveLength(1);
  });

  it('exits 2 on invalid JSON and on missing files, naming them', async () => {
    const run = await rcc('check', writeTemp('broken.json', '{"region": '), join(tmp, 'missing.json'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(tmp, 'broken.json')}: not valid JSON`);
    expect(run.stderr).toContain(`${join(tmp, 'missing.json')}: no such file`);
  });

  it('exits 2 on a schema failure, naming the file and field path', async () => {
    const doc = readFixture('window-span-3.json');
    const instances = doc.instances as Record<string, unknown>[];
    instances[3] = { ...instances[3], version: 42 };
    const file = writeTemp('us-east.json', doc);
    const run = await rcc('check', file);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`${file}: instances[3].version: expected string, received number`);

    const inArray = writeTemp('fleet.json', [readFixture('single-train.json'), { ...doc, region: { id: 'x', name: 'x', timezone: 'UTC' } }]);
    expect((await rcc('check', inArray)).stderr.trim()).toBe(`${inArray}: [1].instances[3].version: expected string, received number`);
  });

  it('exits 2 when the state references a train or version it does not define', async () => {
    const run = await rcc('check', fixture('error-unknown-train.json'));
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `${fixture('error-unknown-train.json')}: componentVersions[2].train: train 47 is not in trains`,
      `${fixture('error-unknown-train.json')}: databases[1].migration.toTrain: train 49 is not in trains`,
    ]);
    const json = await rcc('check', '--json', fixture('error-unknown-version.json'));
    expect(json.code).toBe(2);
    expect(Verdict.parse(JSON.parse(json.stdout)).errors[0]?.field).toBe('instances[2].version');
  });

  it('explains usage errors and prints help', async () => {
    expect((await rcc('check')).code).toBe(2);
    expect((await rcc('launch')).stderr).toContain('unknown command "launch"');
    expect((await rcc('check', '--frobnicate')).code).toBe(2);
    const help = await rcc('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('rcc check [FILE...]');
  });
});

describe('rcc what-if', () => {
  const action = (name: string) => fixture(`actions/${name}.json`);

  it('exits 0 and lists what a remedy resolves', async () => {
    const run = await rcc('what-if', '--action', action('eu-west-rollback-search-46'), fixture('two-regions-mixed.json'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('What-if in eu-west: roll search back to train 46');
    expect(run.stdout).toMatch(/Introduced \(0\)\n {2}none/);
    expect(run.stdout).toMatch(/Resolved \(1\)\n#\s+RULE/);
    expect(run.stdout).toContain('The action introduces no violations.');
  });

  it('exits 1 when the action would introduce a violation, and prints JSON with --json', async () => {
    const run = await rcc('what-if', '--json', '--action', action('us-east-semantic-search-on'), fixture('two-regions-mixed.json'));
    expect(run.code).toBe(1);
    const result = WhatIfResult.parse(JSON.parse(run.stdout));
    expect(result.introduced.map((v) => v.id)).toEqual(['toggle-min-version:us-east:semantic-search>search:47']);
    expect(result.unchanged).toHaveLength(4);
  });

  it('exits 2 for an unknown rollout or an invalid action file', async () => {
    const unknown = await rcc('what-if', '--action', action('eu-west-unknown-rollout'), fixture('two-regions-mixed.json'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe(`${action('eu-west-unknown-rollout')}: action.rolloutId: rollout "no-such-rollout" does not exist in eu-west`);
    const bad = writeTemp('action.json', { region: 'eu-west', action: { type: 'component.rollback', component: 'search', toTrain: 'x' } });
    const invalid = await rcc('what-if', '--action', bad, fixture('two-regions-mixed.json'));
    expect(invalid.code).toBe(2);
    expect(invalid.stderr.trim()).toBe(`${bad}: action.toTrain: expected number, received string`);
    expect((await rcc('what-if', fixture('two-regions-mixed.json'))).stderr).toContain('--action ACTION.json is required');
  });
});

describe('rcc --region', () => {
  let server: Server;
  let base: string;
  const requests: { url: string | undefined; auth: string | undefined }[] = [];
  const tokenFile = writeTemp('token', 'secret-token\n');
  const wrongToken = writeTemp('wrong-token', 'nope');

  beforeAll(async () => {
    const healthy = readFileSync(join(root, fixture('window-span-3.json')), 'utf8');
    const malformed = readFixture('window-span-3.json');
    (malformed.instances as Record<string, unknown>[])[1] = { ...(malformed.instances as Record<string, unknown>[])[1], state: 'sleeping' };
    server = createServer((req, res) => {
      requests.push({ url: req.url, auth: req.headers.authorization });
      if (req.headers.authorization !== 'Bearer secret-token') {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"code":"unauthorized","message":"bad token"}}');
        return;
      }
      if (req.url === '/slow/v1/fleet') return; // never answers
      const body = req.url === '/malformed/v1/fleet' ? JSON.stringify(malformed) : healthy;
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
  });

  it('fetches URL/v1/fleet with the bearer token and evaluates it', async () => {
    const run = await rcc('check', '--region', `${base}/healthy`, '--token-file', tokenFile);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('version-window  eu-west');
    expect(requests.at(-1)).toEqual({ url: '/healthy/v1/fleet', auth: 'Bearer secret-token' });
  });

  it('names the region URL, endpoint and field of an invalid response', async () => {
    const run = await rcc('check', '--region', `${base}/malformed`, '--token-file', tokenFile);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`${base}/malformed (GET /v1/fleet): instances[1].state: expected one of "starting"|"running"|"draining"|"failed"`);
  });

  it('reports HTTP errors and timeouts as bad input', async () => {
    const denied = await rcc('check', '--region', `${base}/healthy`, '--token-file', wrongToken);
    expect(denied.code).toBe(2);
    expect(denied.stderr.trim()).toBe(`${base}/healthy (GET /v1/fleet): HTTP 401 Unauthorized`);
    const slow = await rcc('check', '--region', `${base}/slow`, '--token-file', tokenFile, '--timeout-ms', '300');
    expect(slow.code).toBe(2);
    expect(slow.stderr.trim()).toBe(`${base}/slow (GET /v1/fleet): no response within 300 ms`);
  });
});
