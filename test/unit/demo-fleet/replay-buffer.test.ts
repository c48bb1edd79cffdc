import { describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../../shared/protocol/index.ts';
import { ReplayBuffer } from '../../../demo-fleet/sim/replay-buffer.ts';

const event = (revision: number): ChangeEvent => ({ revision, type: 'instance.remove', id: `i-${revision}` });

function filled(capacity: number, from: number, count: number): ReplayBuffer {
  const buffer = new ReplayBuffer(capacity, from);
  for (let r = from + 1; r <= from + count; r++) buffer.push(event(r));
  return buffer;
}

describe('ReplayBuffer', () => {
  it('replays everything after the last seen revision', () => {
    const buffer = filled(10, 100, 5);
    expect(buffer.since(102)?.map((e) => e.revision)).toEqual([103, 104, 105]);
    expect(buffer.since(100)?.map((e) => e.revision)).toEqual([101, 102, 103, 104, 105]);
    expect(buffer.since(105)).toEqual([]);
  });

  it('refuses revisions older than what it still holds, or ahead of the latest', () => {
    const buffer = filled(3, 0, 10);
    expect(buffer.floor).toBe(7);
    expect(buffer.since(7)?.map((e) => e.revision)).toEqual([8, 9, 10]);
    expect(buffer.since(6)).toBeNull();
    expect(buffer.since(11)).toBeNull();
    expect(buffer.since(Number.NaN)).toBeNull();
  });

  it('serializes each event once, as the SSE data', () => {
    const [entry] = filled(2, 0, 1).since(0) ?? [];
    expect(JSON.parse(entry?.json ?? 'null')).toEqual(event(1));
  });

  it('after a restart only the new revision is resumable', () => {
    const buffer = filled(5, 0, 4);
    buffer.restart(5);
    expect(buffer.since(4)).toBeNull();
    expect(buffer.since(5)).toEqual([]);
    buffer.push(event(6));
    expect(buffer.since(5)?.map((e) => e.revision)).toEqual([6]);
  });

  it('rejects a non-positive capacity', () => {
    expect(() => new ReplayBuffer(0, 0)).toThrow(RangeError);
  });
});
