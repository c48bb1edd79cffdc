import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { buildAll } from './build.ts';
import { ensureSystemDeps } from './system-deps.ts';

/**
 * `npm test`: makes sure the real services the tests use are installed, builds the renderer the
 * end-to-end tests load, runs every vitest project, and prints `N passed, N failed` last.
 */
const root = resolve(import.meta.dirname, '..');
const resultsDir = resolve(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });

ensureSystemDeps();
await buildAll({ quiet: true });

const jsonFile = resolve(resultsDir, 'vitest.json');
const run = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});

const Report = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number(),
  numTodoTests: z.number(),
  numFailedTestSuites: z.number(),
  testResults: z.array(
    z.object({
      name: z.string(),
      status: z.string(),
      message: z.string().optional(),
      assertionResults: z.array(z.object({ fullName: z.string(), status: z.string() })),
    }),
  ),
});

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = Report.parse(JSON.parse(readFileSync(jsonFile, 'utf8')));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
  // A file that fails to load has no test results of its own; count it so it can't hide.
  for (const file of report.testResults) {
    if (file.status === 'failed' && file.assertionResults.every((a) => a.status !== 'failed')) failed++;
  }
  for (const file of report.testResults) {
    for (const test of file.assertionResults.filter((a) => a.status === 'skipped' || a.status === 'pending')) {
      console.log(`skipped: ${test.fullName}`);
    }
  }
} catch (error) {
  console.error(`could not read the vitest report: ${String(error)}`);
  failed++;
}
if (run.status !== 0 && failed === 0) failed = 1;
writeFileSync(resolve(resultsDir, 'summary.json'), JSON.stringify({ passed, failed, skipped }));
if (skipped > 0) console.log(`${skipped} skipped (reasons in the test names above)`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
