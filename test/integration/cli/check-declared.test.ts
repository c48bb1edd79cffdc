import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Verdict } from '../../../shared/compat/index.ts';
import { buildRccBundle, runNode, type Run } from '../../support/rcc-bundle.ts';

const fixture = (name: string) => `test/fixtures/compat/${name}`;
const tmp = mkdtempSync(join(tmpdir(), 'rcc-declared-'));
let bundle = '';
beforeAll(async () => {
  bundle = await buildRccBundle(tmp);
});
const rcc = (...args: string[]): Promise<Run> => runNode([bundle], args);

describe('rcc check with declared compatibility ranges', () => {
  it('a wider declaration: compliant (exit 0), and the declared exception is listed, never silent', async () => {
    const run = await rcc('check', fixture('declared-peer-wider.json'));
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Compliant: no violations in us-east.');
    expect(lines[2]).toBe('1 declared exception (beyond ±1, allowed by a declared range):');
    expect(lines[5]).toMatch(/^1\s+peer-skew\s+us-east\s+api-gateway → search\s+2026\.47 → 2026\.45\s+4\s+40$/);
    expect(run.stdout).toContain('allowed by the declared range: api-gateway 2.6.0 in us-east declares search trains 2026.44–2026.47');
  });

  it('a narrower declaration: a violation within ±1 naming the declaration (exit 1)', async () => {
    const run = await rcc('check', fixture('declared-peer-narrower.json'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('1. In us-east, api-gateway 2.5.0 (train 2026.46) calls search 4.9.2 (train 2026.45): 1 train apart, outside the declared range: api-gateway 2.5.0 in us-east declares search trains 2026.46–2026.47');
    expect(run.stdout).not.toContain('declared exception');
  });

  it('--json carries exceptions and the declarations a violation breaks', async () => {
    const verdict = Verdict.parse(JSON.parse((await rcc('check', '--json', fixture('declared-schema.json'))).stdout));
    expect(verdict.exceptions.map((e) => e.id)).toEqual(['declared-exception:schema-skew:us-east:catalog-db>search:47-45']);
    expect(verdict.violations.map((v) => [v.id, v.declarations?.length ?? 0])).toEqual([
      ['schema-skew:us-east:catalog-db>indexer:46-45', 1],
      ['schema-skew:us-east:catalog-db>indexer:47-45', 0],
    ]);
  });

  it('an unknown declared callee is an input error (exit 2) naming the field', async () => {
    const run = await rcc('check', fixture('error-declared-unknown-callee.json'));
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`${fixture('error-declared-unknown-callee.json')}: componentVersions[0].compatibility.callees[0].component: declared callee "serch" is not in components`);
  });
});
