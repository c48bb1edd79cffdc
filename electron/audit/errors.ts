import { ConsoleError } from '../common/console-error.ts';

/** Why the audit store cannot be used. */
export type AuditUnavailableReason =
  /** The file or its directory cannot be written (permissions, read-only file system). */
  | 'read-only'
  /** No space left (or SQLite's page limit reached). */
  | 'disk-full'
  /** Another connection holds the write lock longer than the busy timeout. */
  | 'locked'
  /** The file is damaged (SQLite reports corruption, or the audit tables are missing or altered). */
  | 'corrupt'
  /** The file exists but is not an audit store (another SQLite database, or not SQLite at all). */
  | 'not-an-audit-store'
  /** WAL with synchronous=FULL could not be set (asserted by reading the pragmas back). */
  | 'not-durable'
  /** The Ed25519 signing key is missing, unreadable, or not the key this store was signed with. */
  | 'signing-key'
  /** The store was closed. */
  | 'closed'
  /** Any other I/O failure. */
  | 'io';

/**
 * The audit store cannot record an entry, so whatever it was meant to record must not happen: the
 * action is refused before anything is sent (fail closed). The message says so and why, naming the
 * file. Crosses the API boundary as kind `audit-unavailable`.
 */
export class AuditUnavailableError extends ConsoleError {
  readonly reason: AuditUnavailableReason;
  readonly file: string;

  constructor(file: string, reason: AuditUnavailableReason, why: string, options?: { cause?: unknown }) {
    super('audit-unavailable', `Not sent: the audit store ${file} cannot be written (${why}), so the action was refused before anything was sent.`);
    this.name = 'AuditUnavailableError';
    this.reason = reason;
    this.file = file;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/**
 * The store could not be opened for reading (`rcc audit`, read-only opens): not an audit store,
 * unreadable, or damaged beyond reading. `rcc audit verify` exits 2 on it.
 */
export class AuditOpenError extends ConsoleError {
  readonly reason: AuditUnavailableReason;
  readonly file: string;

  constructor(file: string, reason: AuditUnavailableReason, message: string, options?: { cause?: unknown }) {
    super('validation', message);
    this.name = 'AuditOpenError';
    this.reason = reason;
    this.file = file;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
