import { join } from 'node:path';
import { FileSigningKeyStore, openAuditStore, type AuditEntryInput, type AuditStore, type OpenAuditStoreOptions } from '../../electron/audit/index.ts';
import { tempDir } from './temp-dir.ts';

/** A varied, valid entry input (intents, notes and settings in turn). */
export function sampleInput(i: number): AuditEntryInput {
  const regions = ['us-east', 'eu-west', 'ap-south'];
  const kinds = ['intent', 'note', 'setting'] as const;
  const kind = kinds[i % kinds.length] ?? 'note';
  return {
    kind,
    actorUser: i % 4 === 0 ? 'bob' : 'alice',
    actorName: i % 4 === 0 ? 'Bob Builder' : 'Alice Ångström',
    workstation: 'ws-17.example.org',
    action: kind === 'setting' ? 'settings.set' : i % 2 === 0 ? 'component.rollback' : 'toggle.set',
    region: kind === 'setting' ? null : (regions[i % regions.length] ?? null),
    target: kind === 'setting' ? 'theme' : `component-${i % 7}`,
    before: { train: 47, nested: { z: [1, 'two', null], a: true }, i },
    after: { train: 46 },
    whatIf: kind === 'intent' ? { introduced: [], resolved: [`rule-${i % 3}`], unchanged: 2 } : null,
    reason: `error spike on search, "quoted", comma, and\nnew line #${i}`,
    ticket: `CHG-${1000 + (i % 50)}`,
    breakGlass: i % 10 === 9,
    idempotencyKey: kind === 'intent' ? `key-${i}` : null,
  };
}

export interface TempStore {
  dir: string;
  file: string;
  keyFile: string;
  store: AuditStore;
  reopen(options?: Partial<OpenAuditStoreOptions>): Promise<AuditStore>;
  remove(): Promise<void>;
}

/** A new store in a temp directory with a file signing key. */
export async function tempStore(options: Partial<OpenAuditStoreOptions> = {}): Promise<TempStore> {
  const dir = await tempDir('audit');
  const file = join(dir.path, 'audit.sqlite');
  const keyFile = join(dir.path, 'audit-signing-key.pem');
  const open = (more: Partial<OpenAuditStoreOptions> = {}) =>
    openAuditStore(file, { keys: new FileSigningKeyStore(keyFile), consoleVersion: '0.1.0-test', ...options, ...more });
  const result: TempStore = {
    dir: dir.path,
    file,
    keyFile,
    store: await open(),
    reopen: async (more) => {
      result.store = await open(more);
      return result.store;
    },
    remove: async () => {
      result.store.close();
      await dir.remove();
    },
  };
  return result;
}
