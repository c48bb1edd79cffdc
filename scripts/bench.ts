import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Benchmark } from '../test/bench/harness.ts';

const dir = resolve(import.meta.dirname, '../test/bench');
const only = process.argv[2];
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
let failed = 0;
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { benchmarks: Benchmark[] };
  for (const bench of mod.benchmarks) {
    const result = await bench.run();
    if (!result.pass) failed++;
    console.log(`${result.pass ? 'PASS' : 'OVER'}  ${bench.name}: ${result.summary}`);
  }
}
console.log(failed === 0 ? 'all benchmarks within budget' : `${failed} benchmark(s) over budget`);
process.exitCode = failed === 0 ? 0 : 1;
