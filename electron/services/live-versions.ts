import type { CompatView } from '../../shared/compat/index.ts';
import type { LiveVersion } from '../../shared/telemetry/baseline.ts';

/** The live versions of a component in a region (instances summed per version), oldest train first. */
export function liveVersions(view: CompatView, region: string, component: string): LiveVersion[] {
  const byVersion = new Map<string, LiveVersion>();
  for (const m of view.versionMix(region, component)) {
    const entry = byVersion.get(m.version);
    if (entry) entry.instances += m.count;
    else byVersion.set(m.version, { version: m.version, train: m.train, instances: m.count });
  }
  return [...byVersion.values()].sort((a, b) => a.train - b.train || a.version.localeCompare(b.version));
}
