import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRccBundle, runNode, type Run } from '../../support/rcc-bundle.ts';
import { Verdict, WhatIfResult } from '../../../shared/compat/index.ts';

const root = resolve(import.meta.dirname, '../../..');
const fixture = (name: string) => `test/fixtures/compat/${name}`;
const AMBIGUOUS = 'test/fixtures/cli/ambiguous-state.json';
const tmp = mkdtempSync(join(tmpdir(), 'rcc-test-'));

let bundle = '';
beforeAll(async () => {
  bundle = await buildRccBundle(tmp);
});
const rcc = (...args: string[]): Promise<Run> => runNode([bundle], args);

function writeTemp(name: string, content: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const readFixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, fixture(name)), 'utf8')) as Record<string, unknown>;
const stderrLines = (run: Run) => run.stderr.trimEnd().split('\n');

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

  it('exits 2 on invalid JSON, missing files, directories and empty arrays, naming them', async () => {
    const run = await rcc('check', writeTemp('broken.json', '{"region": '), join(tmp, 'missing.json'), tmp, writeTemp('empty.json', '[]'));
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toEqual([
      expect.stringMatching(new RegExp(`^${join(tmp, 'broken.json')}: not valid JSON \\(`)),
      `${join(tmp, 'missing.json')}: no such file`,
      `${tmp}: is a directory, not a file`,
      `${join(tmp, 'empty.json')}: the array holds no fleet state documents`,
    ]);
  });

  it('accepts a leading UTF-8 byte-order mark', async () => {
    const text = readFileSync(join(root, fixture('single-train.json')), 'utf8');
    const run = await rcc('check', writeTemp('bom.json', `\uFEFF${text}`));
    expect(run).toEqual({ code: 0, stdout: 'Compliant: no violations in eu-west.\n', stderr: '' });
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

  it('exits 2 on an ambiguous state, naming both places of each duplicate', async () => {
    const run = await rcc('check', AMBIGUOUS);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(stderrLines(run)).toEqual([
      `${AMBIGUOUS}: componentVersions[8].train: search version "4.9.2" declared at train 46 and at train 45 (componentVersions[1])`,
      `${AMBIGUOUS}: instances[5].id: duplicate instance id "eu-west-i2" (also at instances[1])`,
    ]);
    const json = await rcc('check', '--json', AMBIGUOUS);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, problems: stderrLines(run) });
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
    const badBytes = await rcc('check', '--max-bytes', '12 parsecs', fixture('single-train.json'));
    expect(badBytes.code).toBe(2);
    expect(badBytes.stderr).toContain('rcc: --max-bytes 12 parsecs: expected a positive number of bytes');
    expect((await rcc('check', '--max-problems', '0', fixture('single-train.json'))).stderr).toContain('--max-problems 0: expected a positive whole number');
    const help = await rcc('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('rcc check [FILE...]');
    expect(help.stdout).toContain('--max-bytes N');
  });
});

