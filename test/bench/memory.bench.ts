import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Benchmark } from './harness.ts';

/**
 * Issue 8's memory budget: the console's main process, on a 6-region, 100,000-instance demo fleet,
 * after loading it and streaming for a while, holds ≤ 300 MB resident. The baseline, measured in the
 * same run, is a bare Node process (same loader) holding the same six documents as parsed JSON:
 * what the data costs before the console adds anything.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const BUDGET_MB = 300;
const STREAM_SECONDS = Number(process.env.RCC_BENCH_MEMORY_SECONDS ?? '60');
const TOKEN = 'memory-bench-token';

interface Probe {
  heapUsed: number;
  rss: number;
  instances: number;
}
interface ConsoleProbe extends Probe {
  rssAtGc: number;
  peakRss: number;
}

function run(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--expose-gc', '--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
}

async function firstLine(child: ChildProcess, match: RegExp): Promise<RegExpMatchArray> {
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const found = line.match(match);
    if (found) return found;
  }
  throw new Error(`process ended before printing ${match}`);
}

const mb = (bytes: number) => bytes / 1e6;

export const benchmarks: Benchmark[] = [
  {
    name: `console memory: 6 regions, 100,000 instances, loaded and streaming ${STREAM_SECONDS} s`,
    async run() {
      const fleet = run(['demo-fleet/cli.ts', '--port', '0', '--scale', '100000', '--regions', '6', '--token', TOKEN]);
      try {
        const url = (await firstLine(fleet, /demo fleet at (http:\/\/\S+)/))[1]!;
        const ids = ['us-east', 'eu-west', 'ca-central', 'ap-southeast', 'us-west', 'eu-north'];
        const regions = ids.map((id) => ({ id, name: id, baseUrl: `${url}/regions/${id}`, token: TOKEN }));

        const baselineScript = `
          globalThis.gc();
          const emptyRss = process.memoryUsage().rss;
          const docs = [];
          for (const r of ${JSON.stringify(regions)}) docs.push(await (await fetch(r.baseUrl + '/v1/fleet', { headers: { authorization: 'Bearer ' + r.token } })).json());
          globalThis.gc(); globalThis.gc();
          const m = process.memoryUsage();
          console.log(JSON.stringify({ heapUsed: m.heapUsed, rss: m.rss, emptyRss, instances: docs.reduce((n, d) => n + d.instances.length, 0) }));`;
        const baselineChild = run(['--input-type=module', '-e', baselineScript]);
        const baseline = JSON.parse((await firstLine(baselineChild, /^\{.*\}$/))[0]) as Probe & { emptyRss: number };

        const probeChild = run(['test/bench/support/console-memory-probe.ts', JSON.stringify(regions), String(STREAM_SECONDS)]);
        const probe = JSON.parse((await firstLine(probeChild, /^\{.*\}$/))[0]) as ConsoleProbe;
        // What the fleet adds to an empty process of the same kind, per 10,000 instances.
        const per10k = mb(probe.rss - baseline.emptyRss) / (probe.instances / 10_000);
        return {
          pass: mb(probe.rss) <= BUDGET_MB,
          summary:
            `RSS ${mb(probe.rss).toFixed(0)} MB after GC (budget <= ${BUDGET_MB} MB; ${mb(probe.rssAtGc).toFixed(0)} MB at the instant of the GC, before V8 returned the freed pages; ` +
            `peak ${mb(probe.peakRss).toFixed(0)} MB while streaming, between collections), heap ${mb(probe.heapUsed).toFixed(0)} MB after GC = ` +
            `${(probe.heapUsed / baseline.heapUsed).toFixed(2)}x the bare parsed documents (${mb(baseline.heapUsed).toFixed(0)} MB heap, ${mb(baseline.rss).toFixed(0)} MB RSS); ` +
            `~${per10k.toFixed(0)} MB per 10,000 instances above an empty process (${mb(baseline.emptyRss).toFixed(0)} MB); ${probe.instances.toLocaleString()} instances`,
        };
      } finally {
        fleet.kill('SIGKILL');
      }
    },
  },
];
