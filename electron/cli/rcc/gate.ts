import { z } from 'zod';
import { indexFleet } from '../../../shared/compat/index.ts';
import { CanaryJudgement } from '../../../shared/contract/telemetry.ts';
import { gateVerdict, trainsOf, type GateCheck, type GateVerdict } from '../../../shared/trains/index.ts';
import { loadJsonFile, type FileLimits } from './load-files.ts';
import { compatErrorLines, type Output } from './output.ts';
import { InputProblem, type SourcedState } from './sources.ts';

export const GATE_USAGE = 'usage: rcc gate --train N|NAME --stage S [FILE...] [--region URL --token-file FILE]... [--judgements FILE] [--json]';

export interface GateArgs {
  train: string | undefined;
  stage: string | undefined;
  /** The console's canary judgements (`telemetry.judgements`) as a JSON array; absent: not checked. */
  judgementsFile: string | undefined;
  json: boolean;
}

/** Fails fast, before any file is read or region fetched. */
export function checkGateArgs(args: GateArgs): { train: string; stage: string } {
  const missing = [args.train === undefined ? '--train' : null, args.stage === undefined ? '--stage' : null].filter((m) => m !== null);
  if (missing.length > 0) throw new InputProblem([`rcc gate: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} required`, GATE_USAGE]);
  return { train: args.train!, stage: args.stage! };
}

export async function loadJudgements(file: string | undefined, limits: FileLimits): Promise<CanaryJudgement[] | null> {
  if (file === undefined) return null;
  return loadJsonFile(file, z.array(CanaryJudgement), limits);
}

/** `rcc gate`: 0 go, 1 no-go, 2 bad input (an unknown train or stage, a fleet with input errors). */
export function runGate(sources: readonly SourcedState[], args: GateArgs, judgements: CanaryJudgement[] | null, now: string, out: Output, maxProblems: number): number {
  const { train, stage } = checkGateArgs(args);
  const states = sources.map((s) => s.state);
  const view = indexFleet(states, { now });
  const verdict = view.verdict();
  if (!verdict.ok) {
    if (args.json) out.stdout(JSON.stringify({ ok: false, errors: verdict.errors }, null, 2));
    out.stderr(compatErrorLines(verdict.errors, sources, maxProblems).join('\n'));
    return 2;
  }
  const index = trainIndex(states, train);
  const answer = gateVerdict(states, view, { train: index, stage, judgements });
  if (!answer.ok) throw new InputProblem([`rcc gate: ${answer.problem}`]);
  if (args.json) out.stdout(JSON.stringify({ ok: true, ...answer.verdict }, null, 2));
  else out.stdout(renderGate(answer.verdict));
  return answer.verdict.go ? 0 : 1;
}

/** `--train 204` or `--train 2026.47`. */
function trainIndex(states: SourcedState['state'][], train: string): number {
  const byName = trainsOf(states).find((t) => t.name === train);
  if (byName) return byName.index;
  const n = Number(train);
  if (train.trim() === train && Number.isSafeInteger(n) && n >= 0) return n;
  throw new InputProblem([`rcc gate: --train ${train}: not a train index or a train name the fleet reports`]);
}

const MARK: Record<GateCheck['outcome'], string> = { pass: 'pass', fail: 'FAIL', skipped: 'skip' };

export function renderGate(v: GateVerdict): string {
  const head = `${v.go ? 'GO' : 'NO-GO'}: train ${v.trainName} (${v.train}) ${v.go ? 'may go' : 'may not go'} to ${v.stage} (${v.regions.join(', ')})`;
  const lines = v.checks.flatMap((c) => [`  [${MARK[c.outcome]}] ${c.check}: ${c.sentence}`, ...c.details.map((d) => `         - ${d}`)]);
  return [head, ...lines].join('\n');
}
