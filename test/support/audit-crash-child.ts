import { FileSigningKeyStore, openAuditStore } from '../../electron/audit/index.ts';
import { sampleInput } from './audit-fixtures.ts';

/**
 * Child process of the crash test. Prints "ready", waits for a line on stdin, opens the audit store
 * in argv[2] (signing key argv[3]) and appends entries as fast as it can, printing
 * "ack <seq> <hash>" after each append has returned — i.e. once the entry is durable. The test
 * SIGKILLs it at a random moment. stdout is a pipe, written synchronously on Linux, so every
 * printed ack reaches the parent.
 */
const [file, keyFile] = process.argv.slice(2);
if (!file || !keyFile) throw new Error('usage: audit-crash-child STORE KEY_FILE');
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const store = await openAuditStore(file, { keys: new FileSigningKeyStore(keyFile), consoleVersion: 'crash-test' });
process.stdout.write(`open ${store.head()?.seq ?? 0}\n`);
let lastIntent: number | null = null;
for (let i = 0; ; i++) {
  const input = lastIntent !== null && i % 3 === 0
    ? { kind: 'outcome' as const, actorUser: 'crash', actorName: '', workstation: 'w', action: 'toggle.set', intentSeq: lastIntent, outcome: 'succeeded' as const }
    : sampleInput(i);
  const entry = store.append(input);
  if (entry.kind === 'intent') lastIntent = entry.seq;
  else if (entry.kind === 'outcome') lastIntent = null;
  process.stdout.write(`ack ${entry.seq} ${entry.hash}\n`);
}
