import { describe, expect, it } from 'vitest';
import { generateFleet } from '../../../demo-fleet/generate/fleet.ts';
import { parseStoredFleetState } from '../../../electron/snapshots/stored-fleet-state.ts';
import { FleetState } from '../../../shared/protocol/index.ts';

/** A region of a few thousand instances: more than one chunk of 1,000. */
function storedRegion(): { state: FleetState; text: string } {
  const state = generateFleet({ seed: 7, scale: 12_000, regions: 4, scenario: 'skew-violation', startTime: new Date('2026-01-05T10:00:00Z') })[0] as FleetState;
  expect(state.instances.length).toBeGreaterThan(2_000);
  return { state, text: JSON.stringify(state) };
}

const mutated = (text: string, change: (raw: { instances: Array<Record<string, unknown>> }) => void): string => {
  const raw = JSON.parse(text) as { instances: Array<Record<string, unknown>> };
  change(raw);
  return JSON.stringify(raw);
};

describe('a fleet state read back from a snapshot', () => {
  it('is what FleetState.parse makes of the same text', () => {
    const { text } = storedRegion();
    expect(parseStoredFleetState(text)).toEqual(FleetState.parse(JSON.parse(text)));
  });

  it('is refused with FleetState\'s own error for a bad instance past the first chunk, and for an instance id given twice', () => {
    const { text } = storedRegion();
    expect(() => parseStoredFleetState(mutated(text, (raw) => void ((raw.instances[1_500] as Record<string, unknown>).state = 'melting')))).toThrow(/instances.*1500.*state|state.*instances.*1500/s);
    expect(() => parseStoredFleetState(mutated(text, (raw) => void ((raw.instances[2_000] as Record<string, unknown>).startedAt = 'yesterday')))).toThrow(/2000/);
    const twice = mutated(text, (raw) => void ((raw.instances[1_999] as Record<string, unknown>).id = raw.instances[3]?.id));
    expect(() => parseStoredFleetState(twice)).toThrow(/duplicate instance id/);
  });

  it('drops a key the schema does not know, as FleetState does', () => {
    const { text } = storedRegion();
    const extra = mutated(text, (raw) => void ((raw.instances[1_200] as Record<string, unknown>).payload = 'x'));
    const parsed = parseStoredFleetState(extra);
    expect(parsed.instances[1_200]).not.toHaveProperty('payload');
    expect(parsed).toEqual(FleetState.parse(JSON.parse(extra)));
  });
});
