import { isAscii } from 'node:buffer';
import { z } from 'zod';
import { FleetState, Instance } from '../../shared/protocol/index.ts';

/**
 * How a snapshot stores a region's fleet state: FleetState JSON, but with the instances — up to
 * 100,000, most of the snapshot — stored column by column (format 2). A column is either its values
 * in instance order, or, where values repeat (component, version, state, usually host), the distinct
 * values and each instance's index into them. The text is about half as long as a list of objects,
 * and reading it back builds each instance once from values already checked (each distinct value
 * once), where checking 100,000 parsed objects took longer than parsing them.
 */
type Column<T> = T[] | { values: T[]; index: number[] };

/** An index list is checked where it is read (every entry against its column's values), not copied by zod. */
const IndexList = z.custom<number[]>((v) => Array.isArray(v), 'an array of indexes');

function column<T extends z.ZodType>(value: T) {
  return z.union([z.array(value), z.strictObject({ values: z.array(value), index: IndexList })]);
}

const shape = Instance.shape;
/** One column per Instance field: a field added to Instance fails to compile until it is stored too. */
const Columns = z.strictObject({
  id: column(shape.id),
  host: column(shape.host),
  component: column(shape.component),
  version: column(shape.version),
  state: column(shape.state),
  startedAt: column(shape.startedAt),
  activeUsers: column(shape.activeUsers),
} satisfies Record<keyof Instance, z.ZodType>);

const StoredInstances = z.strictObject({ count: z.int().min(0), columns: Columns });
export type StoredInstances = z.infer<typeof StoredInstances>;
const StoredFleetState = FleetState.extend({ instances: StoredInstances });
/** Format 1 stored instances as a list of objects: checked apart from the rest, in chunks. */
const FleetStateShell = FleetState.extend({ instances: z.array(z.unknown()) });
const V1Instances = z.array(z.strictObject(Instance.shape));
const V1_CHUNK = 1_000;

/** Values that repeat at least every other instance are stored once. */
function encodeColumn<T>(instances: readonly Instance[], get: (i: Instance) => T): Column<T> {
  const distinct = new Map<T, number>();
  const index = new Array<number>(instances.length);
  for (let i = 0; i < instances.length; i++) {
    const value = get(instances[i] as Instance);
    let at = distinct.get(value);
    if (at === undefined) {
      at = distinct.size;
      distinct.set(value, at);
    }
    index[i] = at;
  }
  return distinct.size * 2 <= instances.length ? { values: [...distinct.keys()], index } : instances.map(get);
}

export function encodeInstances(instances: readonly Instance[]): StoredInstances {
  return {
    count: instances.length,
    columns: {
      id: encodeColumn(instances, (i) => i.id),
      host: encodeColumn(instances, (i) => i.host),
      component: encodeColumn(instances, (i) => i.component),
      version: encodeColumn(instances, (i) => i.version),
      state: encodeColumn(instances, (i) => i.state),
      startedAt: encodeColumn(instances, (i) => i.startedAt),
      activeUsers: encodeColumn(instances, (i) => i.activeUsers),
    },
  };
}

/** A region's fleet state as the snapshot's `regions.fleet_state` holds it (format 2). */
export function storedFleetStateText(state: FleetState): string {
  return JSON.stringify({ ...state, instances: encodeInstances(state.instances) });
}

/** A column as one value per instance, after its length and every index were checked. */
function expand<T>(col: Column<T>, count: number, field: string): readonly T[] {
  if (Array.isArray(col)) {
    if (col.length !== count) throw new Error(`instances.columns.${field}: ${col.length} values for ${count} instances`);
    return col;
  }
  const { values, index } = col;
  if (index.length !== count) throw new Error(`instances.columns.${field}.index: ${index.length} indexes for ${count} instances`);
  const out = new Array<T>(count);
  for (let i = 0; i < count; i++) {
    const at = index[i];
    if (!(Number.isInteger(at) && (at as number) >= 0 && (at as number) < values.length)) {
      throw new Error(`instances.columns.${field}.index[${i}]: ${JSON.stringify(at)} is not an index into its ${values.length} values`);
    }
    out[i] = values[at as number] as T;
  }
  return out;
}

/** FleetState's own message for the same ambiguity, at the later occurrence; only a list with a duplicate is walked twice. */
function checkDistinct(ids: readonly string[]): void {
  if (new Set(ids).size === ids.length) return;
  const first = new Map<string, number>();
  ids.forEach((id, i) => {
    const at = first.get(id);
    if (at !== undefined) throw new Error(`instances[${i}].id: duplicate instance id ${JSON.stringify(id)} (also at instances[${at}])`);
    first.set(id, i);
  });
}

function decodeInstances({ count, columns: c }: StoredInstances): Instance[] {
  const id = expand(c.id, count, 'id');
  const host = expand(c.host, count, 'host');
  const component = expand(c.component, count, 'component');
  const version = expand(c.version, count, 'version');
  const state = expand(c.state, count, 'state');
  const startedAt = expand(c.startedAt, count, 'startedAt');
  const activeUsers = expand(c.activeUsers, count, 'activeUsers');
  checkDistinct(id);
  const out = new Array<Instance>(count);
  for (let i = 0; i < count; i++) {
    out[i] = { id: id[i] as string, host: host[i] as string, component: component[i] as string, version: version[i] as string, state: state[i] as Instance['state'], startedAt: startedAt[i] as string, activeUsers: activeUsers[i] as number };
  }
  return out;
}

/** Text of a `bulk` column read as its UTF-8 bytes: ASCII (nearly always) decodes several times faster as Latin-1, to the same string. */
export function bulkText(stored: string | Buffer): string {
  if (typeof stored === 'string') return stored;
  return isAscii(stored) ? stored.toString('latin1') : stored.toString('utf8');
}

/**
 * A region's fleet state as a snapshot of `formatVersion` stores it, validated against the
 * protocol's schema: every field but the instances by FleetState's own schemas (uniqueness checks
 * included), each column's values by Instance's field schemas, every index against its column, and
 * the instance ids for duplicates. Throws naming the field that failed.
 */
export function parseStoredFleetState(stored: string | Buffer, formatVersion: number): FleetState {
  const raw: unknown = JSON.parse(bulkText(stored));
  if (formatVersion === 1) return parseV1(raw);
  const { instances, ...rest } = StoredFleetState.parse(raw);
  return { ...rest, instances: decodeInstances(instances) };
}

/**
 * Format 1: instances as objects, checked 1,000 at a time against `Instance` with no unknown key
 * allowed (kept as JSON.parse made them rather than copied by zod), ids distinct. Anything that does
 * not pass is parsed again with `FleetState` itself, for its error.
 */
function parseV1(raw: unknown): FleetState {
  const shell = FleetStateShell.safeParse(raw);
  if (!shell.success) return FleetState.parse(raw);
  const instances = shell.data.instances;
  for (let at = 0; at < instances.length; at += V1_CHUNK) {
    if (!V1Instances.safeParse(instances.slice(at, at + V1_CHUNK)).success) return FleetState.parse(raw);
  }
  const ids = new Set<unknown>();
  for (const instance of instances) ids.add((instance as Instance).id);
  if (ids.size !== instances.length) return FleetState.parse(raw);
  return { ...shell.data, instances: instances as Instance[] };
}
