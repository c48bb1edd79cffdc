import type { Handlers } from '../../shared/contract/index.ts';
import type { ReportChain, ViolationEpisode } from '../../shared/report/index.ts';
import { keyFingerprint, type AuditStore } from '../audit/index.ts';
import type { RegionsService } from '../common/regions-service.ts';
import type { ReportPrinterSlot } from '../report/printer.ts';
import type { OpenedSnapshot } from '../snapshots/index.ts';
import { ReportService, type ReportCalls } from './report-service.ts';

type ReportHandlers = Pick<Handlers, 'report.train' | 'report.pdf'>;

export interface ReportHandlerDeps {
  /** The console's other calls (a snapshot's recorded answers included). */
  calls: ReportCalls;
  regions: RegionsService;
  /** Live violation episodes (null when a snapshot is shown: its own are read). */
  episodes: { list(): ViolationEpisode[]; recordedSince(): string } | null;
  audit: AuditStore | null;
  auditProblem?: string;
  opened: OpenedSnapshot | null;
  printer: ReportPrinterSlot;
  staleAfterSeconds(): number;
  now(): number;
}

function liveChain(audit: AuditStore | null, problem: string | undefined): ReportChain {
  if (!audit) return { head: null, checkpoint: null, publicKeyFingerprint: null, problem: problem ?? 'no audit store' };
  let checkpoint;
  try {
    // Sign the head now, so the report's head is the signed one (as an export does).
    checkpoint = audit.checkpoint();
  } catch {
    checkpoint = audit.latestCheckpoint();
  }
  return { head: audit.head() ?? { seq: 0, hash: '' }, checkpoint, publicKeyFingerprint: keyFingerprint(audit.publicKey()), problem: null };
}

function snapshotChain(opened: OpenedSnapshot): ReportChain {
  const audit = opened.manifest.audit;
  if (!audit) return { head: null, checkpoint: null, publicKeyFingerprint: null, problem: 'the snapshot holds no audit trail' };
  return { head: audit.head ?? { seq: 0, hash: '' }, checkpoint: opened.auditCheckpoint(), publicKeyFingerprint: audit.fingerprint, problem: null };
}

/** `report.train` and `report.pdf`, live or over a snapshot. */
export function reportHandlers(deps: ReportHandlerDeps): ReportHandlers {
  const opened = deps.opened;
  const service = new ReportService({
    calls: deps.calls,
    states: () => deps.regions.fleetStates(),
    episodes: () =>
      opened
        ? { episodes: [...opened.violationEpisodes], recordedSince: opened.episodesRecordedSince }
        : { episodes: deps.episodes?.list() ?? [], recordedSince: deps.episodes?.recordedSince() ?? null },
    chain: () => (opened ? snapshotChain(opened) : liveChain(deps.audit, deps.auditProblem)),
    source: () => (opened ? { kind: 'snapshot', file: opened.file, staleRegions: opened.manifest.regions.filter((r) => r.stale).map((r) => r.id) } : { kind: 'live', file: null, staleRegions: null }),
    staleAfterSeconds: deps.staleAfterSeconds,
    now: deps.now,
  });
  return {
    'report.train': async ({ train }) => service.report(train),
    'report.pdf': async ({ train }) => {
      // Fails with not-found before a browser starts when the train is unknown.
      const report = await service.report(train);
      const pdf = Buffer.from(await deps.printer.print(train));
      const slug = report.train.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '') || `train-${train}`;
      return { fileName: `board-report-${slug}-${report.generatedAt.slice(0, 10)}.pdf`, mimeType: 'application/pdf' as const, base64: pdf.toString('base64'), bytes: pdf.length };
    },
  };
}