describe('rcc check caps what it reads and reports', () => {
  const numbers = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

  it('prints at most 20 problems in all, then how many more', async () => {
    const run = await rcc('check', writeTemp('numbers.json', numbers(50)));
    expect(run.code).toBe(2);
    const lines = stderrLines(run);
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe(`${join(tmp, 'numbers.json')}: [0]: expected object, received number`);
    expect(lines[19]).toBe(`${join(tmp, 'numbers.json')}: [19]: expected object, received number`);
    expect(lines[20]).toBe('… and 30 more problems');
  });

  it('counts the cap across files, and stops validating once it is reached', async () => {
    const valid = readFixture('single-train.json');
    const a = writeTemp('fifteen.json', numbers(15));
    const b = writeTemp('ten-and-a-document.json', [...numbers(10), valid]);
    const c = writeTemp('not-read.json', '{');
    const run = await rcc('check', a, b, c);
    expect(run.code).toBe(2);
    const lines = stderrLines(run);
    expect(lines).toHaveLength(21);
    expect(lines[14]).toBe(`${a}: [14]: expected object, received number`);
    expect(lines[15]).toBe(`${b}: [0]: expected object, received number`);
    expect(lines[20]).toBe('… and 5 more problems; stopped after 20 problems: 1 more document and 1 more file not checked');

    const few = await rcc('check', '--max-problems', '3', '--json', a);
    expect(JSON.parse(few.stdout)).toEqual({
      ok: false,
      problems: [`${a}: [0]: expected object, received number`, `${a}: [1]: expected object, received number`, `${a}: [2]: expected object, received number`, '… and 12 more problems'],
    });
  });

  it('caps the problems inside one document and the compatibility engine errors too', async () => {
    const doc = readFixture('single-train.json');
    const instances = doc.instances as Record<string, unknown>[];
    const broken = { ...doc, instances: numbers(30).map((i) => ({ ...instances[0], id: `i${i}`, state: 'sleeping' })) };
    const schema = await rcc('check', '--max-problems', '4', writeTemp('many-schema-errors.json', broken));
    expect(stderrLines(schema)).toHaveLength(5);
    expect(stderrLines(schema)[4]).toBe('… and 26 more problems');

    const unknownVersions = { ...doc, instances: numbers(25).map((i) => ({ ...instances[0], id: `i${i}`, version: `9.${i}` })) };
    const engine = await rcc('check', writeTemp('many-unknown-versions.json', unknownVersions));
    expect(engine.code).toBe(2);
    expect(stderrLines(engine)).toHaveLength(21);
    expect(stderrLines(engine)[0]).toMatch(/instances\[0\]\.version: search version "9\.0" is not in componentVersions/);
    expect(stderrLines(engine)[20]).toBe('… and 5 more problems');
  });

  it('fails a million-element array of numbers fast, with 21 lines', async () => {
    const file = writeTemp('million.json', `[${numbers(1_000_000, 100_000_000).join(',')}]`);
    const started = performance.now();
    // Before the total cap this printed a million lines and took tens of seconds.
    const run = await runNode([bundle], ['check', file], { timeoutMs: 20_000 });
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toHaveLength(21);
    expect(stderrLines(run)[20]).toBe('… and 999,980 more problems');
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('refuses a file over --max-bytes before reading it, naming its size and the limit', async () => {
    const small = writeTemp('two-kib.json', ' '.repeat(2048));
    const run = await rcc('check', '--max-bytes', '1KiB', small);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`${small}: file is 2.0 KiB (2,048 bytes), over the 1 KiB limit (raise it with --max-bytes)`);

    // A sparse 300 MiB file: the default limit refuses it from its size, reading nothing.
    const sparse = join(tmp, 'sparse.json');
    writeFileSync(sparse, '');
    truncateSync(sparse, 300 * 1024 * 1024);
    const big = await rcc('check', sparse);
    expect(big.stderr.trim()).toBe(`${sparse}: file is 300.0 MiB (314,572,800 bytes), over the 256 MiB limit (raise it with --max-bytes)`);
  });

  it('stops reading an endless stream (a device or pipe) at the limit', async () => {
    const run = await rcc('check', '--max-bytes', '1MiB', '/dev/zero');
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('/dev/zero: larger than the 1 MiB limit; reading stopped there (raise it with --max-bytes)');
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

  it('lists the declared exceptions an action would create, without failing on them', async () => {
    const run = await rcc('what-if', '--action', action('us-east-rollback-search-45'), fixture('declared-peer-wider-current.json'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Introduced \(0\)\n {2}none/);
    expect(run.stdout).toContain('Introduced as 1 declared exception (beyond ±1, allowed by a declared range):');
    expect(run.stdout).toMatch(/1\s+peer-skew\s+us-east\s+api-gateway → search\s+2026\.47 → 2026\.45/);
    expect(run.stdout).toContain('The action introduces no violations.');
    const before = await rcc('what-if', '--action', action('eu-west-rollback-search-46'), fixture('two-regions-mixed.json'));
    expect(before.stdout).not.toContain('declared exception');
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

  it('exits 2 on an ambiguous state', async () => {
    const run = await rcc('what-if', '--action', action('eu-west-rollback-search-46'), AMBIGUOUS);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${AMBIGUOUS}: instances[5].id: duplicate instance id "eu-west-i2" (also at instances[1])`);
  });
});

describe('rcc --region', () => {
  let server: Server;
  let base: string;
  const requests: { url: string | undefined; auth: string | undefined }[] = [];
  const tokenFile = writeTemp('token', 'secret-token\n');
  const wrongToken = writeTemp('wrong-token', 'nope');
  /** Bytes the endless route managed to send before the client went away. */
  let endlessSent = 0;

  /** Writes zeros' worth of JSON whitespace until the client disconnects, honouring backpressure. */
  function endless(res: ServerResponse): void {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('[');
    const pump = () => {
      while (!res.destroyed) {
        endlessSent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
    };
    pump();
  }

  beforeAll(async () => {
    const healthy = readFileSync(join(root, fixture('window-span-3.json')), 'utf8');
    const ambiguous = readFileSync(join(root, AMBIGUOUS), 'utf8');
    const malformed = readFixture('window-span-3.json');
    (malformed.instances as Record<string, unknown>[])[1] = { ...(malformed.instances as Record<string, unknown>[])[1], state: 'sleeping' };
    server = createServer((req, res) => {
      requests.push({ url: req.url, auth: req.headers.authorization });
      if (req.headers.authorization !== 'Bearer secret-token') {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"code":"unauthorized","message":"bad token"}}');
        return;
      }
      switch (req.url) {
        case '/slow/v1/fleet':
          return; // never answers
        case '/stalled-body/v1/fleet':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write(healthy.slice(0, 100)); // then nothing more
          return;
        case '/endless/v1/fleet':
          return endless(res);
        case '/declared-huge/v1/fleet':
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(5 * 1024 * 1024) });
          res.write('{');
          return;
        case '/bom/v1/fleet':
          res.writeHead(200, { 'content-type': 'application/json' }).end(`\uFEFF${healthy}`);
          return;
        case '/ambiguous/v1/fleet':
          res.writeHead(200, { 'content-type': 'application/json' }).end(ambiguous);
          return;
        case '/malformed/v1/fleet':
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(malformed));
          return;
        default:
          res.writeHead(200, { 'content-type': 'application/json' }).end(healthy);
      }
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

  it('accepts a body that starts with a byte-order mark', async () => {
    const run = await rcc('check', '--region', `${base}/bom`, '--token-file', tokenFile);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
  });

  it('names the region URL, endpoint and field of an invalid response', async () => {
    const run = await rcc('check', '--region', `${base}/malformed`, '--token-file', tokenFile);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`${base}/malformed (GET /v1/fleet): instances[1].state: expected one of "starting"|"running"|"draining"|"failed"`);
  });

  it('rejects an ambiguous response, naming both places', async () => {
    const run = await rcc('check', '--region', `${base}/ambiguous`, '--token-file', tokenFile);
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toEqual([
      `${base}/ambiguous (GET /v1/fleet): componentVersions[8].train: search version "4.9.2" declared at train 46 and at train 45 (componentVersions[1])`,
      `${base}/ambiguous (GET /v1/fleet): instances[5].id: duplicate instance id "eu-west-i2" (also at instances[1])`,
    ]);
  });

  it('reports HTTP errors and timeouts as bad input', async () => {
    const denied = await rcc('check', '--region', `${base}/healthy`, '--token-file', wrongToken);
    expect(denied.code).toBe(2);
    expect(denied.stderr.trim()).toBe(`${base}/healthy (GET /v1/fleet): HTTP 401 Unauthorized`);
    const slow = await rcc('check', '--region', `${base}/slow`, '--token-file', tokenFile, '--timeout-ms', '300');
    expect(slow.code).toBe(2);
    expect(slow.stderr.trim()).toBe(`${base}/slow (GET /v1/fleet): no response within 300 ms (--timeout-ms)`);
  });

  it('says the timeout fired while reading the body, not that the JSON is invalid', async () => {
    const run = await rcc('check', '--region', `${base}/stalled-body`, '--token-file', tokenFile, '--timeout-ms', '500');
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`${base}/stalled-body (GET /v1/fleet): the response headers arrived but the body was not complete within 500 ms (--timeout-ms)`);
  });

  it('aborts an endless body at --max-bytes, naming the limit', async () => {
    const run = await rcc('check', '--region', `${base}/endless`, '--token-file', tokenFile, '--max-bytes', '2MiB');
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`${base}/endless (GET /v1/fleet): response body larger than the 2 MiB limit; read aborted (raise it with --max-bytes)`);
    // The client stopped reading at the cap: what the server pushed out is the cap plus socket buffers.
    expect(endlessSent).toBeLessThan(64 * 1024 * 1024);

    const declared = await rcc('check', '--region', `${base}/declared-huge`, '--token-file', tokenFile, '--max-bytes', '1MiB');
    expect(declared.stderr.trim()).toBe(`${base}/declared-huge (GET /v1/fleet): response body larger than the 1 MiB limit; read aborted (raise it with --max-bytes)`);
  });

  it('reports file and region problems together, in argument order, under one cap', async () => {
    const run = await rcc('check', '--max-problems', '2', writeTemp('three-numbers.json', [1, 2, 3]), '--region', `${base}/malformed`, '--token-file', tokenFile);
    expect(run.code).toBe(2);
    expect(stderrLines(run)).toEqual([
      `${join(tmp, 'three-numbers.json')}: [0]: expected object, received number`,
      `${join(tmp, 'three-numbers.json')}: [1]: expected object, received number`,
      '… and 2 more problems',
    ]);
  });

  it('names an unreadable or empty token file', async () => {
    const missing = await rcc('check', '--region', `${base}/healthy`, '--token-file', join(tmp, 'no-token'));
    expect(missing.stderr.trim()).toBe(`${join(tmp, 'no-token')}: cannot read the token file: no such file`);
    const empty = await rcc('check', '--region', `${base}/healthy`, '--token-file', writeTemp('empty-token', '\n'));
    expect(empty.stderr.trim()).toBe(`${join(tmp, 'empty-token')}: the token file is empty`);
  });
});
