import type { CompatView } from '../compat/index.ts';
import type { SkewMatrix } from '../contract/compat.ts';
import type { FleetState } from '../protocol/index.ts';
import { buildCatalog } from './catalog.ts';

/** The skew matrix: every component × region cell with its version mix and compliance. */
export function buildSkewMatrix(view: CompatView, states: readonly FleetState[]): SkewMatrix {
  const catalog = buildCatalog(states);
  const verdict = view.verdict();
  const cells = catalog.components.flatMap((component) =>
    catalog.regions.map((region) => {
      const compliance = view.cellStatus(region.id, component.id);
      const mix = view.versionMix(region.id, component.id);
      return {
        region: region.id,
        component: component.id,
        status: compliance.status,
        span: compliance.span,
        live: mix.reduce((sum, m) => sum + m.count, 0),
        violationIds: compliance.violationIds,
        exceptionIds: compliance.exceptionIds,
        mix,
      };
    }),
  );
  return {
    evaluatedAt: view.now,
    regions: catalog.regions,
    components: catalog.components.map(({ id, name, tier }) => ({ id, name, tier })),
    cells,
    violations: verdict.violations.map(({ id, rule, sentence, regions, components }) => ({ id, rule, sentence, regions, components })),
    exceptions: verdict.exceptions.map(({ id, rule, sentence, regions, components }) => ({ id, rule, sentence, regions, components })),
    inputErrors: verdict.errors.length,
  };
}
