import { syntheticFleet } from './test/bench/compat.bench.ts';
import { CompatModel } from './shared/compat/model.ts';
const fleet = syntheticFleet();
const NOW = '2026-11-01T12:00:00.000Z';
for (let i = 0; i < 200; i++) CompatModel.fromStates(fleet, NOW, false).verdict();
