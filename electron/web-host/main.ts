import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SwitchableConsole } from '../host/console-switch.ts';
import { startWebHost } from './server.ts';

/** Starts the console's services and serves them, with the built renderer, on 127.0.0.1. */
export async function runWebHost(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      scenario: { type: 'string' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      regions: { type: 'string' },
      'no-open': { type: 'boolean' },
    },
  });
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const num = (v: unknown) => (typeof v === 'string' ? Number(v) : undefined);
  const dataDir = str(values['data-dir']) ?? process.env.RCC_DATA_DIR ?? join(homedir(), '.release-control-console');
  const console_ = await SwitchableConsole.start({
    host: 'web',
    dataDir,
    demo: { scenario: str(values.scenario), seed: num(values.seed), scale: num(values.scale), regions: values.regions === '6' ? 6 : values.regions === undefined || values.regions === '4' ? 4 : invalid('--regions', values.regions, '4 or 6') },
  });
  const booted = console_.booted;
  const host = await startWebHost({
    core: console_,
    snapshotsDir: join(dataDir, 'snapshots'),
    staticDir: resolve(import.meta.dirname, '../../dist/renderer'),
    port: num(values.port) ?? 0,
  });
  if (booted.snapshot) console.log(`Showing the snapshot ${booted.snapshot.file} (read-only; no region is contacted)`);
  if (booted.demoFleetUrl) console.log(`Embedded demo fleet serving ${booted.regions.connectors.length} regions at ${booted.demoFleetUrl}`);
  console.log(`Release Control Console (web host) at ${host.launchUrl}`);
  console.log('The URL carries this run\'s secret; it is swapped for a cookie on first load. Ctrl+C stops.');
  if (!values['no-open'] && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) openBrowser(host.launchUrl);

  const shutdown = async () => {
    await host.close();
    await console_.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

function openBrowser(url: string): void {
  const child = spawn('xdg-open', [url], { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('(Could not open a browser automatically; open the URL above.)'));
  child.unref();
}

function invalid(flag: string, value: unknown, expected: string): never {
  throw new Error(`${flag} must be ${expected}, got "${String(value)}"`);
}
