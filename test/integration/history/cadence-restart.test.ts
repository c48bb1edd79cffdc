import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/contract/alerts.ts';
import type { FleetState } from '../../../shared/protocol/index.ts';
import type { RegionsService } from '../../../electron/common/regions-service.ts';
import { EventBus } from '../../../electron/common/event-bus.ts';
import { CadenceService } from '../../../electron/services/cadence-service.ts';
import { MemoryCadenceStore, type CadenceStore } from '../../../electron/services/cadence-memory.ts';
import type { AuditStore } from '../../../electron/audit/index.ts';
import { smallFleet } from '../../support/small-fleet.ts';
import { tempStore, type TempStore } from '../../support/audit-fixtures.ts';
import { historyFixture } from './fixtures.ts';

const f = historyFixture();
const audits: TempStore[] = [];
afterEach(async () => {
  await f.cleanup();
  for (const a of audits.splice(0)) await a.remove();
});

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** A Monday noon: the four complete weeks before it are 2 → 30 November 2026. */
const NOW = Date.parse('2026-11-30T12:00:00Z');

function fixedRegions(states: FleetState[]): RegionsService {
  return {
    list: () => states.map((s) => ({ id: s.region.id }) as ReturnType<RegionsService['list']>[number]),
    fleetStates: () => states,
    onStatus: () => () => {},
    onFleet: () => () => {},
    setExternalToggles: () => {},
    actions: () => undefined,
    start: async () => {},
    stop: async () => {},
  };
}

/**
 * test-east: train 1 (cut Nov 13, first gate Nov 13 02:00) reported in production Nov 17 00:00 with
 * a toggle-off detected 06:00, restored 06:20; train 2 (first gate Nov 20 02:00) seen in production
 * when the api rollout to 1.1.0 completed, Nov 25 00:00.
 */
function reportingFleet(): FleetState {
  const base = smallFleet();
  const rollout = base.rollouts[0]!;
  return smallFleet({
    stageGates: [
      { train: 1, stage: 'build', testsRun: 10, testsPassed: 10, testsFailed: 0, at: '2026-11-13T02:00:00Z' },
      { train: 1, stage: 'staging', testsRun: 5, testsPassed: 5, testsFailed: 0, at: '2026-11-15T02:00:00Z' },
      { train: 2, stage: 'build', testsRun: 10, testsPassed: 10, testsFailed: 0, at: '2026-11-20T02:00:00Z' },
    ],
    releases: [{ train: 1, productionAt: '2026-11-17T00:00:00Z', failure: { action: 'toggle-off', detectedAt: '2026-11-17T06:00:00Z', restoredAt: '2026-11-17T06:20:00Z' } }],
    rollouts: [
      {
        ...rollout,
        state: 'completed',
        history: [
          { at: '2026-11-24T00:00:00Z', event: 'started', by: 'bot' },
          { at: '2026-11-25T00:00:00Z', event: 'completed', by: 'bot' },
        ],
      },
    ],
  });
}

const resolvedAlert: Alert = {
  id: 'error-threshold:test-east:api:1.1.0',
  rule: 'error-threshold',
  severity: 'critical',
  state: 'resolved',
  region: 'test-east',
  component: 'api',
  version: '1.1.0',
  title: 'api errors',
  firstSeen: '2026-11-26T10:00:00.000Z',
  lastSeen: '2026-11-26T10:40:00.000Z',
  resolvedAt: '2026-11-26T10:45:00.000Z',
  acknowledged: null,
  evidence: null,
  suggestion: null,
};

/** An audited rollback of api in test-east to train 1, on Nov 26 11:00. */
async function auditWithRollback(): Promise<AuditStore> {
  const temp = await tempStore({ now: () => new Date('2026-11-26T11:00:00Z') });
  audits.push(temp);
  const actor = { actorUser: 'alice', actorName: 'Alice', workstation: 'ws-1' };
  const intent = temp.store.append({
    kind: 'intent',
    ...actor,
    action: 'component.rollback',
    region: 'test-east',
    target: 'api',
    before: { versions: ['1.1.0'] },
    after: { train: 1, version: '1.0.0' },
    reason: 'errors on 1.1.0',
    idempotencyKey: null,
  });
  temp.store.append({ kind: 'outcome', ...actor, action: 'component.rollback', region: 'test-east', target: 'api', intentSeq: intent.seq, outcome: 'succeeded', idempotencyKey: 'k-1', response: 'ok' });
  return temp.store;
}

function service(regions: RegionsService, store: CadenceStore, audit: AuditStore | null, bus = new EventBus()): CadenceService {
  return new CadenceService({ regions, store, audit, bus, config: { weeklyTarget: 1 }, now: () => NOW });
}

