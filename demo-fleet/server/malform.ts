import type { ActionResult, ChangeEvent, FleetState, Health, TelemetryResponse } from '../../shared/protocol/index.ts';

/**
 * Bodies for the `malformed` fault: valid JSON that fails the protocol schemas the way a buggy
 * endpoint would — a required field missing, a string where a number belongs.
 */

export function malformedFleet(state: FleetState): unknown {
  const [first, second, ...rest] = state.instances;
  const instances: unknown[] = [...rest];
  if (second) instances.unshift({ ...second, activeUsers: String(second.activeUsers) });
  if (first) {
    const { version: _dropped, ...withoutVersion } = first;
    instances.unshift(withoutVersion);
  }
  const [db, ...dbs] = state.databases;
  const databases: unknown[] = db ? [{ ...db, schemaTrain: String(db.schemaTrain) }, ...dbs] : dbs;
  return { ...state, instances, databases };
}

export function malformedHealth(health: Health): unknown {
  return { ...health, revision: String(health.revision) };
}

export function malformedTelemetry(body: TelemetryResponse): unknown {
  return {
    ...body,
    series: body.series.map((s, i) => (i === 0 ? { ...s, points: s.points.map(([t, v], j) => (j === 0 ? [t, String(v)] : [t, v])) } : s)),
  };
}

export function malformedActionResult(result: ActionResult): unknown {
  return { ...result, status: 'done', revision: result.revision === null ? 'none' : String(result.revision) };
}

export function malformedEvent(event: ChangeEvent): unknown {
  if (event.type === 'instance.upsert') {
    const { version: _dropped, ...instance } = event.instance;
    return { ...event, instance };
  }
  return { ...event, revision: String(event.revision) };
}
