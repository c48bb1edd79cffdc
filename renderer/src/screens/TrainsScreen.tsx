import { useQuery } from '@tanstack/react-query';
import { useCallback, useLayoutEffect, useState } from 'react';
import { queryKey } from '../api/hooks.ts';
import { useApiClient } from '../api/context.tsx';
import { TrainRow } from '../components/trains/TrainRow.tsx';
import { plural } from '../lib/format.ts';
import { markOnce, markPainted } from '../lib/perf-marks.ts';

/** Trains refresh on a timer rather than on every fleet change: the list asks telemetry for canary judgements. */
const REFRESH_MS = 10_000;

export function TrainsScreen() {
  const { api } = useApiClient();
  const trains = useQuery({
    queryKey: queryKey('trains.list', {}),
    queryFn: async () => {
      const data = await api['trains.list']({});
      markOnce('rcc:trains:data');
      return data;
    },
    refetchInterval: REFRESH_MS,
  });
  const [expanded, setExpanded] = useState<ReadonlySet<number> | null>(null);
  const data = trains.data;
  // Opened at first: the blocked trains that run somewhere, else the newest train that runs.
  const running = data?.trains.filter((t) => t.runsIn.length > 0) ?? [];
  const firstOpen = running.some((t) => t.blocked) ? running.filter((t) => t.blocked) : running.slice(0, 1);
  const open = expanded ?? new Set(firstOpen.map((t) => t.train));
  const toggle = useCallback(
    (train: number) =>
      setExpanded((prev) => {
        const base = new Set(prev ?? open);
        if (base.has(train)) base.delete(train);
        else base.add(train);
        return base;
      }),
    [open],
  );
  useLayoutEffect(() => {
    if (data) markPainted('rcc:trains');
  }, [data]);

  const blocked = data?.trains.filter((t) => t.blocked) ?? [];
  const blockedRunning = blocked.filter((t) => t.runsIn.length > 0);
  return (
    <section className="screen" aria-labelledby="trains-title">
      <header className="screen-header">
        <h1 id="trains-title">Release trains</h1>
      </header>
      {trains.isPending && <p aria-busy="true">Loading trains…</p>}
      {trains.isError && <p role="alert">Could not load the trains: {trains.error.message}</p>}
      {data && (
        <>
          <p className="summary-line" role="status">
            {plural(data.trains.length, 'train')}, newest first · {plural(data.stages.length, 'stage')}: {data.stages.join(' → ')} ·{' '}
            <span className={blockedRunning.length > 0 ? 'error-text' : undefined}>{plural(blocked.length, 'blocked train')}{blockedRunning.length > 0 && `, ${blockedRunning.length} running`}</span>
            {data.judgementsProblem && <span className="muted"> · {data.judgementsProblem}</span>}
          </p>
          <p className="muted legend">
            A train with any failed gate is blocked. The verdict for a train's next stage is the one <code>rcc gate</code> gives: every gate before it passed, completing its rollouts introduces no violation, no canary judgement is fail.
          </p>
          <table className="trains-table" aria-label="Release trains">
            <thead>
              <tr>
                <th scope="col">Train</th>
                {data.stages.map((s) => <th scope="col" key={s}>{s}</th>)}
                <th scope="col">Runs in</th>
                <th scope="col">Status</th>
                <th scope="col"><span className="visually-hidden">Report</span></th>
              </tr>
            </thead>
            <tbody>
              {data.trains.map((t) => <TrainRow key={t.train} train={t} expanded={open.has(t.train)} onToggle={toggle} />)}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
