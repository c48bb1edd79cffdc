import { memo, useLayoutEffect, useMemo, type KeyboardEvent } from 'react';
import type { MatrixCell, SkewMatrix } from '../../../../shared/contract/compat.ts';
import { previousTrainRollback, trainNames, type ActionChoice } from '../../lib/actions.ts';
import { count } from '../../lib/format.ts';
import { trainAgeClass } from '../../lib/train-age.ts';
import { matrixModel } from './matrix-model.ts';
import { blockedTitle } from '../trains/BlockedBadge.tsx';
import type { BlockedIndex } from '../trains/use-blocked-trains.ts';

interface Props {
  matrix: SkewMatrix;
  onOpen(component: string): void;
  /** The rollback a cell offers (its button, or R on the focused cell). */
  onAction?(choice: ActionChoice): void;
  onFirstRender?(): void;
  /** Trains with a failed gate: cells running one of their versions are marked blocked. */
  blocked?: BlockedIndex;
}

/** The cell's rollback: its component in its region, from the newest train live there to the one before. */
function cellRollback(cell: MatrixCell): ActionChoice | null {
  return previousTrainRollback(cell.component, cell.region, cell.mix, trainNames([cell.mix]));
}

/** Component × region grid; arrow keys move between cells, Enter opens the component, R rolls the cell back one train. */
export function SkewMatrixGrid({ matrix, onOpen, onAction, onFirstRender, blocked }: Props) {
  const model = useMemo(() => matrixModel(matrix), [matrix]);
  useLayoutEffect(() => onFirstRender?.(), [onFirstRender]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const target = event.target as HTMLElement;
    const row = Number(target.dataset.row);
    const col = Number(target.dataset.col);
    if (Number.isNaN(row) || Number.isNaN(col)) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Home: [0, -col], End: [0, matrix.regions.length - 1 - col] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      const next = event.currentTarget.querySelector<HTMLElement>(`[data-row="${row + move[0]}"][data-col="${col + move[1]}"]`);
      next?.focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(matrix.components[row]!.id);
    } else if (event.key.toLowerCase() === 'r' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const cell = model.cell(matrix.components[row]!.id, matrix.regions[col]!.id);
      const choice = cell && cell.live > 0 ? cellRollback(cell) : null;
      if (choice && onAction) {
        event.preventDefault();
        onAction(choice);
      }
    }
  };

  return (
    <table className="matrix" role="grid" aria-label="Version skew by component and region" onKeyDown={onKeyDown}>
      <thead>
        <tr>
          <th scope="col">Component</th>
          {matrix.regions.map((r) => (
            <th scope="col" key={r.id}>{r.name}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.components.map((component, row) => (
          <MatrixRow
            key={component.id}
            row={row}
            component={component}
            regions={matrix.regions}
            cells={matrix.regions.map((r) => model.cell(component.id, r.id))}
            newest={model.newest}
            describe={model.describe}
            onOpen={onOpen}
            onAction={onAction}
            blocked={blocked}
          />
        ))}
      </tbody>
    </table>
  );
}

interface RowProps {
  row: number;
  component: SkewMatrix['components'][number];
  regions: SkewMatrix['regions'];
  cells: (MatrixCell | undefined)[];
  newest: number;
  describe(cell: MatrixCell): string;
  onOpen(component: string): void;
  onAction?(choice: ActionChoice): void;
  blocked: BlockedIndex | undefined;
}

/**
 * Query results keep unchanged objects (structural sharing), so a row whose cells did not change
 * skips rendering when the matrix refreshes during a busy change stream.
 */
const MatrixRow = memo(
  function MatrixRow({ row, component, regions, cells, newest, describe, onOpen, onAction, blocked }: RowProps) {
    return (
      <tr>
        <th scope="row">
          <span className="component-name">{component.name}</span> <span className="muted tier">{component.tier}</span>
        </th>
        {regions.map((region, col) => {
          const cell = cells[col];
          if (!cell || cell.live === 0) {
            return (
              <td key={region.id} className="cell cell-empty" tabIndex={-1} data-row={row} data-col={col} title="Not running in this region">
                —
              </td>
            );
          }
          const blockedTrains = [...new Set(cell.mix.map((m) => blocked?.byTrain.get(m.train)).filter((t) => t !== undefined))];
          const description = [describe(cell), ...blockedTrains.map(blockedTitle)].join('. ');
          const rollback = cellRollback(cell);
          return (
            <td
              key={region.id}
              className={`cell cell-${cell.status}${blockedTrains.length > 0 ? ' cell-blocked' : ''}`}
              data-blocked={blockedTrains.length > 0 ? blockedTrains.map((t) => t.trainName).join(' ') : undefined}
              tabIndex={row === 0 && col === 0 ? 0 : -1}
              data-row={row}
              data-col={col}
              data-component={component.id}
              data-region={region.id}
              data-status={cell.status}
              title={description}
              aria-label={`${component.name} in ${region.name}: ${cell.status}. ${description}`}
              aria-keyshortcuts={rollback && onAction ? 'Enter R' : 'Enter'}
              onClick={() => onOpen(component.id)}
            >
              {rollback && (
                <button
                  type="button"
                  className="cell-action"
                  tabIndex={-1}
                  aria-label={rollback.label}
                  title={onAction ? `${rollback.label} (R)` : `${rollback.label}: not from a snapshot (read-only)`}
                  disabled={!onAction}
                  onClick={(event) => {
                    event.stopPropagation();
                    onAction?.(rollback);
                  }}
                >
                  ↶
                </button>
              )}
              <div className="cell-bar" aria-hidden="true">
                {cell.mix.map((m) => (
                  <span key={`${m.train}-${m.version}`} className={trainAgeClass(m.train, newest)} style={{ flexGrow: m.count }} />
                ))}
              </div>
              <div className="cell-text">
                {[...new Set(cell.mix.map((m) => m.trainName))].join(' · ')}
                <span className="muted"> · {count(cell.live)}</span>
                {cell.exceptionIds.length > 0 && (
                  <span className="cell-declared" title="A declared compatibility range allows a pair beyond ±1 here">
                    {' '}declared
                  </span>
                )}
                {blockedTrains.length > 0 && <span className="cell-blocked-mark">blocked</span>}
              </div>
            </td>
          );
        })}
      </tr>
    );
  },
  (a, b) =>
    a.row === b.row &&
    a.component === b.component &&
    a.regions === b.regions &&
    a.newest === b.newest &&
    a.onOpen === b.onOpen &&
    a.onAction === b.onAction &&
    a.blocked === b.blocked &&
    a.cells.length === b.cells.length &&
    a.cells.every((cell, i) => cell === b.cells[i]),
);
