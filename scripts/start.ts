import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { runWebHost } from '../electron/web-host/main.ts';
import { buildAll } from './build.ts';
import { electronBinary } from './electron-binary.ts';

const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const rest = args.filter((a) => a !== '--web');

await buildAll({ quiet: true });
const binary = forceWeb ? null : electronBinary();
if (binary) {
  const child = spawn(binary, [resolve(import.meta.dirname, '..'), ...rest], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    forceWeb
      ? 'Starting the web host (--web).'
      : 'Electron binary not available on this machine (it is downloaded separately: run `npm run fetch-electron` where the internet is reachable); starting the web host instead.',
  );
  try {
    await runWebHost(rest);
  } catch (error) {
    console.error(`Release Control Console could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
