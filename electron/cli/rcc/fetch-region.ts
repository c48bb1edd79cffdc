import { BodyLimitError, readBodyCapped } from '../../connector/bounded-body.ts';
import { FleetState } from '../../../shared/protocol/index.ts';
import { Problems } from './problems.ts';
import { readTextCapped, ReadProblem } from './read-text.ts';
import type { SourcedState } from './sources.ts';
import { addIssues } from './zod-issues.ts';

export interface RegionSource {
  url: string;
  tokenFile: string;
}

export interface FetchLimits {
  /** Whole request, headers and body (`--timeout-ms`). */
  timeoutMs: number;
  /** Largest response body (`--max-bytes`). */
  maxBytes: number;
  /** Most problems reported (`--max-problems`). */
  maxProblems: number;
}

export type RegionResult = { ok: true; source: SourcedState } | { ok: false; problems: Problems };

const ENDPOINT = '/v1/fleet';
/** A bearer token is a line of text; anything larger is not a token file. */
const MAX_TOKEN_BYTES = 64 * 1024;

/**
 * GET `URL/v1/fleet` with a bearer token. The timeout covers the whole exchange (headers and body),
 * the body is read up to `maxBytes` and no further, and the response is validated before use.
 */
export async function fetchRegion(source: RegionSource, limits: FetchLimits): Promise<RegionResult> {
  const endpoint = new URL(ENDPOINT.slice(1), source.url.endsWith('/') ? source.url : `${source.url}/`).href;
  const label = `${source.url} (GET ${ENDPOINT})`;
  const problems = new Problems(limits.maxProblems);
  const fail = (line: string): RegionResult => {
    problems.add(line);
    return { ok: false, problems };
  };

  let token: string;
  try {
    token = (await readTextCapped(source.tokenFile, MAX_TOKEN_BYTES, '')).trim();
  } catch (error) {
    if (!(error instanceof ReadProblem)) throw error;
    return fail(`${source.tokenFile}: cannot read the token file: ${error.message}`);
  }
  if (token === '') return fail(`${source.tokenFile}: the token file is empty`);

  const { timeoutMs } = limits;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(endpoint, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, signal });
  } catch (error) {
    if (signal.aborted) return fail(`${label}: no response within ${timeoutMs} ms (--timeout-ms)`);
    return fail(`${label}: request failed (${describeCause(error)})`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    return fail(`${label}: HTTP ${response.status} ${response.statusText}`.trimEnd());
  }

  let text: string;
  try {
    text = await readBodyCapped(response, limits.maxBytes);
  } catch (error) {
    if (error instanceof BodyLimitError) return fail(`${label}: ${error.message} (raise it with --max-bytes)`);
    if (signal.aborted) return fail(`${label}: the response headers arrived but the body was not complete within ${timeoutMs} ms (--timeout-ms)`);
    return fail(`${label}: reading the response body failed (${describeCause(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    return fail(`${label}: response is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = FleetState.safeParse(json);
  if (!parsed.success) {
    addIssues(problems, label, parsed.error);
    return { ok: false, problems };
  }
  return { ok: true, source: { state: parsed.data, label, prefix: [] } };
}

function describeCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
