import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { TelemetryRequest, TelemetryResult, TelemetrySource } from '../../../electron/common/telemetry-source.ts';
import { captureTelemetry } from '../../../electron/snapshots/telemetry-capture.ts';
import { Signal } from '../../../shared/protocol/index.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Two regions' sources sharing one count of queries: the first answer is watched, and the fifth query
 * — the first one a worker asks after writing an answer (four workers start with the first four) —
 * waits until released.
 */
class WatchedQueries {
  first: WeakRef<TelemetryResult> | null = null;
  private calls = 0;
  private release: () => void = () => {};
  private asked: () => void = () => {};
  readonly fifthAsked = new Promise<void>((resolve) => (this.asked = resolve));

  source(regionId: string): TelemetrySource {
    return { kind: 'prometheus', minStepSeconds: 15, regionId, describe: (r) => `${regionId} ${r.signal}`, query: (r) => this.query(r) };
  }

  private async query(r: TelemetryRequest): Promise<TelemetryResult> {
    const call = ++this.calls;
    if (call === 5) {
      this.asked();
      await new Promise<void>((resolve) => (this.release = resolve));
    }
    // An answer arrives on a later turn, as a network source's does.
    await new Promise((resolve) => setImmediate(resolve));
    const points = Array.from({ length: 200 }, (_, i): [number, number] => [r.from + i * r.stepSeconds, i]);
    const answer: TelemetryResult = { warnings: [], series: [{ component: 'c', version: '1.0.0', signal: r.signal, points }] };
    if (call === 1) this.first = new WeakRef(answer);
    return answer;
  }

  finish(): void {
    this.release();
  }
}

describe('telemetry capture for a snapshot', () => {
  it('holds no answer once it is written, while the worker that wrote it waits for its next query', async () => {
    const queries = new WatchedQueries();
    let written = 0;
    const capture = captureTelemetry(
      new Map(['eu-west', 'us-east'].map((id) => [id, queries.source(id)])),
      Date.parse('2026-03-01T12:00:00Z'),
      { windowSeconds: 3_600, maxPointsPerSeries: 500, maxSeries: 100, maxTotalPoints: 100_000, expectedSeries: 2 * Signal.options.length },
      () => void written++,
    );
    await queries.fifthAsked;
    expect(written).toBeGreaterThanOrEqual(1);
    // A WeakRef's target lives to the end of the job that made it: collect on the next turn.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(queries.first?.deref()).toBeUndefined();
    queries.finish();
    const result = await capture;
    expect(result.series).toBe(2 * Signal.options.length);
    expect(written).toBe(2 * Signal.options.length);
  });
});
