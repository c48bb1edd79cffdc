import { mkdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { Alert, CallArgs, CallOutput, Handlers, RegionToggles } from '../../shared/contract/index.ts';
import { SNAPSHOT_EXTENSION, type SnapshotFileEntry, type SnapshotFilePurpose } from '../../shared/contract/index.ts';
import type { Violation } from '../../shared/compat/schemas.ts';
import type { ViolationEpisode } from '../../shared/report/episode.ts';
import { buildComponentDetail, UnknownComponentError } from '../../shared/fleet/component-detail.ts';
import type { AuditStore } from '../audit/index.ts';
import { APP_VERSION } from '../common/app-identity.ts';
import { ConsoleError } from '../common/console-error.ts';
import type { EventBus } from '../common/event-bus.ts';
import type { RegionsService } from '../common/regions-service.ts';
import type { TelemetrySource } from '../common/telemetry-source.ts';
import {
  compareSnapshots,
  liveSide,
  namesIn,
  openSnapshot,
  removeStalePartials,
  snapshotSide,
  SnapshotOpenError,
  takeSnapshot,
  type ComparableSide,
  type OpenedSnapshot,
} from '../snapshots/index.ts';
import type { Actor } from './action-service.ts';
import type { AlertService } from './alert-service.ts';
import type { CompatService } from './compat-service.ts';
import type { SettingsStore } from './settings-store.ts';

type SnapshotCalls = Pick<
  Handlers,
  'snapshots.take' | 'snapshots.cancel' | 'snapshots.info' | 'snapshots.compare' | 'snapshots.open' | 'snapshots.close' | 'snapshots.list' | 'snapshots.chooseFile'
>;

/** What a host that can swap its core offers (`electron/host/console-switch.ts`): the core calls it after auditing the call. */
export interface SnapshotSwitch {
  open(file: string): Promise<CallOutput<'snapshots.open'>>;
  backToLive(): Promise<void>;
}

/** The host's own file dialogs (desktop); absent on the web host, where the page uploads and downloads. */
export interface SnapshotFileDialogs {
  /** A path the person chose, or null when they cancelled. */
  choose(purpose: SnapshotFilePurpose, defaultPath: string): Promise<string | null>;
}

export interface SnapshotHandlerDeps {
  dataDir: string;
  regions: RegionsService;
  compat: CompatService;
  alerts: AlertService;
  telemetrySources: ReadonlyMap<string, TelemetrySource>;
  toggleSourceKind(regionId: string): 'native' | 'unleash';
  toggleProblem(regionId: string): string | null;
  audit: AuditStore | null;
  auditProblem?: string;
  actor(): Actor;
  settings: SettingsStore;
  bus: EventBus;
  now(): number;
  /** The snapshot this console shows (read-only), or null for the live console. */
  opened: OpenedSnapshot | null;
  /** Recorded violation episodes, kept in a snapshot for the board report. */
  violationEpisodes?: () => ViolationEpisode[];
  /** Set by a host that can show a snapshot at runtime and come back to live. */
  switcher?: SnapshotSwitch;
  dialogs?: SnapshotFileDialogs;
}

const ALERT_LIMIT = 1_000;

/** `snapshots.*`, and — when the console shows a snapshot — the calls the snapshot answers from what it recorded. */
export function snapshotHandlers(deps: SnapshotHandlerDeps): SnapshotCalls & Partial<Handlers> {
  let running: { file: string; controller: AbortController } | null = null;
  const opened = deps.opened;
  const calls: SnapshotCalls = {
    'snapshots.take': async (args) => {
      if (opened) throw new ConsoleError('forbidden', `This console shows the snapshot ${opened.file} (read-only): take snapshots from a live console.`);
      if (running) throw new ConsoleError('conflict', `A snapshot is being taken already (${running.file}); cancel it or wait.`);
      const file = await targetFile(deps.dataDir, args.file, deps.now());
      const controller = new AbortController();
      running = { file, controller };
      try {
        // A take that died (crash, kill) left its temp file; ours are named `<name>.rccsnap.partial-<hex>`.
        await removeStalePartials(dirname(file), Date.now());
        return await takeSnapshot(
          {
            regions: deps.regions,
            verdict: () => ({ ...deps.compat.view().verdict(), evaluatedAt: deps.compat.view().now }),
            alerts: () => alertsToKeep(deps.alerts),
            toggles: () => toggleLists(deps),
            versionHistory: (component) => deps.compat.history.of(component),
            violationEpisodes: deps.violationEpisodes,
            telemetry: deps.telemetrySources,
            audit: deps.audit,
            auditProblem: deps.auditProblem,
            actor: deps.actor(),
            consoleVersion: APP_VERSION,
            staleAfterSeconds: deps.settings.get().staleAfterSeconds,
            now: deps.now,
          },
          file,
          { telemetryWindowSeconds: args.telemetryWindowSeconds },
          { signal: controller.signal, onProgress: (p) => deps.bus.emit('snapshots.progress', p) },
        );
      } catch (error) {
        if (controller.signal.aborted) throw new ConsoleError('conflict', `The snapshot was cancelled; nothing was written at ${file}.`);
        throw error;
      } finally {
        running = null;
      }
    },
    'snapshots.cancel': async () => {
      if (!running) return { cancelled: false };
      running.controller.abort();
      return { cancelled: true };
    },
    'snapshots.info': async () => (opened ? { file: opened.file, bytes: opened.bytes, manifest: opened.manifest, verifiedAt: opened.verifiedAt } : null),
    'snapshots.compare': async ({ a, b }) => compare(deps, a, b),
    'snapshots.open': async ({ file }) => {
      if (!deps.switcher) throw new ConsoleError('forbidden', 'This console cannot switch to a snapshot while it runs: start it with --snapshot FILE.');
      if (running) throw new ConsoleError('conflict', `A snapshot is being taken (${running.file}); cancel it or wait before opening another.`);
      if (!isAbsolute(file)) throw new ConsoleError('invalid-input', `snapshot file ${file}: give an absolute path`, { path: ['file'] });
      return deps.switcher.open(file);
    },
    'snapshots.close': async () => {
      if (!opened) throw new ConsoleError('conflict', 'This console shows the live fleet already.');
      if (!deps.switcher) throw new ConsoleError('forbidden', 'This console was started on a snapshot and cannot switch: start it without --snapshot.');
      await deps.switcher.backToLive();
      return { live: true as const };
    },
    'snapshots.list': async () => listSnapshots(join(deps.dataDir, 'snapshots')),
    'snapshots.chooseFile': async ({ purpose }) => {
      if (!deps.dialogs) return { supported: false, file: null };
      const defaultPath = purpose === 'save' ? await targetFile(deps.dataDir, undefined, deps.now()) : join(deps.dataDir, 'snapshots');
      return { supported: true, file: await deps.dialogs.choose(purpose, defaultPath) };
    },
  };
  return opened ? { ...calls, ...recordedAnswers(opened, deps.compat) } : calls;
}

/** An absolute path that does not exist yet, or a new file in `<dataDir>/snapshots/`. */
async function targetFile(dataDir: string, file: string | undefined, now: number): Promise<string> {
  if (file !== undefined) {
    if (!isAbsolute(file)) throw new ConsoleError('invalid-input', `snapshot file ${file}: give an absolute path`, { path: ['file'] });
    return file;
  }
  const dir = join(dataDir, 'snapshots');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return join(dir, `snapshot-${new Date(now).toISOString().replace(/[:.]/g, '-')}${SNAPSHOT_EXTENSION}`);
}

/** `*.rccsnap` files in the folder, newest first; an absent folder is an empty list. */
async function listSnapshots(dir: string): Promise<SnapshotFileEntry[]> {
  const names = await namesIn(dir);
  const entries = await Promise.all(
    names
      .filter((name) => name.endsWith(SNAPSHOT_EXTENSION))
      .map(async (name) => {
        const file = join(dir, name);
        const info = await stat(file).catch(() => null);
        return info?.isFile() ? { file, name, bytes: info.size, modifiedAt: info.mtime.toISOString() } : null;
      }),
  );
  return entries.filter((e): e is SnapshotFileEntry => e !== null).sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
}

/** Every open alert and the newest others, in the order the console lists them. */
function alertsToKeep(alerts: AlertService): Alert[] {
  const all = alerts.list({ state: 'all', limit: ALERT_LIMIT }).alerts;
  const ids = new Set(all.map((a) => a.id));
  return [...all, ...alerts.list({ state: 'open', limit: ALERT_LIMIT }).alerts.filter((a) => !ids.has(a.id))];
}

function toggleLists(deps: SnapshotHandlerDeps): RegionToggles[] {
  return deps.regions.fleetStates().map((state) => ({
    region: { id: state.region.id, name: state.region.name },
    source: deps.toggleSourceKind(state.region.id),
    problem: deps.toggleProblem(state.region.id),
    revision: state.revision,
    toggles: state.toggles,
  }));
}

async function open(file: string): Promise<OpenedSnapshot> {
  try {
    return await openSnapshot(file);
  } catch (error) {
    if (error instanceof SnapshotOpenError) throw new ConsoleError('validation', `${error.message} (check: ${error.reason})`);
    throw error;
  }
}

async function compare(deps: SnapshotHandlerDeps, a: string, b: string): Promise<CallOutput<'snapshots.compare'>> {
  if (b === 'live' && deps.opened) throw new ConsoleError('forbidden', 'This console shows a snapshot: compare with live from a live console.');
  const first = await open(a);
  let second: OpenedSnapshot | null = null;
  try {
    let other: ComparableSide;
    if (b === 'live') {
      const audit = deps.audit;
      other = liveSide({
        regions: deps.regions,
        violations: () => deps.compat.view().verdict().violations,
        telemetry: deps.telemetrySources,
        auditQuery: audit ? (filter, page) => audit.query(filter, page) : null,
        now: deps.now,
      });
    } else {
      second = await open(b);
      other = snapshotSide(second);
    }
    return await compareSnapshots(snapshotSide(first), other);
  } finally {
    first.close();
    second?.close();
  }
}

/**
 * Calls whose answer is part of what the snapshot recorded, rather than something the console can
 * recompute from it: the verdict (violations keep the time they were first seen), the version
 * history, the toggle lists (source and problem), the alerts and the audit trail (a toggle's history
 * too). Changes are refused.
 */
function recordedAnswers(opened: OpenedSnapshot, compat: CompatService): Partial<Handlers> {
  const firstSeen = new Map(opened.verdict.violations.map((v) => [v.id, v.firstSeen]));
  const recorded = (v: Violation): Violation => ({ ...v, firstSeen: firstSeen.get(v.id) ?? v.firstSeen });
  const readOnly = (what: string) => new ConsoleError('forbidden', `This console shows the snapshot ${opened.file} (read-only): ${what} is not possible.`);
  return {
    'compat.verdict': async () => opened.verdict,
    'compat.component': async ({ component }) => {
      try {
        const detail = buildComponentDetail(compat.view(), compat.states(), component, opened.versionHistory(component));
        return { ...detail, violations: detail.violations.map(recorded) };
      } catch (error) {
        if (error instanceof UnknownComponentError) throw new ConsoleError('not-found', error.message);
        throw error;
      }
    },
    'compat.whatIf': async (request) => {
      const result = compat.view().whatIf(request);
      return { ...result, resolved: result.resolved.map(recorded), unchanged: result.unchanged.map(recorded) };
    },
    'toggles.list': async () => [...opened.toggles],
    'toggles.history': async ({ region, key, limit }) => {
      const { entries } = opened.audit.query({ region, action: 'toggle.set', text: key }, { limit: 200, offset: 0 });
      const history = entries
        .filter((e) => e.target === key)
        .map((e) => ({
          at: e.at,
          origin: 'console' as const,
          actor: e.actorName ? `${e.actorName} (${e.actorUser})` : e.actorUser,
          summary: `${e.kind} #${e.seq}: ${e.kind === 'intent' ? `asked ${JSON.stringify(e.after)} — ${e.reason ?? ''}` : `${e.outcome}: ${e.response ?? ''}`}`.slice(0, 500),
        }));
      return { entries: history.slice(0, limit * 2), problem: 'from the snapshot: the console\'s audit entries only (a toggle source\'s own log is not kept in a snapshot)' };
    },
    'alerts.list': async ({ state, limit }) => alertList(opened.alerts, state, limit),
    'alerts.acknowledge': async () => {
      throw readOnly('acknowledging an alert');
    },
    'audit.query': async ({ limit, offset, ...filter }) => ({ ...opened.audit.query(filter, { limit, offset }), head: opened.audit.head() }),
    'audit.verify': async () => {
      const check = opened.verifyAuditChain();
      const audit = opened.manifest.audit;
      return {
        ok: check.ok,
        checked: check.ok ? check.entries : 0,
        head: opened.audit.head(),
        firstBad: check.ok ? null : { seq: check.seq, reason: check.message },
        signature: check.ok ? (audit?.head ? 'valid' : 'none') : 'invalid',
        verifiedAt: new Date().toISOString(),
      };
    },
    'audit.export': async () => {
      throw readOnly('exporting the audit trail (export it from the console whose store it is, or check the file with rcc snapshot verify)');
    },
  };
}

function alertList(alerts: readonly Alert[], state: CallArgs<'alerts.list'>['state'], limit: number): CallOutput<'alerts.list'> {
  const open = alerts.filter((a) => a.state !== 'resolved');
  const match = (a: Alert) => state === 'all' || a.state === state || (state === 'open' && a.state !== 'resolved');
  return {
    alerts: alerts.filter(match).slice(0, limit),
    counts: {
      active: open.filter((a) => a.state === 'active').length,
      acknowledged: open.filter((a) => a.state === 'acknowledged').length,
      critical: open.filter((a) => a.severity === 'critical').length,
    },
  };
}
