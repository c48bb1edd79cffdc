import type { HostKind, Handlers } from '../../shared/contract/index.ts';
import { EventBus } from '../common/event-bus.ts';
import { ConsoleError } from '../common/console-error.ts';
import type { RegionsService } from '../common/regions-service.ts';
import { tokenEnvName, type TokenStore } from '../connector/token-store.ts';
import { SettingsStore } from '../services/settings-store.ts';
import { appHandlers } from '../services/app-handlers.ts';
import { fleetHandlers, coalesceFleetChanges } from '../services/fleet-handlers.ts';
import { CompatService } from '../services/compat-service.ts';
import { compatHandlers } from '../services/compat-handlers.ts';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AUDIT_FILE, FileSigningKeyStore, openAuditStore, SIGNING_KEY_FILE, type AuditStore, type SigningKeyStore } from '../audit/index.ts';
import { APP_VERSION } from '../common/app-identity.ts';
import { ActionService } from '../services/action-service.ts';
import { auditHandlers } from '../services/audit-handlers.ts';
import { toggleHandlers } from '../services/toggle-handlers.ts';
import { ToggleSync, type ToggleSyncOptions } from '../services/toggle-sync.ts';
import type { ToggleSource } from '../toggles/index.ts';
import { auditSettingChanges } from '../services/setting-audit.ts';
import { loadPolicy } from '../services/policy.ts';
import { osUserName } from '../services/app-handlers.ts';
import { HISTORY_FILE, openHistoryStore, type HistoryStore } from '../history/index.ts';
import type { TelemetrySource } from '../common/telemetry-source.ts';
import { TelemetryService } from '../services/telemetry-service.ts';
import { AlertService, type AlertServiceOptions } from '../services/alert-service.ts';
import { MemoryAlertHistory } from '../services/alert-lifecycle.ts';
import { loadAlertConfig } from '../services/alert-config.ts';
import { telemetryHandlers } from '../services/telemetry-handlers.ts';
import { snapshotHandlers, type SnapshotFileDialogs, type SnapshotSwitch } from '../services/snapshot-handlers.ts';
import { trainHandlers } from '../services/trains-handlers.ts';
import type { OpenedSnapshot } from '../snapshots/index.ts';
import { ViolationEpisodeRecorder } from '../services/report-episodes.ts';
import { reportHandlers } from '../services/report-handlers.ts';
import { ReportPrinterSlot, type ReportPrinter } from '../report/printer.ts';
import { CadenceService } from '../services/cadence-service.ts';
import { MemoryCadenceStore } from '../services/cadence-memory.ts';
import { loadCadenceConfig } from '../services/cadence-config.ts';
import { cadenceHandlers } from '../services/cadence-handlers.ts';

export interface CoreOptions {
  host: HostKind;
  dataDir: string;
  regions: RegionsService;
  readOnly?: boolean;
  tokens: TokenStore;
  /** Where the audit store's Ed25519 signing key lives (desktop: the OS keychain); default a 0600 file. */
  signingKeys?: SigningKeyStore;
  /** How often intents without an outcome are reconciled with their endpoints. */
  reconcileEveryMs?: number;
  /** Regions whose toggles live in Unleash (regions.json `"toggles"`), by region id. */
  toggleSources?: ReadonlyMap<string, ToggleSource>;
  toggleSync?: ToggleSyncOptions;
  /** Each region's telemetry (native or Prometheus), by region id. */
  telemetrySources?: ReadonlyMap<string, TelemetrySource>;
  /** Alert clocks (tests shorten them). */
  alerts?: Pick<AlertServiceOptions, 'evaluateEveryMs' | 'judgeEveryMs' | 'sloEveryMs' | 'now'>;
  /** The clock of telemetry windows and compat stamps (ms since the epoch); default Date.now, a snapshot's T when one is shown. */
  now?: () => number;
  /**
   * A verified snapshot this core shows (boot with `snapshot`): pass its regions and telemetry sources
   * too, and readOnly. No history store is opened, alerts are not evaluated, and the calls whose
   * answers it recorded (verdict, alerts, toggles, audit…) are answered from it.
   */
  snapshot?: OpenedSnapshot;
  /** A host that can swap this core for one over a snapshot and back (`snapshots.open` / `snapshots.close`). */
  switcher?: SnapshotSwitch;
  /** The host's file dialogs (desktop), for `snapshots.chooseFile`. */
  dialogs?: SnapshotFileDialogs;
}

export interface Core {
  handlers: Handlers;
  bus: EventBus;
  /** The host's PDF printer for `report.pdf`, set once the host serves the renderer. */
  setReportPrinter(printer: ReportPrinter | null): void;
  dispose(): Promise<void>;
}

async function openAudit(options: CoreOptions): Promise<{ audit: AuditStore | null; problem?: string }> {
  try {
    const keys = options.signingKeys ?? new FileSigningKeyStore(join(options.dataDir, SIGNING_KEY_FILE));
    return { audit: await openAuditStore(join(options.dataDir, AUDIT_FILE), { keys, consoleVersion: APP_VERSION }) };
  } catch (error) {
    // The console still starts (it can look); every action is refused until the store can be written.
    return { audit: null, problem: error instanceof Error ? error.message : String(error) };
  }
}

