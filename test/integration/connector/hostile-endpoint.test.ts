import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionErrorKind, RegionStatus } from '../../../shared/contract/index.ts';
import { ConnectorRegionsService } from '../../../electron/connector/regions-service.ts';
import { EnvOrFileTokenStore } from '../../../electron/connector/token-store.ts';
import { createCore, type Core } from '../../../electron/core/create-core.ts';
import { HOSTILE_MODES, type HostileMode } from '../../support/hostile-endpoint.ts';
import { waitFor } from '../../support/demo-fleet.ts';
import { tempDir } from '../../support/temp-dir.ts';

const MiB = 1024 * 1024;
const REFETCH = { baseMs: 200, capMs: 2_000 };
const READ_RETRIES = 1;

/** What each misbehaviour must look like on the region card: the state and the kinds of error behind it. */
const EXPECTED: Record<HostileMode, { state: RegionStatus['state']; kinds: RegionErrorKind[]; message?: RegExp; path?: (string | number)[] }> = {
  hang: { state: 'unreachable', kinds: ['timeout'] },
  reset: { state: 'unreachable', kinds: ['network'] },
  garbage: { state: 'degraded', kinds: ['validation', 'protocol'] },
  'endless-body': { state: 'degraded', kinds: ['limit'], message: /larger than the 4 MiB limit/ },
  'wrong-shape-fleet': { state: 'degraded', kinds: ['validation'], path: ['instances', 2, 'version'] },
  'wrong-shape-events': { state: 'degraded', kinds: ['validation'], message: /GET \/v1\/changes/ },
  'sse-garbage': { state: 'degraded', kinds: ['validation'], message: /not valid JSON/ },
  'giant-line': { state: 'degraded', kinds: ['limit'], message: /maxLineLength/ },
  'never-ending-event': { state: 'degraded', kinds: ['protocol'], message: /stayed open/ },
};

/** Fetches a paced region may start in `ms`: the doubling windows (jittered down to half), then one per half cap. */
function maxFetches(ms: number): number {
  let t = 0;
  let n = 1;
  for (let level = 0; t <= ms; level++, n++) t += 0.5 * Math.min(REFETCH.capMs, REFETCH.baseMs * 2 ** level);
  return n;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * The console core against a regional endpoint that misbehaves in every way we know of, one way per
 * region: memory stays flat, calls stay fast, refetches keep to the backoff schedule, and every
 * region's status names what is wrong.
 */
describe('the console against a hostile endpoint', () => {
  let server: ChildProcess;
  let port: number;

  beforeAll(async () => {
    server = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, '../../support/hostile-endpoint.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((done, fail) => {
      createInterface({ input: server.stdout! }).once('line', done);
      server.once('exit', (code) => fail(new Error(`hostile endpoint exited with ${code}`)));
    });
    port = Number(line);
  });
  afterAll(() => {
    server.kill('SIGKILL');
  });

  async function stats(): Promise<Record<string, number>> {
    return (await (await fetch(`http://127.0.0.1:${port}/__stats`)).json()) as Record<string, number>;
  }

  it('bounded memory, a responsive console, honest statuses and paced refetches', async () => {
    const regions = HOSTILE_MODES.map((mode) => ({ id: mode, name: mode, baseUrl: `http://127.0.0.1:${port}/${mode}`, token: 'hostile-token' }));
    const service = new ConnectorRegionsService(regions, {
      client: { timeoutMs: 3_000, readRetries: READ_RETRIES, backoffBaseMs: 50, bodyLimits: { fleet: 4 * MiB } },
      streamIdleTimeoutMs: 1_500,
      stream: { backoffBaseMs: 100, backoffCapMs: 2_000 },
      refetch: REFETCH,
    });
    const dir = await tempDir('hostile');
    let core: Core | null = null;
    const started = Date.now();
    try {
      core = await createCore({ host: 'web', dataDir: dir.path, regions: service, tokens: new EnvOrFileTokenStore(join(dir.path, 'tokens.json'), {}) });
      const handlers = core.handlers;
      const matches = (status: RegionStatus) => {
        const want = EXPECTED[status.id as HostileMode];
        const error = status.lastError;
        return (
          status.state === want.state &&
          error?.kind !== undefined &&
          want.kinds.includes(error.kind) &&
          (!want.message || want.message.test(error.message)) &&
          (!want.path || JSON.stringify(error.path) === JSON.stringify(want.path))
        );
      };
      await waitFor(() => service.list().every(matches), 'every region to show its misbehaviour', 30_000, 100).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${JSON.stringify(service.list().filter((s) => !matches(s)), null, 1)}`);
      });

      // Steady state under attack: sample latency of a real call and the process's memory for 15 s.
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const latencies: number[] = [];
      const mismatches = new Set<string>();
      const until = Date.now() + 15_000;
      while (Date.now() < until) {
        const t0 = performance.now();
        await handlers['fleet.summary']({});
        latencies.push(performance.now() - t0);
        peak = Math.max(peak, process.memoryUsage().rss);
        for (const status of service.list()) {
          // A region may pass through another bad state between samples, but never look healthy.
          if (status.state === 'connected' || status.state === 'connecting') mismatches.add(`${status.id}: ${status.state}`);
        }
        // The sampling interval of a measurement over a fixed window, not a wait for a condition.
        await new Promise((r) => setTimeout(r, 20));
      }
      const elapsed = Date.now() - started;
      const counts = await stats();
      console.log(
        `hostile endpoint: rss +${((peak - baseline) / MiB).toFixed(1)} MiB, fleet.summary p99 ${percentile(latencies, 99).toFixed(1)} ms over ${latencies.length} calls, fleet fetches in ${(elapsed / 1000).toFixed(0)} s: ` +
          HOSTILE_MODES.map((m) => `${m} ${counts[`${m}/v1/fleet`] ?? 0}`).join(', '),
      );

      expect([...mismatches]).toEqual([]);
      expect((peak - baseline) / MiB).toBeLessThanOrEqual(50);
      expect(percentile(latencies, 99)).toBeLessThanOrEqual(50);
      expect(latencies.length).toBeGreaterThan(100);

      const bound = maxFetches(elapsed) * (1 + READ_RETRIES);
      for (const mode of HOSTILE_MODES) {
        expect(counts[`${mode}/v1/fleet`] ?? 0, `${mode}: fleet fetches in ${elapsed} ms (bound ${bound})`).toBeLessThanOrEqual(bound);
      }
      // Paced, but never given up: every region whose fetch fails or whose events are invalid keeps trying.
      for (const mode of ['hang', 'reset', 'garbage', 'endless-body', 'wrong-shape-fleet', 'wrong-shape-events', 'sse-garbage'] as const) {
        expect(counts[`${mode}/v1/fleet`] ?? 0, `${mode}: fleet fetches`).toBeGreaterThanOrEqual(3);
      }
    } finally {
      await core?.dispose();
      await dir.remove();
    }
  }, 120_000);
});
