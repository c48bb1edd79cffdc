import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../../scripts/build.ts';
import { SnapshotComparison } from '../../../shared/contract/index.ts';
import { takeSnapshot } from '../../../electron/snapshots/index.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { fixture, type Fixture } from './fixture.ts';

/** `rcc snapshot` as shipped: the CLI bundle built from the current sources, run by plain node. */
const root = resolve(import.meta.dirname, '../../..');
let dir: Awaited<ReturnType<typeof tempDir>>;
let f: Fixture;
let bundle = '';
let a = '';
let b = '';
let keyFile = '';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function rcc(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [bundle, ...args], { cwd: dir.path, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dir = await tempDir('rcc-snapshot');
  symlinkSync(join(root, 'node_modules'), join(dir.path, 'node_modules'), 'dir');
  bundle = join(dir.path, 'rcc.mjs');
  writeFileSync(bundle, await buildCli({ write: false }));
  f = await fixture(dir.path, { auditEntries: 70 });
  a = (await takeSnapshot(f.sources, join(dir.path, 'a.rccsnap'), { telemetryWindowSeconds: 600 })).file;
  // An hour later: one toggle flipped, two audit entries more.
  const toggle = f.states[0]?.toggles[0];
  if (toggle) toggle.state = toggle.state === 'on' ? 'off' : 'on';
  f.sources.now = () => Date.parse('2026-03-02T11:00:00.000Z');
  b = (await takeSnapshot(f.sources, join(dir.path, 'b.rccsnap'), { telemetryWindowSeconds: 600 })).file;
  keyFile = join(dir.path, 'key.pub.pem');
  writeFileSync(keyFile, f.audit.publicKey());
});
afterAll(async () => {
  f?.close();
  await dir?.remove();
});

function copy(file: string, name: string): string {
  const out = join(dir.path, name);
  copyFileSync(file, out);
  return out;
}

describe('rcc snapshot verify', () => {
  it('exits 0 for an intact snapshot, saying who took it, when, and what it holds', async () => {
    const run = await rcc('snapshot', 'verify', a);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/a\.rccsnap: intact/);
    expect(run.stdout).toMatch(/Taken 2026-03-02T10:00:00\.000Z by alice \(Alice Ångström\)/);
    expect(run.stdout).toMatch(/audit chain 1–70 verified/);
    const pinned = await rcc('snapshot', 'verify', a, '--public-key', keyFile, '--json');
    expect(pinned.code).toBe(0);
    expect(JSON.parse(pinned.stdout)).toMatchObject({ ok: true, exitCode: 0, manifest: { takenBy: { user: 'alice' } } });
  });

  it('exits 1 for a tampered snapshot, naming the failed check', async () => {
    const edited = copy(a, 'edited.rccsnap');
    const db = new Database(edited);
    db.exec(`UPDATE alerts SET alert = replace(alert, 'error ratio', 'error rate') WHERE position = 0`);
    db.close();
    const run = await rcc('snapshot', 'verify', edited);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/TAMPERED — failed check: table-hash \(table alerts\)/);

    const truncated = copy(a, 'truncated.rccsnap');
    truncateSync(truncated, Math.floor(readFileSync(truncated).length / 3));
    const cut = await rcc('snapshot', 'verify', truncated, '--json');
    expect(cut.code).toBe(1);
    expect(JSON.parse(cut.stdout)).toMatchObject({ ok: false, reason: 'truncated', exitCode: 1 });

    const other = join(dir.path, 'other.pub.pem');
    writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const wrongKey = await rcc('snapshot', 'verify', a, '--public-key', other);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toMatch(/failed check: audit-chain/);
  });

  it('exits 2 for what is not a snapshot, and for bad usage', async () => {
    const foreign = copy(f.audit.file, 'foreign.rccsnap');
    expect((await rcc('snapshot', 'verify', foreign)).code).toBe(2);
    writeFileSync(join(dir.path, 'text.rccsnap'), 'not a database at all, just some text\n');
    expect((await rcc('snapshot', 'verify', join(dir.path, 'text.rccsnap'))).code).toBe(2);
    expect((await rcc('snapshot', 'verify', join(dir.path, 'missing.rccsnap'))).code).toBe(2);
    const absentKey = await rcc('snapshot', 'verify', a, '--public-key', join(dir.path, 'absent.pem'));
    expect(absentKey.code).toBe(2);
    expect(absentKey.stderr).toMatch(/rcc snapshot: --public-key .*absent\.pem: cannot be read \(ENOENT\)/);
    for (const args of [['snapshot'], ['snapshot', 'verify'], ['snapshot', 'frobnicate', a], ['snapshot', 'diff', a]]) {
      const run = await rcc(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/usage: rcc snapshot/);
    }
  });
});

describe('rcc snapshot diff', () => {
  it('exits 0 and prints what changed; --json is the console\'s comparison', async () => {
    const run = await rcc('snapshot', 'diff', a, b);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Toggles that changed: 1/);
    const json = await rcc('snapshot', 'diff', a, b, '--json');
    const parsed = SnapshotComparison.parse(JSON.parse(json.stdout));
    const toggle = f.states[0]?.toggles[0];
    expect(parsed.toggles).toEqual([{ region: f.states[0]?.region.id, key: toggle?.key, before: toggle?.state === 'on' ? 'off' : 'on', after: toggle?.state }]);
    expect(parsed.a.takenAt).toBe('2026-03-02T10:00:00.000Z');
    expect(parsed.b.takenAt).toBe('2026-03-02T11:00:00.000Z');
  });

  it('exits 1 when a file fails a check and 2 when one is not a snapshot', async () => {
    const dropped = copy(b, 'dropped.rccsnap');
    const db = new Database(dropped);
    db.exec('DROP TABLE manifest');
    db.close();
    const tampered = await rcc('snapshot', 'diff', a, dropped);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/failed check: no-manifest/);
    expect((await rcc('snapshot', 'diff', copy(f.audit.file, 'foreign2.rccsnap'), b)).code).toBe(2);
  });
});
