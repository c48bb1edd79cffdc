import { runWebHost } from './main.ts';

// The web host's own process (`npm start` spawns it after building, so the build's memory is not its own).
try {
  await runWebHost(process.argv.slice(2));
} catch (error) {
  console.error(`Release Control Console could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
