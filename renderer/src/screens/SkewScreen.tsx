import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { queryKey } from '../api/hooks.ts';
import { useApiClient } from '../api/context.tsx';
import { useFleetLive } from '../app/use-fleet-live.ts';
import { SkewMatrixGrid } from '../components/skew/SkewMatrixGrid.tsx';
import { SkewTable } from '../components/skew/SkewTable.tsx';
import { plural } from '../lib/format.ts';
import { CauseSummary } from '../components/causes/CauseSummary.tsx';
import { useBlockedTrains, type BlockedIndex } from '../components/trains/use-blocked-trains.ts';
import { markOnce, markPainted } from '../lib/perf-marks.ts';
import type { ActionChoice } from '../lib/actions.ts';
import { useActionDialog } from '../state/action-dialog.ts';
import { useUi } from '../state/ui-store.ts';
import { useReadOnly } from '../components/snapshots/use-read-only.ts';

export function SkewScreen() {
  useFleetLive();
  const { api } = useApiClient();
  const navigate = useUi((s) => s.navigate);
  const view = useUi((s) => s.skewView);
  const setView = useUi((s) => s.setSkewView);
  const matrix = useQuery({
    queryKey: queryKey('compat.matrix', {}),
    queryFn: async () => {
      const data = await api['compat.matrix']({});
      markOnce('rcc:matrix:data');
      return data;
    },
  });
  const open = useCallback((component: string) => navigate({ screen: 'component', component }), [navigate]);
  const openAction = useActionDialog((s) => s.open);
  const onAction = useCallback((choice: ActionChoice) => openAction(choice.draft), [openAction]);
  const readOnly = useReadOnly();
  const onFirstRender = useCallback(() => markPainted('rcc:matrix'), []);
  const blocked = useBlockedTrains();

  const data = matrix.data;
  const violationCells = data?.cells.filter((c) => c.status === 'violation').length ?? 0;
  const warningCells = data?.cells.filter((c) => c.status === 'warning').length ?? 0;
  const exceptionCells = data?.cells.filter((c) => c.exceptionIds.length > 0).length ?? 0;
  return (
    <section className="screen" aria-labelledby="skew-title">
      <header className="screen-header">
        <h1 id="skew-title">Skew matrix</h1>
        <div className="segmented" role="group" aria-label="View">
          <button type="button" aria-pressed={view === 'matrix'} onClick={() => setView('matrix')}>Matrix</button>
          <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>Table</button>
        </div>
      </header>
      {matrix.isPending && <p aria-busy="true">Evaluating compatibility…</p>}
      {matrix.isError && <p role="alert">Could not evaluate: {matrix.error.message}</p>}
      {data && (
        <>
          <p className="summary-line" role="status">
            <span className={data.violations.length > 0 ? 'error-text' : 'ok-text'}>{plural(data.violations.length, 'violation')}</span>
            {' · '}
            {plural(violationCells, 'cell')} in violation · {plural(warningCells, 'cell')} at the three-train limit
            {data.exceptions.length > 0 && (
              <span className="info-text">
                {' · '}
                {plural(data.exceptions.length, 'declared exception')} in {plural(exceptionCells, 'cell')}
              </span>
            )}
            {data.inputErrors > 0 && <span className="error-text"> · {plural(data.inputErrors, 'input error')} (see Violations)</span>}
          </p>
          <CauseSummary />
          <BlockedNote blocked={blocked} live={new Set(data.cells.flatMap((c) => c.mix.map((m) => m.train)))} />
          <Legend />
          {view === 'matrix' ? <SkewMatrixGrid matrix={data} onOpen={open} onAction={readOnly ? undefined : onAction} onFirstRender={onFirstRender} blocked={blocked} /> : <SkewTable matrix={data} onOpen={open} />}
        </>
      )}
    </section>
  );
}

/** Blocked trains that run somewhere: named above the matrix, with why and a link to the Trains screen. */
function BlockedNote({ blocked, live }: { blocked: BlockedIndex; live: ReadonlySet<number> }) {
  const running = [...blocked.byTrain.values()].filter((t) => live.has(t.train));
  if (running.length === 0) return null;
  return (
    <p className="blocked-note" role="note" data-testid="blocked-note">
      {running.map((t) => (
        <span key={t.train}>
          <strong className="error-text">Train {t.trainName} is blocked</strong> — {t.reasons.join('; ')}.{' '}
        </span>
      ))}
      <a href="#/trains">See the trains</a>
    </p>
  );
}

function Legend() {
  return (
    <p className="legend muted">
      <span><i className="swatch age-0" /> newest train</span>
      <span><i className="swatch age-1" /> one behind</span>
      <span><i className="swatch age-2" /> two behind</span>
      <span><i className="swatch age-3" /> three or more behind</span>
      <span><i className="legend-box cell-warning" /> at the limit</span>
      <span><i className="legend-box cell-exception" /> declared exception (allowed beyond ±1)</span>
      <span><i className="legend-box cell-violation" /> violation</span>
      <span><i className="legend-box cell-blocked" /> runs a blocked train</span>
      <span className="legend-keys"><kbd>Enter</kbd> opens the component · <kbd>R</kbd> or <span aria-hidden="true">↶</span> rolls the cell back one train</span>
    </p>
  );
}
