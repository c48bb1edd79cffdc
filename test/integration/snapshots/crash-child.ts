import { takeSnapshot } from '../../../electron/snapshots/index.ts';
import { fixture } from './fixture.ts';

/**
 * Child process of the snapshot crash test: prints "ready", waits for a line on stdin, then takes a
 * snapshot of a generated fleet (its audit store in argv[2], shared between children) to argv[3],
 * printing each progress phase as it starts and "done" when takeSnapshot has returned. The test
 * SIGKILLs it at a random moment.
 */
const [dir, target] = process.argv.slice(2);
if (!dir || !target) throw new Error('usage: crash-child DIR TARGET');
const f = await fixture(dir, { scale: 600, auditEntries: 0 });
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
let phase = '';
await takeSnapshot(f.sources, target, { telemetryWindowSeconds: 1_800 }, {
  onProgress: (p) => {
    if (p.phase === phase) return;
    phase = p.phase;
    process.stdout.write(`${p.phase}\n`);
  },
});
process.stdout.write('done\n');
f.close();
// stdin is still open: leave now.
process.exit(0);
