import { Writable } from 'node:stream';
import type { AuditEntryView, Handlers } from '../../shared/contract/index.ts';
import type { AuditEntry, AuditStore } from '../audit/index.ts';
import { ConsoleError } from '../common/console-error.ts';

type AuditHandlers = Pick<Handlers, 'audit.query' | 'audit.verify' | 'audit.export'>;

/** Exports larger than this are refused here; `rcc audit export` has no such cap. */
const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

function view(entry: AuditEntry): AuditEntryView {
  return { ...entry };
}

export function auditHandlers(audit: AuditStore | null, problem: string | undefined, now: () => Date = () => new Date()): AuditHandlers {
  const store = (): AuditStore => {
    if (!audit) throw new ConsoleError('forbidden', `The audit store is not available: ${problem ?? 'not open'}`);
    return audit;
  };
  return {
    'audit.query': async ({ limit, offset, ...filter }) => {
      const result = store().query(filter, { limit, offset });
      return { entries: result.entries.map(view), total: result.total, head: store().head() ?? { seq: 0, hash: '' } };
    },
    'audit.verify': async () => {
      const report = await store().verify({ from: 'start' });
      return {
        ok: report.ok,
        checked: report.checked,
        head: report.head ?? store().head() ?? { seq: 0, hash: '' },
        firstBad: report.failure ? { seq: report.failure.seq, reason: report.failure.message } : null,
        signature: report.failure?.reason === 'bad-signature' || report.failure?.reason === 'wrong-key' ? 'invalid' : report.checkpoint ? 'valid' : 'none',
        verifiedAt: now().toISOString(),
      };
    },
    'audit.export': async ({ filter, format }) => {
      let content = '';
      const sink = new Writable({
        write(chunk: Buffer | string, _encoding, done) {
          content += chunk.toString();
          done(content.length > MAX_EXPORT_CHARS ? new ConsoleError('invalid-input', `The export is larger than ${MAX_EXPORT_CHARS / 1024 / 1024} MiB: narrow the filter, or use rcc audit export on a copy of the file.`) : null);
        },
      });
      await store().export(filter, format, sink);
      const stamp = now().toISOString().replace(/[:.]/g, '-');
      return { fileName: `rcc-audit-${stamp}.${format === 'csv' ? 'csv' : 'jsonl'}`, mimeType: format === 'csv' ? 'text/csv' : 'application/x-ndjson', content };
    },
  };
}
