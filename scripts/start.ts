import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { buildAll, WEB_HOST_BUNDLE } from './build.ts';
import { electronBinary } from './electron-binary.ts';

const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const rest: string[] = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i] ?? '';
  if (arg !== '--snapshot' && !arg.startsWith('--snapshot=')) {
    if (arg !== '--web') rest.push(arg);
    continue;
  }
  // `--snapshot FILE`: either host boots from $RCC_SNAPSHOT, a read-only console over the file.
  const file = arg.includes('=') ? arg.slice('--snapshot='.length) : args[++i];
  if (!file) throw new Error('--snapshot needs a FILE');
  process.env.RCC_SNAPSHOT = resolve(file);
}

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
  // A process of its own: the build above leaves hundreds of MB of Vite's memory in this one.
  const child = spawn(process.execPath, [WEB_HOST_BUNDLE, ...rest], { stdio: 'inherit' });
  process.on('SIGINT', () => {}); // Ctrl+C reaches the child through the terminal; wait for it to stop
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code) => process.exit(code ?? 0));
}
