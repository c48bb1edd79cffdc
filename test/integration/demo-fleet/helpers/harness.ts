import { createDemoFleet, type DemoFleet, type DemoFleetOptions, type DemoRegionEndpoint, type StartedDemoFleet } from '../../../../demo-fleet/index.ts';

export interface Harness {
  fleet: DemoFleet;
  started: StartedDemoFleet;
  /** Moves the injected wall clock (simulated time follows at `timeScale`) and runs due steps. */
  advance(wallMs: number): void;
  region(id: string): DemoRegionEndpoint;
  /** GET/POST under a region's base URL with its token. */
  call(regionId: string, path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/** A demo fleet on 127.0.0.1:0 whose clock only moves when the test says so. */
export async function startHarness(options: DemoFleetOptions = {}): Promise<Harness> {
  let wall = 1_900_000_000_000;
  const fleet = createDemoFleet({ seed: 42, scale: 2_000, changesPerSecond: 10, wallClock: () => wall, ...options });
  const started = await fleet.start({ host: '127.0.0.1', port: 0 });
  const region = (id: string): DemoRegionEndpoint => {
    const r = started.regions.find((x) => x.id === id);
    if (!r) throw new Error(`no region ${id}`);
    return r;
  };
  return {
    fleet,
    started,
    advance(ms) {
      wall += ms;
      fleet.tick();
    },
    region,
    call(regionId, path, init = {}) {
      const r = region(regionId);
      const headers = new Headers(init.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${r.token}`);
      return fetch(`${r.baseUrl}${path}`, { ...init, headers });
    },
    stop: () => fleet.stop(),
  };
}

/** The error code of a ProtocolError body. */
export async function errorCode(res: Response): Promise<string> {
  const body = (await res.json()) as { error?: { code?: unknown } };
  return String(body.error?.code);
}

/**
 * Polls `probe` until it returns a value (not undefined, null or false) and returns it: a wait for a
 * condition, over as soon as it holds, never a fixed sleep. Throws naming `what` after `timeoutMs`.
 */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000, everyMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
