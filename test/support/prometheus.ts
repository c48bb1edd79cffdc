import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StartedDemoFleet } from '../../demo-fleet/index.ts';
import { freeLoopbackPort, isAlive, killOnExit, waitForExit } from './postgres.ts';

/**
 * A throwaway Prometheus for integration tests and benchmarks: Debian's `/usr/bin/prometheus` (or
 * `$RCC_PROMETHEUS_BIN`) on a free loopback port, its config and TSDB in a temp directory, scraping
 * the demo fleet's `/metrics` (one job per region, `job="demo-<region>"`) or the given URLs. Ready
 * when `/-/ready` answers; stopped by PID (SIGTERM, then SIGKILL) and the directory removed.
 */
export const PROMETHEUS_BIN = process.env.RCC_PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const PROMTOOL_BIN = process.env.RCC_PROMTOOL_BIN ?? '/usr/bin/promtool';

/** One scrape target: the full URL of a metrics page, plus labels attached to its series. */
export interface ScrapeTarget {
  url: string;
  labels?: Record<string, string>;
}

export interface StartPrometheusOptions {
  /** A started demo fleet (every region's `/regions/<id>/metrics`), or metrics URLs. */
  targets: StartedDemoFleet | ReadonlyArray<string | ScrapeTarget>;
  /** Scrape (and rule evaluation) interval; default 1 s. The scrape timeout equals it. */
  scrapeIntervalSeconds?: number;
  /** How long to wait for `/-/ready`; default 30 s. */
  readyTimeoutMs?: number;
  /** YAML appended at the top level of `prometheus.yml` (e.g. `remote_read:` or `rule_files:`). */
  extraConfigYaml?: string;
  /** Extra command-line flags. */
  extraArgs?: readonly string[];
  /**
   * History to hold before the first scrape: an OpenMetrics document turned into TSDB blocks with
   * `promtool tsdb create-blocks-from openmetrics` (see prometheus-history.ts).
   */
  history?: string;
}

/** One sample of an instant query. */
export interface PrometheusSample {
  metric: Record<string, string>;
  value: [number, string];
}

