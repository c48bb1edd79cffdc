import { z } from 'zod';

export type TimePoint = [number, number];

/** Where and how a list of points is wrong, or null when every entry is a pair of finite numbers. */
export function timePointsProblem(value: unknown): string | null {
  if (!Array.isArray(value)) return `expected an array of [unix seconds, value] pairs, got ${value === null ? 'null' : typeof value}`;
  for (let i = 0; i < value.length; i++) {
    const p: unknown = value[i];
    if (!Array.isArray(p) || p.length !== 2) return `[${i}]: expected a [unix seconds, value] pair`;
    if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) return `[${i}]: expected two finite numbers, got [${String(p[0])}, ${String(p[1])}]`;
  }
  return null;
}

/**
 * [unix seconds, value] pairs in the contract's answers, checked in one loop rather than as zod
 * tuples: a chart carries thousands of them, and the renderer parses every answer with zod without
 * its JIT (the CSP forbids eval), where the tuples alone cost 15–70 ms per chart. Accepts what
 * `z.array(z.tuple([z.number(), z.number()]))` accepts. (The regional protocol keeps zod tuples:
 * the main process parses with the JIT, and its OpenAPI document is checked against them.)
 */
export const TimePoints = z.custom<TimePoint[]>((value) => timePointsProblem(value) === null, {
  error: (issue) => timePointsProblem(issue.input) ?? 'invalid points',
});
