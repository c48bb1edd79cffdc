import type { AuditStore, OpenAuditStoreOptions } from './api.ts';

/** What `rcc audit` needs: reading, verifying and exporting, never writing. */
export type ReadOnlyAuditStore = Pick<AuditStore, 'file' | 'get' | 'head' | 'verify' | 'latestCheckpoint' | 'publicKey' | 'query' | 'export' | 'close'>;

export interface ReadOnlyOptions {
  /** Verify the checkpoints with this public key (SPKI PEM) instead of the one recorded in the file. */
  publicKey?: string;
}

/** Opens (creating if needed) the audit store in `file`. Throws `AuditUnavailableError` when it cannot be written. */
export async function openAuditStore(_file: string, _options: OpenAuditStoreOptions): Promise<AuditStore> {
  throw new Error('openAuditStore: not implemented yet');
}

/** Opens an existing audit store read-only (no writes, no WAL checkpoint). Throws `AuditOpenError` for a file that is not one. */
export function openAuditStoreReadOnly(_file: string, _options: ReadOnlyOptions = {}): ReadOnlyAuditStore {
  throw new Error('openAuditStoreReadOnly: not implemented yet');
}
