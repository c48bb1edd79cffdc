import { writeFileSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { join } from 'node:path';
import { bootConsole } from '../../../electron/core/boot.ts';
import { tempDir } from '../../support/temp-dir.ts';

/**
 * Boots the console core (as the web host does) on regions given as JSON in argv[2], lets it load and
 * stream for argv[3] seconds, then prints one JSON line: heap used and RSS after a full GC.
 * Run with `node --expose-gc --import tsx`, in its own process so nothing else counts.
 */
const regions = JSON.parse(process.argv[2] ?? '[]') as { id: string; name: string; baseUrl: string; token: string }[];
const streamSeconds = Number(process.argv[3] ?? '30');
const snapshot = process.argv[4];
const dir = await tempDir('memory-probe');
const regionsFile = join(dir.path, 'regions.json');
writeFileSync(regionsFile, JSON.stringify({ regions: regions.map(({ id, name, baseUrl }) => ({ id, name, baseUrl })) }));
const tokens = { get: async (id: string) => regions.find((r) => r.id === id)?.token };
const booted = await bootConsole({ host: 'web', dataDir: dir.path, regionsFile, tokens });

const loadedBy = Date.now() + 120_000;
while (booted.regions.list().some((r) => r.revision === null) && Date.now() < loadedBy) await new Promise((r) => setTimeout(r, 200));
const instances = booted.regions.fleetStates().reduce((n, s) => n + s.instances.length, 0);
// Use the console as a person would while it streams: the screens' calls, every few seconds.
const until = Date.now() + streamSeconds * 1000;
let calls = 0;
let nextReport = Date.now() + 60_000;
while (Date.now() < until) {
  if (process.env.RCC_PROBE_VERBOSE && Date.now() > nextReport) {
    nextReport += 60_000;
    const m = process.memoryUsage();
    process.stderr.write(`probe: heap ${(m.heapUsed / 1e6).toFixed(0)} MB, rss ${(m.rss / 1e6).toFixed(0)} MB\n`);
  }
  await booted.core.handlers['fleet.summary']({});
  await booted.core.handlers['compat.matrix']({});
  await booted.core.handlers['compat.verdict']({});
  calls += 3;
  await new Promise((r) => setTimeout(r, 2_000));
}
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
gc?.();
const memory = process.memoryUsage();
const rssAtGc = memory.rss;
const rss = await settledRss();
if (snapshot) writeHeapSnapshot(snapshot);
const revisions = booted.regions.list().map((r) => r.revision ?? 0);
// maxRSS: the kernel's high-water mark of the process (KiB), i.e. the peak between collections while streaming.
const peakRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`${JSON.stringify({ heapUsed: memory.heapUsed, rss, rssAtGc, peakRss, external: memory.external, arrayBuffers: memory.arrayBuffers, instances, calls, revisions })}\n`);
await booted.dispose();
await dir.remove();
process.exit(0);

/**
 * RSS once the collection's freed pages are back with the kernel: V8 unmaps them on a background
 * thread after `gc()` returns, so a reading taken at once still counts up to ~100 MB already freed
 * (more the fuller the heap was before). Waits until RSS stops falling (no drop of 1 MB over 500 ms),
 * at most 5 s.
 */
async function settledRss(): Promise<number> {
  const until = Date.now() + 5_000;
  let last = process.memoryUsage().rss;
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = process.memoryUsage().rss;
    if (last - now < 1e6 || Date.now() > until) return Math.min(now, last);
    last = now;
  }
}