export interface StartedPrometheus {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** The temp directory (config in `prometheus.yml`, TSDB in `data/`); removed by `stop`. */
  readonly dir: string;
  readonly scrapeIntervalSeconds: number;
  /** Prometheus's stdout and stderr so far (the last 64 KiB), for failure messages. */
  log(): string;
  /** An instant query (`/api/v1/query`); throws unless `status` is `success` and the result a vector. */
  query(promql: string): Promise<PrometheusSample[]>;
  /** SIGTERM by PID, SIGKILL after `graceMs` (default 10 s), then removes the directory. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

const LOG_CAP = 64 * 1024;

function scrapeJobs(targets: StartPrometheusOptions['targets']): string {
  const list: Array<{ job: string; url: URL; labels: Record<string, string> }> = [];
  if ('regions' in targets) {
    for (const region of targets.regions) list.push({ job: `demo-${region.id}`, url: new URL(`${targets.url}/regions/${region.id}/metrics`), labels: {} });
  } else {
    targets.forEach((target, i) => {
      const t = typeof target === 'string' ? { url: target } : target;
      list.push({ job: `target-${i}`, url: new URL(t.url), labels: t.labels ?? {} });
    });
  }
  if (list.length === 0) throw new Error('startPrometheus: no targets');
  return list
    .map(({ job, url, labels }) => {
      const lines = [
        `  - job_name: ${JSON.stringify(job)}`,
        `    scheme: ${url.protocol.replace(':', '')}`,
        `    metrics_path: ${JSON.stringify(url.pathname)}`,
        `    static_configs:`,
        `      - targets: [${JSON.stringify(url.host)}]`,
      ];
      if (url.search) {
        const params = [...url.searchParams.entries()].map(([k, v]) => `      ${JSON.stringify(k)}: [${JSON.stringify(v)}]`);
        lines.splice(3, 0, '    params:', ...params);
      }
      if (Object.keys(labels).length > 0) lines.push(`        labels: ${JSON.stringify(labels)}`);
      return lines.join('\n');
    })
    .join('\n');
}

function configYaml(options: StartPrometheusOptions, interval: number): string {
  const every = `${Math.round(interval * 1000)}ms`;
  return [
    'global:',
    `  scrape_interval: ${every}`,
    `  scrape_timeout: ${every}`,
    `  evaluation_interval: ${every}`,
    'scrape_configs:',
    scrapeJobs(options.targets),
    options.extraConfigYaml ?? '',
    '',
  ].join('\n');
}

export async function startPrometheus(options: StartPrometheusOptions): Promise<StartedPrometheus> {
  if (!existsSync(PROMETHEUS_BIN)) {
    throw new Error(
      `${PROMETHEUS_BIN} not found: this test runs a real Prometheus — install it with ` +
        '`sudo apt-get install -y --no-install-recommends prometheus` (or set RCC_PROMETHEUS_BIN)',
    );
  }
  const interval = options.scrapeIntervalSeconds ?? 1;
  if (!(interval > 0)) throw new Error(`startPrometheus: scrapeIntervalSeconds must be > 0, got ${interval}`);
  const dir = await mkdtemp(join(tmpdir(), 'rcc-prometheus-'));
  const removeDir = () => rm(dir, { recursive: true, force: true });
  try {
    await writeFile(join(dir, 'prometheus.yml'), configYaml(options, interval));
    if (options.history !== undefined) await backfill(dir, options.history);
    // A free port can be taken between probing and binding: try a few.
    let lastError: Error | null = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freeLoopbackPort();
      try {
        return await launch(options, dir, port, interval, removeDir);
      } catch (error) {
        lastError = error instanceof Error ? error : new Error(String(error));
        if (!/address already in use/i.test(lastError.message)) break;
      }
    }
    throw lastError ?? new Error('prometheus did not start');
  } catch (error) {
    await removeDir();
    throw error;
  }
}

/** Writes the history's blocks into the TSDB directory Prometheus will open. */
async function backfill(dir: string, history: string): Promise<void> {
  const file = join(dir, 'history.om');
  await writeFile(file, history);
  const child = spawn(PROMTOOL_BIN, ['tsdb', 'create-blocks-from', 'openmetrics', file, join(dir, 'data')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-LOG_CAP);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  await rm(file, { force: true });
  if (code !== 0) throw new Error(`promtool create-blocks-from openmetrics exited with ${code}:\n${stderr.slice(-2_000)}`);
}

async function launch(options: StartPrometheusOptions, dir: string, port: number, interval: number, removeDir: () => Promise<void>): Promise<StartedPrometheus> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      ...(options.extraArgs ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const append = (d: Buffer) => {
    log = (log + d.toString()).slice(-LOG_CAP);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${PROMETHEUS_BIN}`);
  const forget = killOnExit(pid);
  let stopped = false;
  const stop = async (graceMs = 10_000) => {
    if (stopped) return;
    stopped = true;
    if (isAlive(pid)) {
      process.kill(pid, 'SIGTERM');
      if (!(await waitForExit(pid, graceMs))) {
        process.kill(pid, 'SIGKILL');
        await waitForExit(pid, 5_000);
      }
    }
    forget();
    await removeDir();
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) {
      forget();
      throw new Error(`prometheus exited with ${child.exitCode} before it was ready:\n${log.slice(-2_000)}`);
    }
    const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2_000) }).then(
      (res) => res.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop(2_000).catch(() => undefined);
      throw new Error(`prometheus at ${url} not ready after ${options.readyTimeoutMs ?? 30_000} ms:\n${log.slice(-2_000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    port,
    pid,
    dir,
    scrapeIntervalSeconds: interval,
    log: () => log,
    async query(promql) {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(promql)}`, { signal: AbortSignal.timeout(10_000) });
      const body = (await res.json()) as { status?: string; data?: { resultType?: string; result?: PrometheusSample[] } };
      if (body.status !== 'success' || body.data?.resultType !== 'vector' || !body.data.result) {
        throw new Error(`prometheus query ${promql} failed (${res.status}): ${JSON.stringify(body).slice(0, 500)}`);
      }
      return body.data.result;
    },
    stop,
  };
}
