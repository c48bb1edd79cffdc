import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCli, CLI_BUNDLE } from '../../../scripts/build.ts';

const root = resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; dependencies: Record<string, string> };

/** Bare package names the bundle imports (node: builtins excluded). */
function importedPackages(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(/^\s*(?:import|export)\b[^'"]*?["']([^"'.][^"']*)["']/gm)) {
    const spec = match[1] ?? '';
    if (spec.startsWith('node:')) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
  }
  return [...names].sort();
}

function run(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    // Plain node: no --import tsx, no loader of any kind.
    execFile(process.execPath, ['bin/rcc.mjs', ...args], { cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('bin/rcc.mjs, the committed rcc bundle', () => {
  it('is the current build of electron/cli/rcc (otherwise run: npm run build:cli)', async () => {
    const fresh = await buildCli({ write: false });
    const committed = readFileSync(CLI_BUNDLE, 'utf8');
    // Not toBe: a diff of two 80 kB bundles helps nobody; the message says what to do.
    expect(committed === fresh, 'bin/rcc.mjs is stale: run `npm run build:cli` and commit bin/rcc.mjs').toBe(true);
  });

  it('is what package.json publishes as `rcc`, executable, with a node shebang', () => {
    expect(pkg.bin.rcc).toBe('bin/rcc.mjs');
    expect(statSync(CLI_BUNDLE).mode & 0o111).not.toBe(0);
    expect(readFileSync(CLI_BUNDLE, 'utf8').split('\n', 1)[0]).toBe('#!/usr/bin/env node');
  });

  it('imports only production dependencies and Node built-ins', () => {
    const imported = importedPackages(readFileSync(CLI_BUNDLE, 'utf8'));
    expect(imported).toContain('zod');
    expect(imported.filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });

  it('runs under plain node with nothing installed but those dependencies (as after npm ci --omit=dev)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rcc-bin-'));
    mkdirSync(join(dir, 'bin'));
    mkdirSync(join(dir, 'node_modules'));
    copyFileSync(CLI_BUNDLE, join(dir, 'bin/rcc.mjs'));
    for (const name of importedPackages(readFileSync(CLI_BUNDLE, 'utf8'))) {
      symlinkSync(join(root, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
    }
    for (const file of ['single-train.json', 'two-regions-mixed.json']) copyFileSync(join(root, 'test/fixtures/compat', file), join(dir, file));
    copyFileSync(join(root, 'test/fixtures/cli/ambiguous-state.json'), join(dir, 'ambiguous-state.json'));

    expect(await run(dir, ['check', 'single-train.json'])).toEqual({ code: 0, stdout: 'Compliant: no violations in eu-west.\n', stderr: '' });
    const violations = await run(dir, ['check', 'two-regions-mixed.json']);
    expect(violations.code).toBe(1);
    expect(violations.stdout.split('\n')[0]).toBe('4 violations in us-east, eu-west:');
    const ambiguous = await run(dir, ['check', 'ambiguous-state.json']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('ambiguous-state.json: instances[5].id: duplicate instance id "eu-west-i2" (also at instances[1])');
  });
});
