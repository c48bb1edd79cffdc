import type { SnapshotComparison, SnapshotManifest, VersionCount } from '../../../shared/contract/index.ts';
import { compareSnapshots, snapshotSide } from '../../snapshots/compare.ts';
import { openSnapshot, SnapshotOpenError, type OpenedSnapshot } from '../../snapshots/open.ts';
import { NOT_A_SNAPSHOT, verifySnapshot } from '../../snapshots/verify.ts';
import type { Output } from './output.ts';
import { readPublicKeyOption } from './public-key-option.ts';
import { renderTable } from './render-table.ts';

/**
 * `rcc snapshot verify FILE [--public-key KEY.pem] [--json]` — 0 intact, 1 tampered (naming the
 * failed check), 2 not a snapshot (or unreadable, or bad usage); and `rcc snapshot diff A B [--json]`
 * — 0 compared, 1 a file failed a check, 2 not a snapshot. Files are opened read-only.
 */
export interface SnapshotOptions {
  json: boolean;
  publicKey?: string;
}

const USAGE = 'usage: rcc snapshot verify FILE [--public-key KEY.pem] [--json] | rcc snapshot diff A B [--json]';
/** Rows printed per section of the text diff; --json has them all. */
const SHOWN = 20;

export async function runSnapshot(args: readonly string[], options: SnapshotOptions, out: Output): Promise<number> {
  const [sub, ...files] = args;
  const arity = sub === 'verify' ? 1 : sub === 'diff' ? 2 : -1;
  if (arity < 0 || files.length !== arity) {
    out.stderr(`rcc snapshot: ${sub === undefined ? 'missing subcommand' : arity < 0 ? `unknown subcommand "${sub}"` : `${sub} takes ${arity === 1 ? 'one FILE' : 'two files, A and B'}`}\n${USAGE}`);
    return 2;
  }
  const publicKey = readPublicKeyOption('snapshot', options.publicKey, out);
  if (publicKey === null) return 2;
  return sub === 'verify' ? verify(files[0] ?? '', publicKey, options.json, out) : diff(files[0] ?? '', files[1] ?? '', publicKey, options.json, out);
}

async function verify(file: string, publicKey: string | undefined, json: boolean, out: Output): Promise<number> {
  const v = await verifySnapshot(file, publicKey === undefined ? {} : { publicKey });
  const code = v.ok ? 0 : NOT_A_SNAPSHOT.has(v.reason) ? 2 : 1;
  if (json) {
    out.stdout(JSON.stringify({ exitCode: code, ...v }, null, 2));
    return code;
  }
  if (!v.ok) {
    out.stdout(code === 2 ? `${v.message}` : `${file}: TAMPERED — failed check: ${v.reason}${v.table ? ` (table ${v.table})` : ''}: ${v.message.slice(file.length + 2)}`);
    return code;
  }
  out.stdout(`${file}: intact — ${v.message.slice('intact: '.length)}.`);
  out.stdout(describe(v.manifest));
  if (v.manifest.audit && publicKey === undefined) out.stdout('The audit checkpoints were checked with the key the snapshot records; pass --public-key KEY.pem (from an audit export) to pin it.');
  return 0;
}

function describe(m: SnapshotManifest): string {
  const stale = m.regions.filter((r) => r.stale);
  const lines = [
    `Taken ${m.takenAt} by ${m.takenBy.user}${m.takenBy.displayName ? ` (${m.takenBy.displayName})` : ''} on ${m.takenBy.workstation}, console ${m.consoleVersion}.`,
    `Regions: ${m.regions.map((r) => `${r.id} ${r.state}${r.dataAgeSeconds === null ? ', no data' : `, data ${r.dataAgeSeconds} s old`}`).join('; ')}.${stale.length > 0 ? ` Stale at T: ${stale.map((r) => r.id).join(', ')}.` : ''}`,
    `Telemetry: ${m.telemetry.from} to ${m.telemetry.to} every ${m.telemetry.stepSeconds} s, ${m.telemetry.series} series.${m.telemetry.capped ? ` ${m.telemetry.capped}.` : ''}`,
    m.audit ? `Audit: entries ${m.audit.fromSeq}–${m.audit.toSeq} of ${m.audit.sourceEntries}, head signed with ${m.audit.fingerprint}.` : 'Audit: none (the audit store was not available).',
    `${m.violations} violations, ${m.alerts} alerts.`,
    ...m.notes.map((n) => `Note: ${n}`),
  ];
  return lines.join('\n');
}

