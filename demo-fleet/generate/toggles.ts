import type { Toggle } from '../../shared/protocol/index.ts';
import type { Prng } from '../model/prng.ts';
import type { ToggleSpec } from '../model/toggle-catalog.ts';
import type { TrainPlan } from '../model/trains.ts';
import type { VersionTable } from '../model/versions.ts';

export const TOGGLE_ENVIRONMENT = 'production';

/** Toggles whose gate component runs in the region; `on` only when every live instance meets the gate. */
export function generateToggles(
  rng: Prng,
  specs: readonly ToggleSpec[],
  minLiveTrain: ReadonlyMap<string, number>,
  versions: VersionTable,
  trains: TrainPlan,
): Toggle[] {
  const out: Toggle[] = [];
  for (const spec of specs) {
    let minVersion: Toggle['minVersion'] = null;
    let met = true;
    if (spec.gate) {
      const live = minLiveTrain.get(spec.gate.component);
      if (live === undefined) continue;
      const gateTrain = trains.current + spec.gate.trainOffset;
      minVersion = { component: spec.gate.component, version: versions.versionFor(spec.gate.component, gateTrain) };
      met = live >= gateTrain;
    }
    let state: Toggle['state'];
    if (spec.dormant) state = 'dormant';
    else if (met) state = rng.chance(0.75) ? 'on' : 'off';
    else state = rng.chance(0.5) ? 'dormant' : 'off';
    out.push({ key: spec.key, description: spec.description, environment: TOGGLE_ENVIRONMENT, state, minVersion });
  }
  return out;
}
