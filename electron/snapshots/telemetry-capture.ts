import type { TelemetryProblem } from '../../shared/contract/index.ts';
import { Signal } from '../../shared/protocol/index.ts';
import { chooseStep } from '../../shared/telemetry/step.ts';
import type { TelemetryRequest, TelemetryResult, TelemetrySeries, TelemetrySource } from '../common/telemetry-source.ts';

export interface TelemetryCaptureOptions {
  /** Seconds of telemetry kept before T. */
  windowSeconds: number;
  /** The stored step is the finest that keeps every series at or under this many points. */
  maxPointsPerSeries: number;
  /** Most series (region × component × version × signal) kept; the rest are counted and left out. */
  maxSeries: number;
  /** Most points in all: with many series the step coarsens to stay under it. */
  maxTotalPoints: number;
  /** Series expected (every live version in every region with a source, × signals): sizes the step before asking. */
  expectedSeries: number;
}

/** A query that failed (`failed`), or answered with warnings, while the snapshot was taken. */
export type SignalProblem = TelemetryProblem & { signal: Signal; failed: boolean };

export interface TelemetryCaptureResult {
  /** Unix seconds: the stored grid runs from `from` to `to`, every `step`. */
  from: number;
  to: number;
  step: number;
  series: number;
  points: number;
  /** Series the source answered that were left out by the cap. */
  dropped: number;
  problems: SignalProblem[];
}

/** Every signal is kept: the Signals table shows three, the charts any of them. */
export const SIGNALS = Signal.options;
/** Queries in flight at once (every region × signal is one query). */
const CONCURRENCY = 4;

/** The step every region is stored at: the finest that fits both point caps and that no region's source refuses. */
export function storedStep(sources: Iterable<TelemetrySource>, options: TelemetryCaptureOptions): number {
  let minStep = 1;
  for (const s of sources) minStep = Math.max(minStep, s.minStepSeconds ?? 1);
  const maxPoints = Math.max(2, Math.min(options.maxPointsPerSeries, Math.floor(options.maxTotalPoints / Math.max(1, options.expectedSeries))));
  return chooseStep(options.windowSeconds, Math.ceil(maxPoints / 2), { minStep, maxPoints });
}

/**
 * Asks every region's telemetry source for every signal over the window before T (all components in
 * one query), and hands each series to `write` as it arrives, so no more than the answers in flight
 * are held in memory. A failing query is recorded as a problem; the snapshot answers it the same way.
 */
export async function captureTelemetry(
  sources: ReadonlyMap<string, TelemetrySource>,
  atMs: number,
  options: TelemetryCaptureOptions,
  write: (regionId: string, series: TelemetrySeries, step: number) => void,
  hooks: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<TelemetryCaptureResult> {
  const step = storedStep(sources.values(), options);
  const to = Math.floor(atMs / 1000 / step) * step;
  const from = to - Math.floor(options.windowSeconds / step) * step;
  const jobs = [...sources.values()].sort((a, b) => a.regionId.localeCompare(b.regionId)).flatMap((source) => SIGNALS.map((signal) => ({ source, signal })));
  const result: TelemetryCaptureResult = { from, to, step, series: 0, points: 0, dropped: 0, problems: [] };
  const seen = new Set<string>();
  let next = 0;
  let done = 0;
  hooks.onProgress?.(0, jobs.length);

  /** One answer, written series by series; nothing of it is kept. */
  const store = (source: TelemetrySource, request: TelemetryRequest, answer: TelemetryResult): void => {
    hooks.signal?.throwIfAborted();
    const { signal } = request;
    if (answer.warnings.length > 0) result.problems.push(problem(source, request, answer.warnings.join('; '), false));
    for (const series of answer.series) {
      const key = `${source.regionId}\u0000${series.component}\u0000${series.version}\u0000${signal}`;
      if (seen.has(key)) continue;
      if (result.series >= options.maxSeries) {
        result.dropped++;
        continue;
      }
      seen.add(key);
      write(source.regionId, { ...series, signal }, step);
      result.series++;
      result.points += series.points.length;
    }
  };

  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++];
      if (!job) return;
      hooks.signal?.throwIfAborted();
      const { source, signal } = job;
      const request: TelemetryRequest = { signal, from, to, stepSeconds: step };
      try {
        // Stored in a callback, not awaited into this frame: a worker suspended in its next query
        // kept its last answer (1.5 MB at 100,000 instances) alive, so V8 moved every answer to its
        // old generation — about 40 MB of garbage a take, waiting for a full collection.
        await source.query(request, hooks.signal).then((answer) => store(source, request, answer));
      } catch (error) {
        if (hooks.signal?.aborted) throw hooks.signal.reason;
        result.problems.push(problem(source, request, error instanceof Error ? error.message : String(error), true));
      }
      hooks.onProgress?.(++done, jobs.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
  result.problems.sort((a, b) => a.region.localeCompare(b.region) || a.signal.localeCompare(b.signal));
  return result;
}

function problem(source: TelemetrySource, request: TelemetryRequest, message: string, failed: boolean): SignalProblem {
  return { region: source.regionId, source: source.kind, query: source.describe(request), message, signal: request.signal, failed };
}
