import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRccBundle, runNode, type Run } from '../../support/rcc-bundle.ts';
import { SignalJudgement, Verdict } from '../../../shared/contract/telemetry.ts';
import { latencies, mulberry32, noisy } from '../../support/random.ts';

const tmp = mkdtempSync(join(tmpdir(), 'rcc-judge-'));

let bundle = '';
beforeAll(async () => {
  bundle = await buildRccBundle(tmp);
});

function rcc(...args: string[]): Promise<Run> {
  return runNode([bundle, 'judge'], args, { cwd: tmp });
}

function write(name: string, content: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const JudgeJson = z.object({
  ok: z.literal(true),
  verdict: Verdict,
  alpha: z.number(),
  files: z.object({ baseline: z.string(), canary: z.string() }),
  signals: z.array(SignalJudgement).length(1),
});

const random = mulberry32(2026);
const baseline = write('baseline.json', latencies(random, 300, 0.1));
const same = write('same.json', latencies(random, 300, 0.1));
const tripled = write('tripled.json', latencies(random, 300, 0.3));
const slower = write('slower.json', latencies(random, 3_000, 0.135, 0.1));
const slowerBase = write('slower-base.json', latencies(random, 3_000, 0.1, 0.1));

describe('rcc judge', () => {
  it('exits 0 on a pass, with the verdict sentence and a table of the numbers', async () => {
    const run = await rcc(baseline, same, '--signal', 'latency_p95');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const [sentence, blank, header, row] = run.stdout.trimEnd().split('\n');
    expect(sentence).toMatch(/^PASS: latency_p95: no significant difference \(p = [\d.]+ ≥ 0\.01\); median [\d.]+ ms → [\d.]+ ms\.$/);
    expect(blank).toBe('');
    expect(header?.split(/\s{2,}/)).toEqual(['SIGNAL', 'VERDICT', 'P-VALUE', 'EFFECT', 'MARGINAL AT', 'FAIL AT', 'BASELINE MEDIAN', 'CANARY MEDIAN', 'BASELINE N', 'CANARY N']);
    expect(row?.split(/\s+/).slice(0, 2)).toEqual(['latency_p95', 'pass']);
    expect(row).toMatch(/\+25 %\s+\+50 %\s+[\d.]+ ms\s+[\d.]+ ms\s+300\s+300$/);
  });

  it('exits 1 on a fail and 3 on a marginal', async () => {
    const fail = await rcc(baseline, tripled, '--signal', 'latency_p95');
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(/^FAIL: latency_p95: a rise of \d+ % .* reaches the fail threshold of 50 %/);
    const marginal = await rcc(slowerBase, slower, '--signal', 'latency_p95');
    expect(marginal.code).toBe(3);
    expect(marginal.stdout).toMatch(/^MARGINAL: latency_p95: a rise of [\d.]+ % .* reaches the marginal threshold of 25 % \(fail at 50 %\)/);
  });

  it('judges health drops and error ratio rises', async () => {
    const r = mulberry32(7);
    const healthy = write('healthy.json', noisy(r, 200, 0.99, 0.005));
    expect((await rcc(healthy, write('sick.json', noisy(r, 200, 0.89, 0.005)), '--signal', 'health')).code).toBe(1);
    expect((await rcc(healthy, write('healthier.json', noisy(r, 200, 0.995, 0.002)), '--signal', 'health')).code).toBe(0);
    const errors = write('errors.json', noisy(r, 200, 0.01, 0.002));
    expect((await rcc(errors, write('errors-x3.json', noisy(r, 200, 0.03, 0.002)), '--signal', 'error_rate')).code).toBe(1);
  });

  it('prints the judgement as JSON with --json, in the contract shape', async () => {
    const run = await rcc(baseline, tripled, '--signal', 'latency_p95', '--json');
    expect(run.code).toBe(1);
    const json = JudgeJson.parse(JSON.parse(run.stdout));
    expect(json.verdict).toBe('fail');
    expect(json.files).toEqual({ baseline, canary: tripled });
    expect(json.signals[0]).toMatchObject({ signal: 'latency_p95', verdict: 'fail', marginalAt: 0.25, failAt: 0.5, baselineCount: 300, canaryCount: 300 });
    expect(json.signals[0]!.pValue).toBeLessThan(1e-10);
  });

  it('exits 2 on bad samples, naming the file and the element', async () => {
    const bad = write('bad.json', '[0.1, "0.2", 1e999, null, 0.3]');
    const run = await rcc(baseline, bad, '--signal', 'latency_p95');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `${bad}: [1]: expected number, received string`,
      `${bad}: [2]: expected number, received Infinity`,
      `${bad}: [3]: expected number, received null`,
    ]);
    const json = await rcc(baseline, bad, '--signal', 'latency_p95', '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, problems: run.stderr.trimEnd().split('\n') });
  });

  it('exits 2 on empty arrays, non-arrays, invalid JSON and missing files, reporting both files', async () => {
    const empty = write('empty.json', []);
    const object = write('object.json', { samples: [1, 2] });
    const broken = write('broken.json', '[1, 2');
    const lines = async (...args: string[]) => {
      const run = await rcc(...args, '--signal', 'health');
      expect(run.code).toBe(2);
      return run.stderr.trimEnd().split('\n');
    };
    expect(await lines(empty, join(tmp, 'missing.json'))).toEqual([`${empty}: (root): no samples: the array is empty`, `${join(tmp, 'missing.json')}: no such file`]);
    expect(await lines(object, broken)).toEqual([`${object}: (root): expected array, received object`, expect.stringMatching(new RegExp(`^${broken}: not valid JSON \\(`))]);
    expect(await lines(tmp, baseline)).toEqual([`${tmp}: is a directory, not a file`]);
  });

  it('caps the input size like the other commands, and the problems printed', async () => {
    const small = write('small.json', [0.1, 0.2, 0.3]);
    const tooLarge = await rcc(small, slower, '--signal', 'latency_p95', '--max-bytes', '4KiB');
    expect(tooLarge.code).toBe(2);
    expect(tooLarge.stderr).toMatch(new RegExp(`^${slower}: file is [\\d.]+ KiB \\([\\d,]+ bytes\\), over the 4 KiB limit \\(raise it with --max-bytes\\)\n$`));
    const many = write('many-bad.json', Array.from({ length: 1_000 }, () => 'x'));
    const capped = await rcc(many, many, '--signal', 'health', '--max-problems', '3');
    expect(capped.code).toBe(2);
    expect(capped.stderr.trimEnd().split('\n')).toEqual([
      `${many}: [0]: expected number, received string`,
      `${many}: [1]: expected number, received string`,
      `${many}: [2]: expected number, received string`,
      '… and 997 more problems; stopped after 3 problems: 1 more file not checked',
    ]);
  });

  it('exits 2 on an unknown, unjudged or missing signal and on a wrong number of files', async () => {
    const unknown = await rcc(baseline, same, '--signal', 'latency_p42');
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('rcc judge: --signal latency_p42: unknown signal; expected error_rate, latency_p50, latency_p95, latency_p99, health');
    const unjudged = await rcc(baseline, same, '--signal', 'request_rate');
    expect(unjudged.code).toBe(2);
    expect(unjudged.stderr).toContain('--signal request_rate: not judged (it has no bad direction)');
    const missing = await rcc(baseline, same);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('rcc judge: --signal is required');
    const one = await rcc(baseline, '--signal', 'health');
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('rcc judge: expected 2 files (baseline, canary), got 1');
  });
});
