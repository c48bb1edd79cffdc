import { z } from 'zod';
import { RuleId } from '../compat/schemas.ts';
import { Signal, ToggleState } from '../protocol/index.ts';
import { AuditEntryView } from './audit.ts';
import { call, event } from './define.ts';
import { ConnectionState } from './regions.ts';
import { TelemetryProblem, TelemetrySourceKind } from './telemetry.ts';

/** `manifest.format` and the SQLite `application_id` mark a file as a snapshot. */
export const SNAPSHOT_FORMAT = 'rcc-snapshot';
/** 2: instances stored column by column (electron/snapshots/stored-fleet-state.ts); format 1 files are still read. */
export const SNAPSHOT_FORMAT_VERSION = 2;
/** The file name extension the console writes (the file is SQLite). */
export const SNAPSHOT_EXTENSION = '.rccsnap';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256');
const Time = z.iso.datetime();
const FilePath = z.string().min(1).max(4_096).refine((p) => !p.includes('\0'), 'no NUL characters');

/** A source region as it was at T: its connection state and how old its data was. */
export const SnapshotRegion = z.object({
  id: z.string(),
  name: z.string(),
  state: ConnectionState,
  lastGoodAt: Time.nullable(),
  /** Seconds between the last good fleet data and T; null when the region never delivered any. */
  dataAgeSeconds: z.number().min(0).nullable(),
  /** Not connected at T, or its data older than the console's stale limit then. */
  stale: z.boolean(),
  revision: z.number().int().nullable(),
  /** The region's last error at T, as one line. */
  lastError: z.string().nullable(),
  /** Where its telemetry came from; null when it had no telemetry source. */
  telemetrySource: TelemetrySourceKind.nullable(),
});
export type SnapshotRegion = z.infer<typeof SnapshotRegion>;

/** One content table: its row count and the SHA-256 of its rows' canonical serialization in key order. */
export const SnapshotTable = z.object({ name: z.string(), rows: z.number().int().min(0), sha256: Sha256 });
export type SnapshotTable = z.infer<typeof SnapshotTable>;

export const SnapshotTelemetry = z.object({
  /** The stored window: unix-second grid points from `from` to `to` (T), every `stepSeconds`. */
  from: Time,
  to: Time,
  windowSeconds: z.number().int().min(0),
  stepSeconds: z.number().int().min(1),
  /** Stored series (region × component × version × signal) and their points. */
  series: z.number().int().min(0),
  points: z.number().int().min(0),
  /** Set when series were left out to stay within the cap: says how many and which. */
  capped: z.string().nullable(),
  /**
   * Queries that failed (`failed`: the snapshot answers them with the same failure) or answered with
   * warnings (`message` holds them) while the snapshot was taken.
   */
  problems: z.array(TelemetryProblem.extend({ signal: Signal, failed: z.boolean() })),
});
export type SnapshotTelemetry = z.infer<typeof SnapshotTelemetry>;

const ChainPoint = z.object({ seq: z.number().int().min(0), hash: Sha256 });

/** The audit entries copied into the snapshot: a contiguous stretch of the chain, from a signed anchor to a signed head. */
export const SnapshotAudit = z.object({
  /** Entries in the console's store at T. */
  sourceEntries: z.number().int().min(0),
  fromSeq: z.number().int().min(1),
  toSeq: z.number().int().min(0),
  entries: z.number().int().min(0),
  /** The chain position the copy continues from: seq 0 and the genesis hash, or a signed checkpoint. */
  anchor: ChainPoint,
  /** The last entry copied (signed); null when the store was empty. */
  head: ChainPoint.nullable(),
  /** The Ed25519 public key (SPKI PEM) the checkpoints verify with, and its fingerprint. */
  publicKey: z.string(),
  fingerprint: z.string(),
  /** Set when older entries were left out (the window or the cap): says from where the copy starts. */
  capped: z.string().nullable(),
});
export type SnapshotAudit = z.infer<typeof SnapshotAudit>;

