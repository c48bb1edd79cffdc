import { z } from 'zod';
import type { SignalJudgement, Verdict } from '../../../shared/contract/telemetry.ts';
import { Signal } from '../../../shared/protocol/telemetry.ts';
import { DEFAULT_ALPHA, formatEffect, formatP, formatValue, isJudgedSignal, judgeSignal, JUDGED_SIGNALS } from '../../../shared/telemetry/judge.ts';
import type { FileLimits } from './load-files.ts';
import type { Output } from './output.ts';
import { Problems } from './problems.ts';
import { readTextCapped, ReadProblem } from './read-text.ts';
import { renderTable } from './render-table.ts';
import { InputProblem } from './sources.ts';
import { addIssues } from './zod-issues.ts';

const USAGE = `usage: rcc judge BASELINE.json CANARY.json --signal ${JUDGED_SIGNALS.join('|')} [--json]`;

/** A samples file: a non-empty JSON array; each element is checked on its own so a huge bad file costs a count, not an issue per element. */
const SampleFile = z.array(z.unknown()).min(1, 'no samples: the array is empty');
/** zod refuses NaN and ±Infinity (a JSON number too large, such as 1e999, parses to Infinity). */
const Sample = z.number();

const EXIT: Record<Verdict, number> = { pass: 0, fail: 1, marginal: 3 };

/** `rcc judge`: 0 pass, 1 fail, 3 marginal; bad input throws InputProblem (exit 2). */
export async function runJudge(files: readonly string[], signal: string | undefined, limits: FileLimits, json: boolean, out: Output): Promise<number> {
  if (files.length !== 2) throw new InputProblem([`rcc judge: expected 2 files (baseline, canary), got ${files.length}`, USAGE]);
  const judged = parseSignal(signal);
  const problems = new Problems(limits.maxProblems);
  const [baseline, canary] = [await loadSamples(files[0]!, limits, problems), await loadSamples(files[1]!, limits, problems)];
  problems.throwIfAny();
  const judgement = judgeSignal(judged, baseline, canary);
  if (json) {
    out.stdout(JSON.stringify({ ok: true, verdict: judgement.verdict, alpha: DEFAULT_ALPHA, files: { baseline: files[0], canary: files[1] }, signals: [judgement] }, null, 2));
  } else {
    out.stdout(`${judgement.verdict.toUpperCase()}: ${judgement.reason}\n\n${renderJudgement(judgement)}`);
  }
  return EXIT[judgement.verdict];
}

function parseSignal(signal: string | undefined): Signal {
  const expected = `expected ${JUDGED_SIGNALS.join(', ')}`;
  if (signal === undefined) throw new InputProblem([`rcc judge: --signal is required (${expected})`, USAGE]);
  if (!Signal.safeParse(signal).success) throw new InputProblem([`rcc judge: --signal ${signal}: unknown signal; ${expected}`]);
  if (!isJudgedSignal(signal)) throw new InputProblem([`rcc judge: --signal ${signal}: not judged (it has no bad direction); ${expected}`]);
  return signal;
}

/** The samples of one file; its problems (naming the file and the element) go to `problems`. */
async function loadSamples(file: string, limits: FileLimits, problems: Problems): Promise<number[]> {
  if (problems.full) {
    problems.skipped('file');
    return [];
  }
  let json: unknown;
  try {
    json = JSON.parse(await readTextCapped(file, limits.maxBytes));
  } catch (error) {
    if (error instanceof ReadProblem) problems.add(`${file}: ${error.message}`);
    else if (error instanceof SyntaxError) problems.add(`${file}: not valid JSON (${error.message})`);
    else throw error;
    return [];
  }
  const parsed = SampleFile.safeParse(json);
  if (!parsed.success) {
    addIssues(problems, file, parsed.error);
    return [];
  }
  const values = parsed.data;
  const samples: number[] = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value === 'number' && Number.isFinite(value)) {
      samples[i] = value;
      continue;
    }
    if (problems.full) {
      problems.omit(1);
      continue;
    }
    const checked = Sample.safeParse(value);
    if (!checked.success) addIssues(problems, file, checked.error, [i]);
  }
  return samples;
}

const signed = (signal: Signal, effect: number) => `${effect > 0 ? '+' : ''}${formatEffect(signal, effect)}`;

/** One row: signal, verdict, p-value, effect against its thresholds, medians and counts. */
function renderJudgement(j: SignalJudgement): string {
  const count = (n: number) => n.toLocaleString('en-US');
  return renderTable(
    ['SIGNAL', 'VERDICT', 'P-VALUE', 'EFFECT', 'MARGINAL AT', 'FAIL AT', 'BASELINE MEDIAN', 'CANARY MEDIAN', 'BASELINE N', 'CANARY N'],
    [
      [
        j.signal,
        j.verdict,
        formatP(j.pValue),
        signed(j.signal, j.effect),
        signed(j.signal, j.marginalAt),
        signed(j.signal, j.failAt),
        formatValue(j.signal, j.baselineMedian),
        formatValue(j.signal, j.canaryMedian),
        count(j.baselineCount),
        count(j.canaryCount),
      ],
    ],
    new Set([2, 3, 4, 5, 6, 7, 8, 9]),
  );
}
