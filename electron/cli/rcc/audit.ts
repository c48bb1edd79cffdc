import type { Writable } from 'node:stream';
import { AuditOpenError, openAuditStoreReadOnly, type ReadOnlyAuditStore, type VerifyReport } from '../../audit/index.ts';
import type { Output } from './output.ts';
import { readPublicKeyOption } from './public-key-option.ts';

/**
 * `rcc audit verify PATH [--public-key FILE] [--json]` and
 * `rcc audit export PATH --format csv|jsonl [--since T]`, on a copy of the console's audit.sqlite
 * (made with the console closed). The file is opened read-only; nothing is written to it.
 */
export interface AuditOptions {
  publicKey?: string;
  format?: string;
  since?: string;
  json: boolean;
}

const USAGE = 'usage: rcc audit verify PATH [--public-key KEY.pem] [--json] | rcc audit export PATH --format csv|jsonl [--since T]';

export async function runAudit(args: readonly string[], options: AuditOptions, out: Output, stdout: Writable): Promise<number> {
  const [sub, file, ...rest] = args;
  if ((sub !== 'verify' && sub !== 'export') || !file || rest.length > 0) {
    out.stderr(`rcc audit: ${sub === undefined ? 'missing subcommand' : sub !== 'verify' && sub !== 'export' ? `unknown subcommand "${sub}"` : !file ? 'missing PATH' : `unexpected ${rest.join(' ')}`}\n${USAGE}`);
    return 2;
  }
  const publicKey = readPublicKeyOption('audit', options.publicKey, out);
  if (publicKey === null) return 2;
  let store: ReadOnlyAuditStore;
  try {
    store = openAuditStoreReadOnly(file, publicKey === undefined ? {} : { publicKey });
  } catch (error) {
    if (!(error instanceof AuditOpenError)) throw error;
    out.stderr(`rcc audit: ${error.message}`);
    return 2;
  }
  try {
    return sub === 'verify' ? await verify(store, file, options.json, publicKey !== undefined, out) : await exportStore(store, options, out, stdout);
  } catch (error) {
    // A file that opened but cannot be read through (damaged pages) is unreadable, not tampered.
    out.stderr(`rcc audit: ${file}: cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    store.close();
  }
}

async function verify(store: ReadOnlyAuditStore, file: string, json: boolean, pinned: boolean, out: Output): Promise<number> {
  const report = await store.verify();
  const code = exitCode(report);
  if (json) {
    out.stdout(JSON.stringify({ file, exitCode: code, ...report }, null, 2));
    return code;
  }
  const key = `${pinned ? 'the key given with --public-key' : 'the key recorded in the file'} (${report.fingerprint})`;
  if (report.failure) {
    out.stdout(`${file}: TAMPERED — ${report.failure.message}.`);
    out.stdout(`Checked ${report.checked} of ${report.entries} entries; signatures checked with ${key}.`);
    return code;
  }
  if (report.entries === 0) {
    out.stdout(`${file}: intact — an empty audit store (signing key ${report.fingerprint}).`);
    return code;
  }
  const head = report.head ? `chain head: entry ${report.head.seq}, ${report.head.hash}` : '';
  if (report.unsignedTail > 0) {
    const from = report.entries - report.unsignedTail + 1;
    out.stdout(
      `${file}: NOT VERIFIED — entries ${from}–${report.entries} come after the last signed checkpoint (${report.checkpoint ? `entry ${report.checkpoint.seq}` : 'there is none'}): ` +
        'they were appended after the console last signed its head, by a console that stopped without closing or by someone else. ' +
        'Start and quit the console, then verify a fresh copy.',
    );
    out.stdout(`Entries 1–${from - 1} chain correctly; ${head}.`);
    return code;
  }
  out.stdout(`${file}: intact — ${report.entries} entries chain correctly and the ${head} is signed with ${key}.`);
  if (!pinned) out.stdout('Compare that fingerprint with the public key of an earlier export, or pass it with --public-key KEY.pem: a store rebuilt with another key also verifies against its own.');
  return code;
}

/** 0 intact, 1 tampered or not covered by a signature. */
function exitCode(report: VerifyReport): number {
  return report.ok && report.unsignedTail === 0 ? 0 : 1;
}

async function exportStore(store: ReadOnlyAuditStore, options: AuditOptions, out: Output, stdout: Writable): Promise<number> {
  if (options.format !== 'csv' && options.format !== 'jsonl') {
    out.stderr(`rcc audit export: --format must be csv or jsonl${options.format === undefined ? '' : ` (got "${options.format}")`}\n${USAGE}`);
    return 2;
  }
  let since: string | undefined;
  if (options.since !== undefined) {
    const value = /^\d{4}-\d{2}-\d{2}$/.test(options.since) ? `${options.since}T00:00:00Z` : options.since;
    const time = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(time)) {
      out.stderr(`rcc audit export: --since ${options.since}: expected a date (2026-11-01) or an ISO 8601 time (2026-11-01T12:00:00Z)`);
      return 2;
    }
    since = new Date(time).toISOString();
  }
  await store.export(since === undefined ? {} : { since }, options.format, stdout);
  return 0;
}