async function openOrReport(file: string, publicKey: string | undefined, out: Output): Promise<OpenedSnapshot | number> {
  try {
    return await openSnapshot(file, publicKey === undefined ? {} : { publicKey });
  } catch (error) {
    if (!(error instanceof SnapshotOpenError)) throw error;
    out.stderr(`rcc snapshot diff: ${error.message} (failed check: ${error.reason})`);
    return NOT_A_SNAPSHOT.has(error.reason) ? 2 : 1;
  }
}

async function diff(fileA: string, fileB: string, publicKey: string | undefined, json: boolean, out: Output): Promise<number> {
  const a = await openOrReport(fileA, publicKey, out);
  if (typeof a === 'number') return a;
  const b = await openOrReport(fileB, publicKey, out);
  if (typeof b === 'number') {
    a.close();
    return b;
  }
  try {
    const result = await compareSnapshots(snapshotSide(a), snapshotSide(b));
    out.stdout(json ? JSON.stringify(result, null, 2) : renderDiff(result));
    return 0;
  } finally {
    a.close();
    b.close();
  }
}

const mix = (versions: readonly VersionCount[]) => (versions.length === 0 ? '—' : versions.map((v) => `${v.version} (${v.instances})`).join(', '));
const more = (n: number) => (n > SHOWN ? [`… and ${n - SHOWN} more (--json has them all)`] : []);
const pct = (x: number | null) => (x === null ? '' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`);
const num = (x: number | null) => (x === null ? '—' : Number(x.toPrecision(4)).toString());

function renderDiff(c: SnapshotComparison): string {
  const out: string[] = [`A: ${c.a.label}, taken ${c.a.takenAt}`, `B: ${c.b.label}, taken ${c.b.takenAt}`, ''];
  out.push(`Regions whose connection state changed: ${c.regions.length}`);
  for (const r of c.regions) out.push(`  ${r.region}: ${r.before ?? 'absent'} → ${r.after ?? 'absent'}`);
  out.push('', `Live versions that changed (component × region): ${c.versions.length}`);
  if (c.versions.length > 0) out.push(renderTable(['region', 'component', 'A', 'B'], c.versions.slice(0, SHOWN).map((v) => [v.region, v.component, mix(v.before), mix(v.after)]), new Set()), ...more(c.versions.length));
  out.push('', `Toggles that changed: ${c.toggles.length}`);
  if (c.toggles.length > 0) out.push(renderTable(['region', 'toggle', 'A', 'B'], c.toggles.slice(0, SHOWN).map((t) => [t.region, t.key, t.before ?? 'absent', t.after ?? 'absent']), new Set()), ...more(c.toggles.length));
  const v = c.violations;
  out.push('', `Violations: ${v.appeared.length} appeared, ${v.resolved.length} resolved, ${v.unchanged} unchanged`);
  for (const x of v.appeared.slice(0, SHOWN)) out.push(`  + ${x.sentence}`);
  for (const x of v.resolved.slice(0, SHOWN)) out.push(`  - ${x.sentence}`);
  const moved = c.signals.deltas.filter((d) => d.relativeDelta === null || Math.abs(d.relativeDelta) >= 0.1).sort((x, y) => Math.abs(y.relativeDelta ?? Infinity) - Math.abs(x.relativeDelta ?? Infinity));
  out.push('', `Signals, mean over the ${c.signals.windowSeconds / 60} min before each time: ${moved.length} of ${c.signals.deltas.length} versions × signals changed by 10 % or more (or exist on one side only)`);
  if (moved.length > 0) {
    out.push(renderTable(['region', 'component', 'version', 'signal', 'A', 'B', 'change'], moved.slice(0, SHOWN).map((d) => [d.region, d.component, d.version, d.signal, num(d.before), num(d.after), pct(d.relativeDelta)]), new Set([4, 5, 6])), ...more(moved.length));
  }
  out.push('', `Audit entries after ${c.audit.from} up to ${c.audit.to}: ${c.audit.total}${c.audit.gap ? ` (${c.audit.gap})` : ''}`);
  const latest = c.audit.entries.slice(-SHOWN);
  if (latest.length > 0) {
    out.push(renderTable(['seq', 'at', 'actor', 'action', 'target', 'outcome'], latest.map((e) => [String(e.seq), e.at, e.actorName || e.actorUser, e.action, e.target ?? '', e.outcome ?? e.kind]), new Set([0])));
    if (c.audit.total > latest.length) out.push(`… the latest ${latest.length} shown (--json lists up to ${c.audit.limit})`);
  }
  return out.join('\n');
}