describe('cadence history across a restart (real SQLite file)', () => {
  it('keeps releases, gates, audited failures and restores, and answers the same figures after reopening', async () => {
    const file = await f.file();
    const bus = new EventBus();
    const first = service(fixedRegions([reportingFleet()]), f.open(file), await auditWithRollback(), bus);
    first.start();
    bus.emit('alerts.changed', { counts: { active: 0, acknowledged: 0, critical: 0 }, changed: [resolvedAlert] });
    const before = first.summary('4w', 'week');
    first.stop();

    // Worked out from the fixture: two releases in four weeks of one region.
    expect(before.frequency.releases).toBe(2);
    expect(before.frequency.perRegionPerWeek).toBe(0.5);
    expect(before.frequency.regionWeeksOnTarget).toBe(2);
    // Lead times: train 1 Nov 13 02:00 → Nov 17 00:00 = 3 d 22 h; train 2 Nov 20 02:00 → Nov 25 00:00 = 4 d 22 h.
    expect(before.leadTime.byTrain.map((l) => l.leadTimeMs)).toEqual([3 * DAY + 22 * HOUR, 4 * DAY + 22 * HOUR]);
    expect(before.leadTime.medianMs).toBe(4 * DAY + 10 * HOUR);
    // Train 1 by the region's report, train 2 by the audited rollback (the newest train in production above train 1).
    expect(before.changeFailure).toMatchObject({ trains: 2, failedTrains: 2, rate: 1 });
    expect(before.changeFailure.failures.map((x) => [x.name, x.action])).toEqual([
      ['2026.46', 'toggle-off'],
      ['2026.47', 'rollback'],
    ]);
    // Restores: the toggle-off (20 min) and the alert (45 min); the audited rollback carries no restore time of its own.
    expect(before.restore).toEqual({ medianMs: 32.5 * MIN, samples: 2, open: 0 });
    f.problems.length = 0;

    // Restart: the region now reports nothing of it, there is no audit store, no alert is emitted.
    const silent = fixedRegions([smallFleet()]);
    const second = service(silent, f.open(file), null);
    second.start();
    expect(second.summary('4w', 'week')).toEqual(before);
    second.stop();
    expect(f.problems).toEqual([]);

    // In memory only, nothing survives (the comparison above can fail).
    const forgetful = service(silent, new MemoryCadenceStore(), null);
    forgetful.start();
    expect(forgetful.summary('4w', 'week').frequency.releases).toBe(0);
  });

  it('drops cadence rows past retention and beyond the caps', async () => {
    const file = await f.file();
    const store = f.open(file, { retainCadenceMs: 30 * DAY, maxCadenceRows: { releases: 1 } });
    store.recordCadence({
      releases: [
        { region: 'a', train: 1, productionMs: f.clock.now - 40 * DAY, failure: null },
        { region: 'a', train: 2, productionMs: f.clock.now - 10 * DAY, failure: null },
        { region: 'b', train: 2, productionMs: f.clock.now - 5 * DAY, failure: null },
      ],
      restores: [{ id: 'old', region: 'a', startMs: f.clock.now - 31 * DAY, restoredMs: f.clock.now - 31 * DAY + HOUR }],
    });
    store.prune();
    const kept = store.cadence(0);
    expect(kept.releases.map((r) => [r.region, r.train])).toEqual([['b', 2]]);
    expect(kept.restores).toEqual([]);
  });

  it('merges reports: the earliest production time, and a failure is never erased by a report without one', async () => {
    const store = f.open(await f.file());
    store.recordCadence({ releases: [{ region: 'a', train: 3, productionMs: 2_000, failure: { action: 'rollback', source: 'audit', detectedMs: 3_000, restoredMs: null } }] });
    store.recordCadence({ releases: [{ region: 'a', train: 3, productionMs: 1_000, failure: null }] });
    expect(store.cadence(0).releases).toEqual([{ region: 'a', train: 3, productionMs: 1_000, failure: { action: 'rollback', source: 'audit', detectedMs: 3_000, restoredMs: null } }]);
    // The region's own account replaces the console's.
    store.recordCadence({ releases: [{ region: 'a', train: 3, productionMs: 1_500, failure: { action: 'toggle-off', source: 'region', detectedMs: 2_500, restoredMs: 2_600 } }] });
    expect(store.cadence(0).releases[0]?.failure).toEqual({ action: 'toggle-off', source: 'region', detectedMs: 2_500, restoredMs: 2_600 });
  });
});
