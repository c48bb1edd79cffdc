import type { AuditEntryView } from '../../shared/contract/index.ts';
import type { Violation } from '../../shared/compat/schemas.ts';
import type { Signal } from '../../shared/protocol/index.ts';
import { chooseStep } from '../../shared/telemetry/step.ts';
import type { RegionsService } from '../common/regions-service.ts';
import type { TelemetrySource } from '../common/telemetry-source.ts';
import type { ComparableSide } from './compare.ts';
import type { SignalMean } from './open.ts';

export interface LiveSideDeps {
  regions: RegionsService;
  violations(): readonly Violation[];
  telemetry: ReadonlyMap<string, TelemetrySource>;
  /** The console's audit store: entries matching since/until, newest first. Null when it is not open. */
  auditQuery: ((filter: { since: string; until: string }, page: { limit: number; offset: number }) => { entries: AuditEntryView[]; total: number }) | null;
  now(): number;
}

/** The live console as one side of a comparison, read now. */
export function liveSide(deps: LiveSideDeps): ComparableSide {
  const at = deps.now();
  const takenAt = new Date(at).toISOString();
  return {
    label: 'live',
    file: null,
    takenAt,
    statuses: deps.regions.list(),
    states: deps.regions.fleetStates(),
    violations: deps.violations(),
    signalMeans: (windowSeconds, signals) => liveMeans(deps.telemetry, at, windowSeconds, signals),
    auditBetween: (from, to, limit) => {
      const query = deps.auditQuery;
      if (!query) return { entries: [], total: 0 };
      // One more than asked (the audit store pages at most 1,000), for an entry exactly at `from`.
      const result = query({ since: from, until: to }, { limit: Math.min(limit + 1, 1_000), offset: 0 });
      // `since` is inclusive; the comparison starts just after the earlier time.
      const entries = result.entries.filter((e) => e.at > from);
      return { entries: entries.slice(0, limit).reverse(), total: result.total - (result.entries.length - entries.length) };
    },
    auditHeldFrom: null,
    hasAudit: deps.auditQuery !== null,
  };
}

async function liveMeans(sources: ReadonlyMap<string, TelemetrySource>, at: number, windowSeconds: number, signals: readonly Signal[]): Promise<SignalMean[]> {
  const jobs = [...sources.values()].flatMap((source) => signals.map((signal) => ({ source, signal })));
  const answers = await Promise.all(
    jobs.map(async ({ source, signal }) => {
      const step = chooseStep(windowSeconds, 60, { minStep: source.minStepSeconds ?? 1 });
      const to = Math.floor(at / 1000 / step) * step;
      try {
        const result = await source.query({ signal, from: to - windowSeconds, to, stepSeconds: step });
        return result.series.map((s) => {
          let sum = 0;
          let n = 0;
          for (const [t, v] of s.points) {
            if (t <= to - windowSeconds || !Number.isFinite(v)) continue;
            sum += v;
            n++;
          }
          return { region: source.regionId, component: s.component, version: s.version, signal, mean: n > 0 ? sum / n : null };
        });
      } catch {
        // A region whose telemetry fails now has no live means; its versions show only the snapshot's.
        return [];
      }
    }),
  );
  return answers.flat();
}
