import { describe, expect, it } from 'vitest';
import { generateFleet } from '../../../demo-fleet/generate/fleet.ts';
import { bulkText, parseStoredFleetState, storedFleetStateText } from '../../../electron/snapshots/stored-fleet-state.ts';
import { FleetState } from '../../../shared/protocol/index.ts';

/** A region of a few thousand instances. */
function region(): FleetState {
  const state = generateFleet({ seed: 7, scale: 12_000, regions: 4, scenario: 'skew-violation', startTime: new Date('2026-01-05T10:00:00Z') })[0] as FleetState;
  expect(state.instances.length).toBeGreaterThan(2_000);
  return state;
}

type Stored = { instances: { count: number; columns: Record<string, unknown[] | { values: unknown[]; index: unknown[] }> } };
const edited = (text: string, change: (raw: Stored) => void): string => {
  const raw = JSON.parse(text) as Stored;
  change(raw);
  return JSON.stringify(raw);
};
const dictionary = (raw: Stored, field: string) => raw.instances.columns[field] as { values: unknown[]; index: unknown[] };
const list = (raw: Stored, field: string) => raw.instances.columns[field] as unknown[];

describe('a fleet state as a snapshot stores it (format 2: instances by column)', () => {
  it('reads back as exactly what FleetState.parse makes of the state, from text or from its UTF-8 bytes, in far less text', () => {
    const state = region();
    const text = storedFleetStateText(state);
    expect(parseStoredFleetState(text, 2)).toEqual(FleetState.parse(state));
    expect(parseStoredFleetState(Buffer.from(text, 'utf8'), 2)).toEqual(FleetState.parse(state));
    expect(text.length).toBeLessThan(JSON.stringify(state).length * 0.75);
    // Repeating values are stored once; ids, which never repeat, as they are.
    const raw = JSON.parse(text) as Stored;
    expect(dictionary(raw, 'component').values.length).toBeLessThan(state.components.length + 1);
    expect(dictionary(raw, 'state').values.length).toBeLessThanOrEqual(4);
    expect(list(raw, 'id')).toHaveLength(state.instances.length);
  });

  it('round-trips text that is not ASCII, and a region with no instances', () => {
    const state = region();
    const first = state.instances[0];
    if (first) first.host = 'hôte-zürich-東京.rcc.internal';
    const bytes = Buffer.from(storedFleetStateText(state), 'utf8');
    expect(bulkText(bytes)).toBe(storedFleetStateText(state));
    expect(parseStoredFleetState(bytes, 2).instances[0]?.host).toBe('hôte-zürich-東京.rcc.internal');
    const empty = { ...state, instances: [] };
    expect(parseStoredFleetState(storedFleetStateText(empty), 2)).toEqual(FleetState.parse(empty));
  });

  it('refuses a bad value, a bad index, a short column, an unknown column and an id given twice, naming the field', () => {
    const text = storedFleetStateText(region());
    const refused = (change: (raw: Stored) => void) => () => parseStoredFleetState(edited(text, change), 2);
    expect(refused((raw) => void (dictionary(raw, 'state').values[0] = 'melting'))).toThrow(/state[\s\S]*values|values[\s\S]*state/);
    expect(refused((raw) => void (list(raw, 'startedAt')[2_000] = 'yesterday'))).toThrow(/startedAt[\s\S]*2000|2000[\s\S]*startedAt/);
    expect(refused((raw) => void (dictionary(raw, 'version').index[1_500] = 10_000))).toThrow(/instances\.columns\.version\.index\[1500\]: 10000 is not an index/);
    expect(refused((raw) => void (dictionary(raw, 'component').index[7] = '0'))).toThrow(/component\.index\[7\]/);
    expect(refused((raw) => void list(raw, 'id').pop())).toThrow(/instances\.columns\.id: \d+ values for \d+ instances/);
    expect(refused((raw) => void dictionary(raw, 'host').index.pop())).toThrow(/instances\.columns\.host\.index: \d+ indexes for \d+ instances/);
    expect(refused((raw) => void (raw.instances.columns.payload = []))).toThrow(/payload/);
    expect(refused((raw) => void (list(raw, 'id')[1_999] = list(raw, 'id')[3]))).toThrow(/instances\[1999\]\.id: duplicate instance id .* \(also at instances\[3\]\)/);
  });
});

describe('a fleet state as a format 1 snapshot stores it (instances as objects)', () => {
  const v1 = (change?: (raw: { instances: Array<Record<string, unknown>> }) => void): string => {
    const raw = JSON.parse(JSON.stringify(region())) as { instances: Array<Record<string, unknown>> };
    change?.(raw);
    return JSON.stringify(raw);
  };

  it('is still read, as what FleetState.parse makes of the same text', () => {
    const text = v1();
    expect(parseStoredFleetState(text, 1)).toEqual(FleetState.parse(JSON.parse(text)));
  });

  it('is refused with FleetState\'s own error for a bad instance past the first chunk, and for an instance id given twice', () => {
    expect(() => parseStoredFleetState(v1((raw) => void ((raw.instances[1_500] as Record<string, unknown>).state = 'melting')), 1)).toThrow(/instances.*1500.*state|state.*instances.*1500/s);
    expect(() => parseStoredFleetState(v1((raw) => void ((raw.instances[2_000] as Record<string, unknown>).startedAt = 'yesterday')), 1)).toThrow(/2000/);
    expect(() => parseStoredFleetState(v1((raw) => void ((raw.instances[1_999] as Record<string, unknown>).id = raw.instances[3]?.id)), 1)).toThrow(/duplicate instance id/);
  });

  it('drops a key the schema does not know, as FleetState does', () => {
    const extra = v1((raw) => void ((raw.instances[1_200] as Record<string, unknown>).payload = 'x'));
    const parsed = parseStoredFleetState(extra, 1);
    expect(parsed.instances[1_200]).not.toHaveProperty('payload');
    expect(parsed).toEqual(FleetState.parse(JSON.parse(extra)));
  });
});
