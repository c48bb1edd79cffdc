import { stringify } from 'csv-stringify/sync';
import type { Writable } from 'node:stream';
import type { Checkpoint, ExportFormat } from './api.ts';
import { canonicalJson, type AuditEntry, type AuditFilter, type JsonValue } from './entry.ts';

/** The one-line "how to verify" every export carries. */
export function howToVerify(fingerprint: string): string {
  return (
    `Verify the store itself, not this export: close the console, copy audit.sqlite, and run \`rcc audit verify <copy> --public-key <key.pem>\` ` +
    `with the public key below saved as key.pem (fingerprint ${fingerprint}); exit 0 means intact. ` +
    'Each entry hash = SHA-256(prev_hash || canonical entry JSON); the checkpoint signature is Ed25519 over "<seq>:<hash>".'
  );
}

/**
 * Columns of the CSV export. `record` says what a row is: `entry` rows carry one entry each; the last
 * rows are `chain-head` (the store's head), `checkpoint` (its latest signed checkpoint),
 * `public-key` (PEM in `detail`) and `how-to-verify` (in `detail`). An empty field is null or empty
 * text (CSV cannot tell them apart; JSON Lines can). JSON fields hold canonical JSON.
 */
export const CSV_COLUMNS = [
  'record',
  'seq',
  'at',
  'kind',
  'actor_user',
  'actor_name',
  'workstation',
  'action',
  'region',
  'target',
  'before',
  'after',
  'what_if',
  'override',
  'reason',
  'ticket',
  'break_glass',
  'idempotency_key',
  'intent_seq',
  'outcome',
  'response',
  'console_version',
  'prev_hash',
  'hash',
  'signature',
  'detail',
] as const;
type CsvRecord = Partial<Record<(typeof CSV_COLUMNS)[number], string | number | null>>;

const jsonText = (value: JsonValue | null) => (value === null ? null : canonicalJson(value));

function csvRecord(e: AuditEntry): CsvRecord {
  return {
    record: 'entry',
    seq: e.seq,
    at: e.at,
    kind: e.kind,
    actor_user: e.actorUser,
    actor_name: e.actorName,
    workstation: e.workstation,
    action: e.action,
    region: e.region,
    target: e.target,
    before: jsonText(e.before),
    after: jsonText(e.after),
    what_if: jsonText(e.whatIf),
    override: e.override,
    reason: e.reason,
    ticket: e.ticket,
    break_glass: e.breakGlass ? 'true' : 'false',
    idempotency_key: e.idempotencyKey,
    intent_seq: e.intentSeq,
    outcome: e.outcome,
    response: e.response,
    console_version: e.consoleVersion,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

/**
 * RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted, quotes doubled. Cells
 * starting with = + - @ (or tab / CR) get a leading apostrophe so a spreadsheet never runs them as
 * formulas — region endpoints write part of the text (response summaries). The JSON Lines export
 * keeps every value exactly. The trailer rows are written as they are (the PEM starts with dashes).
 */
function csv(records: CsvRecord[], header: boolean, escapeFormulas = true): string {
  return stringify(records, { header, columns: [...CSV_COLUMNS], record_delimiter: 'windows', quote_record_delimiter: true, escape_formulas: escapeFormulas });
}

export interface ExportJob {
  format: ExportFormat;
  out: Writable;
  /** Entries after `seq`, oldest first, one page at a time (empty when done). */
  pages(afterSeq: number): AuditEntry[];
  head: { seq: number; hash: string } | null;
  checkpoint: Checkpoint | null;
  totalEntries: number;
  filter: AuditFilter;
  publicKey: string;
  fingerprint: string;
  write(chunk: string): Promise<void>;
}

/** Streams the entries then the trailer; returns how many entries were written. */
export async function exportEntries(job: ExportJob): Promise<number> {
  let count = 0;
  let after = 0;
  if (job.format === 'csv') await job.write(csv([], true));
  for (;;) {
    const entries = job.pages(after);
    if (entries.length === 0) break;
    after = entries[entries.length - 1]?.seq ?? after;
    count += entries.length;
    await job.write(
      job.format === 'csv'
        ? csv(entries.map(csvRecord), false)
        : entries.map((e) => `${JSON.stringify({ type: 'entry', ...e })}\n`).join(''),
    );
  }
  const verify = howToVerify(job.fingerprint);
  const summary = `${count} of ${job.totalEntries} entries exported; filter ${JSON.stringify(job.filter)}`;
  if (job.format === 'csv') {
    const cp = job.checkpoint;
    await job.write(
      csv(
        [
          { record: 'chain-head', seq: job.head?.seq ?? 0, hash: job.head?.hash ?? null, detail: summary },
          { record: 'checkpoint', seq: cp?.seq ?? null, at: cp?.at ?? null, hash: cp?.hash ?? null, signature: cp?.signature ?? null, detail: cp ? 'Ed25519 over "<seq>:<hash>"' : 'no checkpoint yet' },
          { record: 'public-key', detail: job.publicKey },
          { record: 'how-to-verify', detail: verify },
        ],
        false,
        false,
      ),
    );
  } else {
    await job.write(
      `${JSON.stringify({
        type: 'chain-head',
        head: job.head,
        checkpoint: job.checkpoint,
        publicKey: job.publicKey,
        fingerprint: job.fingerprint,
        entries: job.totalEntries,
        exported: count,
        filter: job.filter,
        verify,
      })}\n`,
    );
  }
  return count;
}
