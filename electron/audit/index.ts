/**
 * The tamper-evident local audit store (issue 10). Main process only; imports only `shared/` and
 * `electron/common/`.
 *
 * Usage (the wiring lives elsewhere):
 *
 *     const store = await openAuditStore(join(dataDir, AUDIT_FILE), {
 *       keys: new FileSigningKeyStore(join(dataDir, SIGNING_KEY_FILE)),   // desktop: SafeStorageSigningKeyStore
 *       consoleVersion: APP_VERSION,
 *     });
 *     const intent = store.append({ kind: 'intent', action: 'component.rollback', … }); // throws AuditUnavailableError → do not send
 *     … send with Idempotency-Key …
 *     store.append({ kind: 'outcome', intentSeq: intent.seq, outcome: 'succeeded', … });
 *
 * - `openAuditStore` sets WAL + synchronous=FULL and reads both back (refusing otherwise), creates the
 *   append-only tables (triggers refuse UPDATE and DELETE), loads or creates the signing key and
 *   verifies incrementally from the last verified head (`store.openReport`). It throws
 *   `AuditUnavailableError` when the store cannot be written; a store that fails verification still
 *   opens, with `openReport.ok === false`, and the caller decides.
 * - `openAuditStoreReadOnly` (rcc audit): no writes at all, the public key from the file (or pinned).
 * - Entries: `AuditEntryInput` (zod) in, `AuditEntry` out; hash = SHA-256(prevHash || canonicalEntry).
 *   `append` checks and serializes the usual input in one pass without zod (entry.ts, prepareEntry;
 *   zod still names what is wrong with an input it does not take) and chains onto the head it wrote
 *   last (the ordering trigger refuses a stale one; it then reads the head).
 * - `verify` checks chunks of 2048 entries whole (verify-chunks.ts) and reads a chunk that does not
 *   check out again row by row, to name the first bad entry; over a large range, worker threads
 *   with read-only connections of their own check chunks too when the machine has idle CPUs.
 */
export {
  AuditEntryInput,
  AuditFilter,
  AuditKind,
  AuditOutcome,
  AuditPage,
  canonicalEntry,
  canonicalJson,
  GENESIS_HASH,
  HASHED_FIELDS,
  type AuditEntry,
  type AuditEntryFields,
  type AuditQueryResult,
  type JsonValue,
} from './entry.ts';
export { AuditOpenError, AuditUnavailableError, type AuditUnavailableReason } from './errors.ts';
export {
  ENCRYPTED_SIGNING_KEY_FILE,
  FileSigningKeyStore,
  keyFingerprint,
  SafeStorageSigningKeyStore,
  SIGNING_KEY_FILE,
  type SafeStorageLike,
  type SigningKeyStore,
} from './signing-key.ts';
export {
  AUDIT_FILE,
  CHECKPOINT_EVERY,
  type AuditStore,
  type Checkpoint,
  type ExportFormat,
  type ExportSummary,
  type OpenAuditStoreOptions,
  type VerifyFailure,
  type VerifyFailureReason,
  type VerifyOptions,
  type VerifyReport,
} from './api.ts';
export { openAuditStore, openAuditStoreReadOnly, type ReadOnlyAuditStore, type ReadOnlyOptions } from './store.ts';
