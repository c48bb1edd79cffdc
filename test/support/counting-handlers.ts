import type { Handlers } from '../../shared/contract/index.ts';

/** Wraps real handlers and counts calls, to prove a refused request never reached a service. */
export function countingHandlers(handlers: Handlers): { handlers: Handlers; calls: () => number } {
  let count = 0;
  const wrapped = Object.fromEntries(
    Object.entries(handlers).map(([name, fn]) => [
      name,
      (args: unknown) => {
        count++;
        return (fn as (a: unknown) => Promise<unknown>)(args);
      },
    ]),
  ) as Handlers;
  return { handlers: wrapped, calls: () => count };
}
