import type { Handlers } from '../../shared/contract/index.ts';
import type { FleetState } from '../../shared/protocol/index.ts';
import { buildReport, currentTrain, UnknownTrainError, type BoardReport, type ReportChain, type ViolationEpisode } from '../../shared/report/index.ts';
import { ConsoleError } from '../common/console-error.ts';

/** Audit entries read for one report: the newest since the train's cut (the report lists the train's own among them). */
const AUDIT_LIMIT = 1_000;
/** The signal range of the report's deltas. */
const SIGNAL_RANGE = '1h';

/** The calls a report reads through: the same answers the screens get, so a snapshot answers them from what it recorded. */
export type ReportCalls = Pick<Handlers, 'compat.verdict' | 'telemetry.signals' | 'telemetry.judgements' | 'alerts.list' | 'audit.query' | 'regions.list'>;

export interface ReportServiceDeps {
  calls: ReportCalls;
  states(): FleetState[];
  episodes(): { episodes: ViolationEpisode[]; recordedSince: string | null };
  /** The audit chain's head, its latest signature and the key's fingerprint. */
  chain(): ReportChain;
  /** Live, or the snapshot shown (its file and the regions stale at T). */
  source(): { kind: 'live' | 'snapshot'; file: string | null; staleRegions: string[] | null };
  staleAfterSeconds(): number;
  now(): number;
}

/** Gathers a train's report inputs from the console's services and builds the report. */
export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  /** `train` defaults to the current one (the newest with live instances). */
  async report(requested?: number): Promise<BoardReport> {
    const states = this.deps.states();
    const train = requested ?? currentTrain(states);
    if (train === null) throw new ConsoleError('not-found', 'No region reports any release train yet', { path: ['train'] });
    const trainInfo = states.flatMap((s) => s.trains).find((t) => t.index === train);
    if (!trainInfo) throw new ConsoleError('not-found', `No region reports release train ${train}`, { path: ['train'] });
    const now = this.deps.now();
    const { calls } = this.deps;
    const [verdict, signals, judgements, alerts, audit, statuses] = await Promise.all([
      calls['compat.verdict']({}),
      calls['telemetry.signals']({ range: SIGNAL_RANGE }),
      calls['telemetry.judgements']({}),
      calls['alerts.list']({ state: 'open', limit: 1_000 }),
      calls['audit.query']({ since: new Date(Date.parse(trainInfo.date)).toISOString(), limit: AUDIT_LIMIT, offset: 0 }).catch(() => null),
      calls['regions.list']({}),
    ]);
    const source = this.deps.source();
    const staleAfterMs = this.deps.staleAfterSeconds() * 1000;
    const staleRegions = source.staleRegions ?? statuses.filter((s) => s.state !== 'connected' || s.lastGoodAt === null || now - Date.parse(s.lastGoodAt) > staleAfterMs).map((s) => s.id);
    const { episodes, recordedSince } = this.deps.episodes();
    const chain = this.deps.chain();
    try {
      return buildReport({
        train,
        now: new Date(now).toISOString(),
        states,
        source: { kind: source.kind, file: source.file, staleRegions },
        violations: verdict.violations,
        episodes,
        recordedSince,
        signals: signals.rows,
        judgements,
        alerts: alerts.alerts,
        audit: audit?.entries ?? [],
        auditOmitted: audit ? Math.max(0, audit.total - audit.entries.length) : 0,
        chain: audit || chain.problem ? chain : { ...chain, problem: 'the audit trail could not be read' },
      });
    } catch (error) {
      if (error instanceof UnknownTrainError) throw new ConsoleError('not-found', error.message, { path: ['train'] });
      throw error;
    }
  }
}
