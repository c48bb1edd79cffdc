/** Simulated time: `startMs` when created, then `timeScale` simulated ms per wall-clock ms. */
export interface SimClock {
  /** Simulated epoch ms. */
  now(): number;
  /** Wall-clock epoch ms (flapping and other real-time faults follow it). */
  wall(): number;
  readonly timeScale: number;
}

export function createSimClock(startMs: number, timeScale: number, wallClock: () => number): SimClock {
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
  const wall0 = wallClock();
  return {
    timeScale,
    wall: wallClock,
    now: () => startMs + Math.max(0, wallClock() - wall0) * timeScale,
  };
}
