import type { Rollout } from '../../shared/protocol/index.ts';

export interface StageSpec {
  name: string;
  canaryPercent: number;
  waves: number;
  /** Simulated time a stage must run, once its instances are in place, before the next starts. */
  dwellMs: number;
}

const MINUTE = 60_000;

/** canary 1% → 5% → 25% → waves → 100%. */
export const STAGES: readonly StageSpec[] = [
  { name: 'canary-1', canaryPercent: 1, waves: 1, dwellMs: 30 * MINUTE },
  { name: 'canary-5', canaryPercent: 5, waves: 1, dwellMs: 45 * MINUTE },
  { name: 'canary-25', canaryPercent: 25, waves: 1, dwellMs: 60 * MINUTE },
  { name: 'waves', canaryPercent: 75, waves: 3, dwellMs: 90 * MINUTE },
  { name: 'full', canaryPercent: 100, waves: 1, dwellMs: 0 },
];

export const LAST_STAGE = STAGES.length - 1;

export function stageSpec(index: number): StageSpec {
  const spec = STAGES[Math.min(Math.max(index, 0), LAST_STAGE)];
  if (!spec) throw new Error('no rollout stages defined');
  return spec;
}

/** The protocol's stage list for a rollout sitting at `current` (all done when completed). */
export function stagesAt(current: number, completed: boolean): Rollout['stages'] {
  return STAGES.map((s, i) => ({
    name: s.name,
    canaryPercent: s.canaryPercent,
    waves: s.waves,
    state: completed || i < current ? 'done' : i === current ? 'active' : 'pending',
  }));
}

/** Instances a stage wants on the new version (at least one from the first canary on). */
export function stageTarget(stage: number, total: number): number {
  return Math.min(total, Math.max(1, Math.ceil((stageSpec(stage).canaryPercent / 100) * total)));
}
