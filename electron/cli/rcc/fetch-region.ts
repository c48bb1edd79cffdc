import { readFile } from 'node:fs/promises';
import { FleetState } from '../../../shared/protocol/index.ts';
import { InputProblem, type SourcedState } from './sources.ts';
import { describeIssues } from './zod-issues.ts';

export interface RegionSource {
  url: string;
  tokenFile: string;
}

const ENDPOINT = '/v1/fleet';

/** GET `URL/v1/fleet` with a bearer token and a timeout; the response is validated before use. */
export async function fetchRegion(source: RegionSource, timeoutMs: number): Promise<SourcedState> {
  const endpoint = new URL(ENDPOINT.slice(1), source.url.endsWith('/') ? source.url : `${source.url}/`).href;
  const label = `${source.url} (GET ${ENDPOINT})`;
  const token = await readToken(source.tokenFile);
  let response: Response;
  try {
    response = await fetch(endpoint, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    const reason = timedOut ? `no response within ${timeoutMs} ms` : `request failed (${describeCause(error)})`;
    throw new InputProblem([`${label}: ${reason}`]);
  }
  if (!response.ok) throw new InputProblem([`${label}: HTTP ${response.status} ${response.statusText}`.trimEnd()]);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new InputProblem([`${label}: response is not valid JSON`]);
  }
  const parsed = FleetState.safeParse(json);
  if (!parsed.success) throw new InputProblem(describeIssues(parsed.error).map((line) => `${label}: ${line}`));
  return { state: parsed.data, label, prefix: [] };
}

async function readToken(file: string): Promise<string> {
  let token: string;
  try {
    token = (await readFile(file, 'utf8')).trim();
  } catch {
    throw new InputProblem([`${file}: cannot read the token file`]);
  }
  if (token === '') throw new InputProblem([`${file}: the token file is empty`]);
  return token;
}

function describeCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
