import type { MatrixCell, SkewMatrix } from '../../../../shared/contract/compat.ts';
import { count, RULE_LABELS } from '../../lib/format.ts';

export interface MatrixModel {
  cell(component: string, region: string): MatrixCell | undefined;
  newest: number;
  /** Hover text for a cell: its mix, the rules it breaks and the declared exceptions it takes part in. */
  describe(cell: MatrixCell): string;
}

/** Indexes a matrix for O(1) cell lookups while rendering. */
export function matrixModel(matrix: SkewMatrix): MatrixModel {
  const cells = new Map<string, MatrixCell>();
  let newest = Number.NEGATIVE_INFINITY;
  for (const cell of matrix.cells) {
    cells.set(`${cell.component}\u0000${cell.region}`, cell);
    for (const m of cell.mix) if (m.train > newest) newest = m.train;
  }
  const violations = new Map(matrix.violations.map((v) => [v.id, v]));
  const exceptions = new Map(matrix.exceptions.map((e) => [e.id, e]));
  return {
    newest,
    cell: (component, region) => cells.get(`${component}\u0000${region}`),
    describe(cell) {
      const lines = cell.mix.map((m) => `${m.trainName} · ${m.version}: ${count(m.count)} instances`);
      const rules = cell.violationIds.flatMap((id) => {
        const v = violations.get(id);
        return v ? [`${RULE_LABELS[v.rule] ?? v.rule}: ${v.sentence}`] : [];
      });
      for (const id of cell.exceptionIds) {
        const e = exceptions.get(id);
        if (e) rules.push(`Declared exception: ${e.sentence}`);
      }
      if (cell.status === 'warning') rules.push('At the limit: three trains live side by side.');
      return [...lines, ...rules].join('\n') || 'Not running in this region';
    },
  };
}
