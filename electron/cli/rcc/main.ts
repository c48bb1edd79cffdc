import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { WhatIfRequest } from '../../../shared/compat/index.ts';
import { runAudit } from './audit.ts';
import { runCheck } from './check.ts';
import { fetchRegion, type RegionSource } from './fetch-region.ts';
import { HELP } from './help.ts';
import { checkGateArgs, loadJudgements, runGate } from './gate.ts';
import { runJudge } from './judge.ts';
import { runPlan } from './plan.ts';
import { runSnapshot } from './snapshot.ts';
import { loadFleetFiles, loadJsonFile } from './load-files.ts';
import type { Output } from './output.ts';
import { DEFAULT_MAX_PROBLEMS, Problems } from './problems.ts';
import { DEFAULT_MAX_BYTES } from './read-text.ts';
import { InputProblem, type SourcedState } from './sources.ts';
import { runWhatIf } from './what-if.ts';

const options = {
  json: { type: 'boolean' },
  region: { type: 'string', multiple: true },
  'token-file': { type: 'string', multiple: true },
  'timeout-ms': { type: 'string' },
  'max-bytes': { type: 'string' },
  'max-problems': { type: 'string' },
  action: { type: 'string' },
  'public-key': { type: 'string' },
  format: { type: 'string' },
  since: { type: 'string' },
  signal: { type: 'string' },
  train: { type: 'string' },
  stage: { type: 'string' },
  judgements: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs one rcc command line; returns the exit code. `stream` receives exports (`rcc audit export`). */
export async function runRcc(
  argv: readonly string[],
  out: Output,
  now: () => string = () => new Date().toISOString(),
  stream: Writable = process.stdout,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    out.stderr(`rcc: ${error instanceof Error ? error.message : String(error)}\nRun rcc --help for usage.`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...files] = positionals;
  if (values.help || command === 'help') {
    out.stdout(HELP);
    return 0;
  }
  if (command === 'audit') {
    return runAudit(files, { publicKey: values['public-key'], format: values.format, since: values.since, json: values.json ?? false }, out, stream);
  }
  if (command === 'snapshot') return runSnapshot(files, { publicKey: values['public-key'], json: values.json ?? false }, out);
  try {
    if (command !== 'check' && command !== 'what-if' && command !== 'plan' && command !== 'judge' && command !== 'gate') {
      throw new InputProblem([command === undefined ? 'rcc: missing command (check, what-if, plan, gate, judge, audit or snapshot)' : `rcc: unknown command "${command}"`, 'Run rcc --help for usage.']);
    }
    const limits = {
      timeoutMs: positiveInteger('--timeout-ms', values['timeout-ms'], 10_000, 'milliseconds'),
      maxBytes: byteCount(values['max-bytes']),
      maxProblems: positiveInteger('--max-problems', values['max-problems'], DEFAULT_MAX_PROBLEMS, 'problems'),
    };
    if (command === 'judge') return await runJudge(files, values.signal, limits, values.json ?? false, out);
    const gateArgs = { train: values.train, stage: values.stage, judgementsFile: values.judgements, json: values.json ?? false };
    if (command === 'gate') checkGateArgs(gateArgs);
    const sources = await loadSources(files, regionSources(values.region ?? [], values['token-file'] ?? []), limits);
    if (command === 'check') return runCheck(sources, values.json ?? false, now(), out, limits.maxProblems);
    if (command === 'plan') return runPlan(sources, values.json ?? false, now(), out, limits.maxProblems);
    if (command === 'gate') return runGate(sources, gateArgs, await loadJudgements(values.judgements, limits), now(), out, limits.maxProblems);
    if (!values.action) throw new InputProblem(['rcc what-if: --action ACTION.json is required']);
    const request = await loadJsonFile(values.action, WhatIfRequest, limits);
    return runWhatIf(sources, request, values.action, values.json ?? false, now(), out, limits.maxProblems);
  } catch (error) {
    if (!(error instanceof InputProblem)) throw error;
    if (values.json) out.stdout(JSON.stringify({ ok: false, problems: error.lines }, null, 2));
    out.stderr(error.lines.join('\n'));
    return 2;
  }
}

function regionSources(urls: readonly string[], tokenFiles: readonly string[]): RegionSource[] {
  if (urls.length === 0 && tokenFiles.length === 0) return [];
  if (tokenFiles.length !== urls.length && tokenFiles.length !== 1) {
    throw new InputProblem([`rcc: give one --token-file per --region, or one for all (got ${urls.length} regions, ${tokenFiles.length} token files)`]);
  }
  return urls.map((url, i) => {
    try {
      new URL(url);
    } catch {
      throw new InputProblem([`rcc: --region ${url}: not a URL`]);
    }
    return { url, tokenFile: tokenFiles[tokenFiles.length === 1 ? 0 : i] ?? '' };
  });
}

function positiveInteger(flag: string, value: string | undefined, fallback: number, unit: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0 || value.trim() !== value) throw new InputProblem([`rcc: ${flag} ${value}: expected a positive whole number of ${unit}`]);
  return n;
}

const BYTE_UNITS: Record<string, number> = { '': 1, k: 1024, kib: 1024, m: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gib: 1024 ** 3 };

/** `--max-bytes 268435456`, `512MiB`, `1g`. */
function byteCount(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_BYTES;
  const match = /^(\d+)\s*([a-z]*)$/i.exec(value);
  const unit = BYTE_UNITS[match?.[2]?.toLowerCase() ?? 'none'];
  const bytes = match && unit !== undefined ? Number(match[1]) * unit : Number.NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new InputProblem([`rcc: --max-bytes ${value}: expected a positive number of bytes (e.g. 268435456, 512KiB, 256MiB, 1GiB)`]);
  return bytes;
}

interface Limits {
  timeoutMs: number;
  maxBytes: number;
  maxProblems: number;
}

/** Files and regions, loaded concurrently; their problems are reported in argument order, capped in total. */
async function loadSources(files: readonly string[], regions: readonly RegionSource[], limits: Limits): Promise<SourcedState[]> {
  if (files.length === 0 && regions.length === 0) throw new InputProblem(['rcc: no fleet state given: pass FILE... or --region URL --token-file FILE']);
  const fileProblems = new Problems(limits.maxProblems);
  const [fromFiles, ...fromRegions] = await Promise.all([loadFleetFiles(files, limits, fileProblems), ...regions.map((r) => fetchRegion(r, limits))]);
  const problems = new Problems(limits.maxProblems);
  problems.merge(fileProblems);
  const sources = [...(fromFiles ?? [])];
  for (const result of fromRegions) {
    if (result.ok) sources.push(result.source);
    else problems.merge(result.problems);
  }
  problems.throwIfAny();
  return sources;
}
