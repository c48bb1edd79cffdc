/** A wall clock the test moves by hand, so simulated time is exactly reproducible. */
export function manualClock(startMs = 1_900_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = startMs;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}