/** Who took the snapshot, when (T, UTC), with what, from which regions, and the hash of every content table. */
export const SnapshotManifest = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  formatVersion: z.number().int().min(1),
  takenAt: Time,
  takenBy: z.object({ user: z.string(), displayName: z.string(), workstation: z.string() }),
  consoleVersion: z.string(),
  regions: z.array(SnapshotRegion),
  telemetry: SnapshotTelemetry,
  /** Null when the console's audit store was not available. */
  audit: SnapshotAudit.nullable(),
  violations: z.number().int().min(0),
  alerts: z.number().int().min(0),
  tables: z.array(SnapshotTable),
  /** Anything a reader should know: caps applied, sources that failed, an audit store that was not open. */
  notes: z.array(z.string()),
});
export type SnapshotManifest = z.infer<typeof SnapshotManifest>;

export const SnapshotProgressPhase = z.enum(['fleet', 'telemetry', 'audit', 'hashing', 'syncing', 'done']);
export type SnapshotProgressPhase = z.infer<typeof SnapshotProgressPhase>;

export const SnapshotProgress = z.object({
  file: z.string(),
  phase: SnapshotProgressPhase,
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type SnapshotProgress = z.infer<typeof SnapshotProgress>;

/** One side of a comparison: a snapshot file, or the live console. */
export const ComparedSide = z.object({ label: z.string(), file: z.string().nullable(), takenAt: Time });

export const VersionCount = z.object({ version: z.string(), train: z.number().int(), instances: z.number().int().min(0) });
export type VersionCount = z.infer<typeof VersionCount>;

/** The live versions of a component in a region on each side, oldest train first (only pairs that differ). */
export const VersionChange = z.object({ region: z.string(), component: z.string(), before: z.array(VersionCount), after: z.array(VersionCount) });
export type VersionChange = z.infer<typeof VersionChange>;

export const ToggleChange = z.object({ region: z.string(), key: z.string(), before: ToggleState.nullable(), after: ToggleState.nullable() });
export type ToggleChange = z.infer<typeof ToggleChange>;

export const RegionChange = z.object({ region: z.string(), before: ConnectionState.nullable(), after: ConnectionState.nullable() });
export type RegionChange = z.infer<typeof RegionChange>;

export const ComparedViolation = z.object({
  id: z.string(),
  subject: z.string(),
  rule: RuleId,
  regions: z.array(z.string()),
  components: z.array(z.string()),
  firstSeen: Time,
  sentence: z.string(),
});
export type ComparedViolation = z.infer<typeof ComparedViolation>;

/** A version's mean of one signal over the last `windowSeconds` before each side's time. */
export const SignalDelta = z.object({
  region: z.string(),
  component: z.string(),
  version: z.string(),
  signal: Signal,
  before: z.number().nullable(),
  after: z.number().nullable(),
  delta: z.number().nullable(),
  /** (after − before) / before; null without both or when before is 0. */
  relativeDelta: z.number().nullable(),
});
export type SignalDelta = z.infer<typeof SignalDelta>;

export const SnapshotComparison = z.object({
  a: ComparedSide,
  b: ComparedSide,
  regions: z.array(RegionChange),
  versions: z.array(VersionChange),
  toggles: z.array(ToggleChange),
  violations: z.object({ appeared: z.array(ComparedViolation), resolved: z.array(ComparedViolation), unchanged: z.number().int().min(0) }),
  signals: z.object({ windowSeconds: z.number().int().min(1), deltas: z.array(SignalDelta) }),
  audit: z.object({
    /** Entries after the earlier side's time up to the later one's, oldest first, at most `limit`. */
    from: Time,
    to: Time,
    entries: z.array(AuditEntryView),
    total: z.number().int().min(0),
    limit: z.number().int().min(1),
    /** Set when the later side does not hold every entry of that stretch (its copy starts after the earlier time). */
    gap: z.string().nullable(),
  }),
});
export type SnapshotComparison = z.infer<typeof SnapshotComparison>;

export const SnapshotInfo = z.object({
  file: z.string(),
  bytes: z.number().int().min(0),
  manifest: SnapshotManifest,
  /** Every check passed when the snapshot was opened (a snapshot that fails one is not opened). */
  verifiedAt: Time,
});
export type SnapshotInfo = z.infer<typeof SnapshotInfo>;

/** A snapshot file in the console's `<dataDir>/snapshots/` folder (what the compare screen offers). */
export const SnapshotFileEntry = z.object({ file: z.string(), name: z.string(), bytes: z.number().int().min(0), modifiedAt: Time });
export type SnapshotFileEntry = z.infer<typeof SnapshotFileEntry>;

export const SnapshotFilePurpose = z.enum(['save', 'open']);
export type SnapshotFilePurpose = z.infer<typeof SnapshotFilePurpose>;

export const snapshotCalls = {
  'snapshots.take': call({
    kind: 'setting',
    summary: 'Write a snapshot of everything now (fleet, verdict, telemetry window, toggles, alerts, audit chain) to one file; progress as snapshots.progress events',
    input: z
      .object({
        /** Absolute path of the new file; default `<dataDir>/snapshots/snapshot-<UTC time>.rccsnap`. An existing file is never replaced. */
        file: FilePath.optional(),
        /** Telemetry kept before T, seconds (default 2 h, at most 7 days). */
        telemetryWindowSeconds: z.number().int().min(60).max(604_800).optional(),
      })
      .strict(),
    output: z.object({ file: z.string(), bytes: z.number().int().min(0), manifest: SnapshotManifest }),
  }),
  'snapshots.cancel': call({
    kind: 'setting',
    summary: 'Stop the snapshot being taken (nothing is left at its path)',
    input: z.object({}).strict(),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'snapshots.info': call({
    kind: 'query',
    summary: 'The manifest of the snapshot this console shows (who, when, which regions were stale), or null when it shows the live fleet',
    input: z.object({}),
    output: SnapshotInfo.nullable(),
  }),
  'snapshots.compare': call({
    kind: 'query',
    summary: 'What changed between two snapshots, or a snapshot and live: versions, toggles, violations, signals per version, audit entries between',
    input: z.object({ a: FilePath, b: z.union([z.literal('live'), FilePath]) }).strict(),
    output: SnapshotComparison,
  }),
  'snapshots.open': call({
    kind: 'setting',
    summary: 'Show this snapshot, read-only, instead of the live fleet: it is checked first, and a refused file leaves the console as it was; then every page reloads',
    input: z.object({ file: FilePath }).strict(),
    output: SnapshotInfo,
  }),
  'snapshots.close': call({
    kind: 'setting',
    summary: 'Back to live: stop showing the snapshot and connect to the regions again; then every page reloads',
    input: z.object({}).strict(),
    output: z.object({ live: z.literal(true) }),
  }),
  'snapshots.list': call({
    kind: 'query',
    summary: 'The snapshot files in the console\'s snapshots folder, newest first',
    input: z.object({}),
    output: z.array(SnapshotFileEntry),
  }),
  'snapshots.chooseFile': call({
    kind: 'query',
    summary: 'Ask the person for a file with the host\'s own dialog (desktop); supported is false where the host has none (web: the page uploads, and takes into the snapshots folder)',
    input: z.object({ purpose: SnapshotFilePurpose }).strict(),
    output: z.object({ supported: z.boolean(), file: z.string().nullable() }),
  }),
};

export const SnapshotSwitched = z.object({ mode: z.enum(['live', 'snapshot']), file: z.string().nullable() });
export type SnapshotSwitched = z.infer<typeof SnapshotSwitched>;

export const snapshotEvents = {
  'snapshots.progress': event({ summary: 'Progress of the snapshot being taken', payload: SnapshotProgress }),
  'snapshots.switched': event({ summary: 'The console now shows a snapshot, or live again: pages reload', payload: SnapshotSwitched }),
};

/** Web host: `POST` the bytes of a snapshot file (`application/octet-stream`, at most this many) to get a path `snapshots.open` takes. */
export const SNAPSHOT_UPLOAD_PATH = '/api/snapshot-upload';
export const MAX_SNAPSHOT_UPLOAD_BYTES = 1024 * 1024 * 1024;
/** Web host: `GET` + a file name from `snapshots.list` downloads that snapshot. */
export const SNAPSHOT_DOWNLOAD_PATH = '/api/snapshot-file/';
