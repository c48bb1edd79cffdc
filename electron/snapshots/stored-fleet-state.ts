import { z } from 'zod';
import { FleetState, Instance } from '../../shared/protocol/index.ts';

/** FleetState with its instances left unchecked: they are checked apart, in chunks. */
const FleetStateShell = FleetState.extend({ instances: z.array(z.unknown()) });
/** Stored instances have exactly the schema's fields: with no unknown key, zod's copy would equal the parsed object. */
const StoredInstances = z.array(z.strictObject(Instance.shape));
const CHUNK = 1_000;

/**
 * A region's fleet state as a snapshot stores it (JSON text), validated against the protocol's
 * schema. The instances — up to 100,000, most of the snapshot — are kept as JSON.parse made them
 * rather than as zod's copies: they are checked 1,000 at a time against `Instance` with no unknown
 * key allowed, and their ids must be distinct, as `FleetState` requires. zod's copies of a chunk are
 * garbage at once, so the collector never moves 100,000 of them to the old generation (a fifth of
 * the CPU time of opening a 100,000-instance snapshot). Anything that does not pass is parsed again
 * with `FleetState` itself, for its error.
 */
export function parseStoredFleetState(text: string): FleetState {
  const raw: unknown = JSON.parse(text);
  const shell = FleetStateShell.safeParse(raw);
  if (!shell.success) return FleetState.parse(raw);
  const instances = shell.data.instances;
  const ids = new Set<unknown>();
  for (let at = 0; at < instances.length; at += CHUNK) {
    if (!StoredInstances.safeParse(instances.slice(at, at + CHUNK)).success) return FleetState.parse(raw);
  }
  for (const instance of instances) ids.add((instance as Instance).id);
  if (ids.size !== instances.length) return FleetState.parse(raw);
  // Every item passed `Instance` with no key besides its own: it is an Instance as it stands.
  return { ...shell.data, instances: instances as Instance[] };
}
