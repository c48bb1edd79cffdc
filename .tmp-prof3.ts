import { syntheticFleet } from './test/bench/compat.bench.ts';
import { createIncrementalEvaluator } from './shared/compat/index.ts';
import type { ChangeEvent } from './shared/protocol/index.ts';
const fleet = syntheticFleet();
const NOW = '2026-11-01T12:00:00.000Z';
const ev = createIncrementalEvaluator(fleet, NOW);
const src = fleet[0]!.instances;
const t0 = performance.now();
for (let i = 0; i < 40000; i++) {
  const inst = src[(i * 7919) % src.length]!;
  const e: ChangeEvent = { revision: i, type: 'instance.upsert', instance: { ...inst, activeUsers: i % 50 } };
  ev.apply('us-east', e, NOW);
  ev.verdict();
}
console.log((performance.now() - t0) / 40000 * 1000, 'us/event');
