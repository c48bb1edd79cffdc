import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildRccBundle, runNode, type Run } from '../../support/rcc-bundle.ts';
import { CauseList, Plan } from '../../../shared/compat/index.ts';

const root = resolve(import.meta.dirname, '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'rcc-plan-'));
const fixture = (name: string) => join(root, 'test/fixtures/causes', `${name}.json`);

let bundle = '';
beforeAll(async () => {
  bundle = await buildRccBundle(tmp);
});

function rcc(...args: string[]): Promise<Run> {
  return runNode([bundle], args, { cwd: tmp });
}

const PlanJson = z.object({ ok: z.literal(true), regions: z.array(z.string()), causes: CauseList, plan: Plan }).strict();

describe('rcc plan', () => {
  it('exits 0 on a compliant fleet', async () => {
    const run = await rcc('plan', fixture('compliant'));
    expect(run).toEqual({ code: 0, stdout: 'Compliant: no violations in eu-west, nothing to plan.\n', stderr: '' });
  });

  it('exits 1 when the plan resolves every violation: the cause, then the steps with the verdict after each', async () => {
    const run = await rcc('plan', fixture('peer-two-actions'));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('2 violations in eu-west, 1 cause:');
    expect(lines[2]).toBe('1. consent in eu-west is 2 trains behind its callers — 2 violations, 9 instances, 120 active users');
    expect(run.stdout).toContain('Plan: 2 steps resolve 2 of 2 violations, introducing none (6 instances, 90 active users touched).');
    const table = lines.slice(lines.findIndex((l) => l.startsWith('#  ACTION')));
    expect(table[0]).toMatch(/^#\s+ACTION\s+RESOLVES\s+LEFT\s+INSTANCES\s+USERS$/);
    expect(table[1]).toMatch(/^1\s+Roll search in eu-west back to train 2026\.45 \(search-45\.0\)\s+1\s+1\s+2\s+10$/);
    expect(table[2]).toMatch(/^2\s+Roll scheduling in eu-west back to train 2026\.45 \(scheduling-45\.0\)\s+1\s+0\s+4\s+80$/);
    expect(run.stdout).toMatch(/rcc runs nothing\.\n$/);
  });

  it('exits 3 when the plan resolves only some, listing the rest with why', async () => {
    const run = await rcc('plan', fixture('needs-release'));
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('Plan: no action the console can take resolves a violation without introducing another.');
    expect(run.stdout).toMatch(/Left \(1\):\n- peer-skew:eu-west:scheduling>consent:46-44: needs a release: consent in eu-west is 2 trains behind/);
  });

  it('exits 2 on bad input, naming the file and field', async () => {
    const missing = await rcc('plan', join(tmp, 'missing.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`${join(tmp, 'missing.json')}: no such file`);
    const undefinedVersion = join(tmp, 'undefined-version.json');
    const doc = (JSON.parse(readFileSync(fixture('peer-two-actions'), 'utf8')) as Record<string, unknown>[])[0] as { instances: Record<string, unknown>[] };
    doc.instances[0] = { ...doc.instances[0], version: 'consent-99.0' };
    writeFileSync(undefinedVersion, JSON.stringify(doc));
    const run = await rcc('plan', undefinedVersion);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/undefined-version\.json: instances\[0\]\.version: /);
    const none = await rcc('plan');
    expect(none.code).toBe(2);
  });

  it('prints the causes and the plan as JSON with --json, with the same exit codes', async () => {
    const complete = await rcc('plan', '--json', fixture('fleet-window'));
    expect(complete.code).toBe(1);
    const parsed = PlanJson.parse(JSON.parse(complete.stdout));
    expect(parsed.causes.causes.map((c) => c.id)).toEqual(['component:eu-west:search:44']);
    expect(parsed.plan.steps.map((s) => [s.draft.region, s.draft.action.type, s.resolved.length])).toEqual([['us-east', 'component.rollback', 0], ['ca-central', 'component.rollback', 1]]);
    const partial = await rcc('plan', '--json', fixture('needs-release'));
    expect(partial.code).toBe(3);
    expect(PlanJson.parse(JSON.parse(partial.stdout)).plan.unfixable.map((u) => u.kind)).toEqual(['needs-release']);
    const compliant = await rcc('plan', '--json', fixture('compliant'));
    expect(compliant.code).toBe(0);
    expect(PlanJson.parse(JSON.parse(compliant.stdout)).plan.steps).toEqual([]);
  });

  it('in a pipeline: when rcc check fails, rcc plan prints what to do', async () => {
    const check = await rcc('check', fixture('schema'));
    expect(check.code).toBe(1);
    const plan = await rcc('plan', fixture('schema'));
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('1  Roll the imaging-db schema in ca-central back to train 2026.46');
  });
});

describe('rcc plan --region', () => {
  let server: Server;
  let base: string;
  const tokenFile = join(tmp, 'token');
  const regions = new Map((JSON.parse(readFileSync(fixture('fleet-window'), 'utf8')) as { region: { id: string } }[]).map((s) => [s.region.id, JSON.stringify(s)]));

  beforeAll(async () => {
    writeFileSync(tokenFile, 'secret-token\n');
    server = createServer((req, res) => {
      const body = regions.get(req.url?.split('/')[1] ?? '');
      if (req.headers.authorization !== 'Bearer secret-token' || !body) {
        res.writeHead(req.headers.authorization === 'Bearer secret-token' ? 404 : 401, { 'content-type': 'application/json' }).end('{"error":{"code":"no","message":"no"}}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
  });

  it('plans over regions fetched from their endpoints', async () => {
    const args = [...regions.keys()].flatMap((id) => ['--region', `${base}/${id}`]);
    const run = await rcc('plan', ...args, '--token-file', tokenFile);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('1 violation in eu-west, us-east, ca-central, 1 cause:');
    expect(run.stdout).toContain('Roll search in ca-central back to train 2026.46');
  });

  it('exits 2 when a region refuses the token', async () => {
    const wrong = join(tmp, 'wrong-token');
    writeFileSync(wrong, 'nope');
    const run = await rcc('plan', '--region', `${base}/eu-west`, '--token-file', wrong);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/401/);
  });
});