function openHistory(dataDir: string): { history: HistoryStore | null; problem?: string } {
  try {
    return { history: openHistoryStore(join(dataDir, HISTORY_FILE)) };
  } catch (error) {
    // History is a convenience: the console runs with it in memory rather than not at all.
    return { history: null, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The console's services behind the contract, independent of the transport that serves them. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const bus = new EventBus();
  const settings = new SettingsStore(options.dataDir);
  await settings.load();

  const frozen = options.snapshot ?? null;
  const now = options.now ?? (frozen ? () => frozen.takenAtMs : Date.now);
  const { history, problem: historyProblem } = frozen ? { history: null } : openHistory(options.dataDir);
  const episodes = frozen ? null : new ViolationEpisodeRecorder(history, new Date(now()).toISOString(), (m) => console.warn(m));
  const compat = new CompatService(options.regions, { historyStore: history, clock: () => new Date(now()).toISOString(), onVerdict: (violations, at) => episodes?.observe(violations, at), unchanging: frozen !== null });
  compat.start();
  const disposers = [
    () => compat.stop(),
    () => episodes?.flush(),
    options.regions.onStatus((statuses) => bus.emit('regions.status', statuses)),
    coalesceFleetChanges(options.regions, bus),
  ];
  await options.regions.start();

  const { audit, problem: auditProblem } = await openAudit(options);
  const policy = await loadPolicy(options.dataDir);
  const user = osUserName();
  const actor = () => ({ user, displayName: settings.get().displayName, workstation: hostname() });
  const toggleSources = options.toggleSources ?? new Map<string, ToggleSource>();
  const toggleSync = new ToggleSync(toggleSources, options.regions, options.toggleSync);
  toggleSync.start();
  disposers.push(() => toggleSync.stop());
  const actions = new ActionService({
    regions: options.regions,
    compat,
    audit,
    auditProblem,
    policy,
    actor,
    bus,
    readOnly: options.readOnly ?? false,
    toggleSources,
    onToggleChanged: (regionId) => void toggleSync.refresh(regionId),
  });
  // A snapshot's charts are not annotated from this console's own audit trail (it may be another console's snapshot).
  const telemetry = new TelemetryService({ regions: options.regions, compat, sources: options.telemetrySources ?? new Map(), audit: frozen ? null : audit, now });
  const alerts = new AlertService({
    regions: options.regions,
    compat,
    telemetry,
    history: history ?? new MemoryAlertHistory(),
    bus,
    config: await loadAlertConfig(options.dataDir),
    now,
    ...options.alerts,
  });
  if (!frozen) alerts.start();
  const cadence = new CadenceService({
    regions: options.regions,
    store: history ?? new MemoryCadenceStore(),
    audit: frozen ? null : audit,
    resolvedAlerts: () => history?.alerts({ state: 'resolved', limit: 10_000 }) ?? [],
    bus,
    config: await loadCadenceConfig(options.dataDir),
    now,
    onProblem: (message) => console.warn(message),
  });
  cadence.start();
  disposers.push(() => alerts.stop(), () => cadence.stop(), () => history?.close());
  if (historyProblem) console.warn(`History store unavailable, keeping history in memory: ${historyProblem}`);
  const reconcile = () => void actions.reconcile().catch(() => {});
  reconcile();
  const reconcileTimer = setInterval(reconcile, options.reconcileEveryMs ?? 60_000);
  reconcileTimer.unref();
  disposers.push(() => clearInterval(reconcileTimer), () => audit?.close());

  const base: Omit<Handlers, 'report.train' | 'report.pdf'> = {
    ...appHandlers({ host: options.host, dataDir: options.dataDir, readOnly: options.readOnly ?? false, settings }),
    'regions.list': async () => options.regions.list(),
    'regions.setToken': async ({ regionId, token }) => {
      if (!options.tokens.set) {
        throw new ConsoleError('forbidden', `This host reads region tokens from ${tokenEnvName(regionId)} or a 0600 tokens.json; it does not store them.`);
      }
      await options.tokens.set(regionId, token);
      return { stored: true as const, regionId };
    },
    ...fleetHandlers(options.regions, compat),
    ...compatHandlers(compat),
    'actions.preview': async (draft) => actions.preview(draft),
    'actions.run': async (input) => actions.run(input),
    ...auditHandlers(audit, auditProblem),
    ...toggleHandlers(options.regions, { sources: toggleSources, sync: toggleSync, audit }),
    ...telemetryHandlers(telemetry, alerts, actor),
    ...(await import('../services/causes-handlers.ts')).causeHandlers(compat),
    ...trainHandlers(compat, () => telemetry.judgements()),
    ...cadenceHandlers(cadence),
    ...snapshotHandlers({
      ...{ dataDir: options.dataDir, regions: options.regions, compat, alerts, telemetrySources: options.telemetrySources ?? new Map(), audit, auditProblem, actor, settings, bus, now },
      toggleSourceKind: (regionId) => toggleSources.get(regionId)?.kind ?? 'native',
      toggleProblem: (regionId) => toggleSync.problem(regionId) ?? null,
      opened: frozen,
      violationEpisodes: episodes ? () => episodes.list() : undefined,
      switcher: options.switcher,
      dialogs: options.dialogs,
    }),
  };
  const printer = new ReportPrinterSlot();
  const plain: Handlers = {
    ...base,
    ...reportHandlers({ calls: base, regions: options.regions, episodes, audit, auditProblem, opened: frozen, printer, staleAfterSeconds: () => settings.get().staleAfterSeconds, now }),
  };
  const handlers = auditSettingChanges(plain, { audit, auditProblem, actor, bus, before: { 'settings.set': () => settings.get() } });

  return {
    handlers,
    bus,
    setReportPrinter: (p) => printer.set(p),
    async dispose() {
      for (const dispose of disposers) await dispose();
      await options.regions.stop();
    },
  };
}
