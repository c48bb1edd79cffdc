import { createDemoFleet, type DemoFleet, type DemoFleetOptions, type StartedDemoFleet } from '../../demo-fleet/index.ts';

/** A demo fleet on a loopback port for one test file. */
export async function startDemoFleet(options: DemoFleetOptions = {}): Promise<{ fleet: DemoFleet; started: StartedDemoFleet; region(id: string): StartedDemoFleet['regions'][number] }> {
  const fleet = createDemoFleet({ startTime: new Date(), ...options });
  const started = await fleet.start({ host: '127.0.0.1', port: 0 });
  return {
    fleet,
    started,
    region(id) {
      const region = started.regions.find((r) => r.id === id);
      if (!region) throw new Error(`no region ${id}`);
      return region;
    },
  };
}

/** Polls `probe` (sync or async) until it returns a truthy value and returns it; throws naming `what` after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
