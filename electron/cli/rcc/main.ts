import { parseArgs } from 'node:util';
import { WhatIfRequest } from '../../../shared/compat/index.ts';
import { runCheck } from './check.ts';
import { fetchRegion, type RegionSource } from './fetch-region.ts';
import { HELP } from './help.ts';
import { loadFleetFiles, loadJsonFile } from './load-files.ts';
import type { Output } from './output.ts';
import { InputProblem, type SourcedState } from './sources.ts';
import { runWhatIf } from './what-if.ts';

const options = {
  json: { type: 'boolean' },
  region: { type: 'string', multiple: true },
  'token-file': { type: 'string', multiple: true },
  'timeout-ms': { type: 'string' },
  action: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs one rcc command line; returns the exit code. */
export async function runRcc(argv: readonly string[], out: Output, now: () => string = () => new Date().toISOString()): Promise<number> {
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
  try {
    if (command !== 'check' && command !== 'what-if') {
      throw new InputProblem([command === undefined ? 'rcc: missing command (check or what-if)' : `rcc: unknown command "${command}"`, 'Run rcc --help for usage.']);
    }
    const sources = await loadSources(files, regionSources(values.region ?? [], values['token-file'] ?? []), timeout(values['timeout-ms']));
    if (command === 'check') return runCheck(sources, values.json ?? false, now(), out);
    if (!values.action) throw new InputProblem(['rcc what-if: --action ACTION.json is required']);
    const request = await loadJsonFile(values.action, WhatIfRequest);
    return runWhatIf(sources, request, values.action, values.json ?? false, now(), out);
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

function timeout(value: string | undefined): number {
  if (value === undefined) return 10_000;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0) throw new InputProblem([`rcc: --timeout-ms ${value}: expected a positive whole number of milliseconds`]);
  return ms;
}

async function loadSources(files: readonly string[], regions: readonly RegionSource[], timeoutMs: number): Promise<SourcedState[]> {
  if (files.length === 0 && regions.length === 0) throw new InputProblem(['rcc: no fleet state given: pass FILE... or --region URL --token-file FILE']);
  const settled = await Promise.allSettled([loadFleetFiles(files), ...regions.map((r) => fetchRegion(r, timeoutMs))]);
  const problems = settled.flatMap((s) => (s.status === 'rejected' ? (s.reason instanceof InputProblem ? s.reason.lines : [String(s.reason)]) : []));
  if (problems.length > 0) throw new InputProblem(problems);
  return settled.flatMap((s) => (s.status === 'fulfilled' ? (Array.isArray(s.value) ? s.value : [s.value]) : []));
}
