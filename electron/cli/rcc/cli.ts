import { runRcc } from './main.ts';

/** Process entry of `rcc` (bin/rcc.mjs imports this). */
process.exitCode = await runRcc(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
});
