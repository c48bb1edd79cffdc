import { describe, expect, it } from 'vitest';
import { createIncrementalEvaluator } from '../../../shared/compat/index.ts';
import type { FleetState } from '../../../shared/protocol/index.ts';
import { suggestFirstResponse } from '../../../shared/telemetry/escalation.ts';
import { createDemoFleet } from '../../../demo-fleet/index.ts';

const START = new Date('2026-11-20T10:00:00Z');

function usEast(scenario: 'bad-canary' | 'steady'): FleetState {
  return createDemoFleet({ seed: 42, scale: 3_000, scenario, startTime: START, wallClock: () => START.getTime() }).fleetState('us-east');
}

function whatIfOn(state: FleetState) {
  const view = createIncrementalEvaluator([state], START.toISOString());
  return (request: Parameters<typeof view.whatIf>[0]) => view.whatIf(request);
}

function canaryOf(state: FleetState, component: string): string {
  const rollout = state.rollouts.find((r) => r.component === component && (r.state === 'progressing' || r.state === 'paused'));
  if (!rollout) throw new Error(`no rollout of ${component} in flight`);
  return rollout.toVersion;
}

describe('suggested first response (escalation ladder)', () => {
  it('1. turns off the toggle that gates the bad version, with a clean what-if', () => {
    const state = usEast('bad-canary');
    const version = canaryOf(state, 'document-store');
    const s = suggestFirstResponse(state, 'document-store', version, whatIfOn(state));
    expect(s.step).toBe('toggle-off');
    expect(s.action).toEqual({ region: 'us-east', action: { type: 'toggle.set', key: 'documents.streamed-upload', state: 'off' } });
    expect(s.summary).toContain('documents.streamed-upload');
    expect(s.whatIf?.ok).toBe(true);
    expect(s.whatIf?.introduced).toEqual([]);
  });

  it('ignores toggles that are off, or gate a later version than the bad one', () => {
    const state = usEast('bad-canary');
    const version = canaryOf(state, 'document-store');
    const off = { ...state, toggles: state.toggles.map((t) => (t.key === 'documents.streamed-upload' ? { ...t, state: 'off' as const } : t)) };
    expect(suggestFirstResponse(off, 'document-store', version, whatIfOn(off)).step).toBe('rollback-component');
    // ai.document-summary gates the train after the canary: turning it off cannot help (and it is dormant anyway).
    const later = { ...off, toggles: off.toggles.map((t) => (t.key === 'ai.document-summary' ? { ...t, state: 'on' as const } : t)) };
    expect(suggestFirstResponse(later, 'document-store', version, whatIfOn(later)).step).toBe('rollback-component');
  });

  it('2. rolls the component back to the previous train when no toggle gates it', () => {
    const state = usEast('bad-canary');
    const version = canaryOf(state, 'document-store');
    const train = state.componentVersions.find((v) => v.component === 'document-store' && v.version === version)?.train ?? -1;
    const noToggle = { ...state, toggles: state.toggles.filter((t) => t.minVersion?.component !== 'document-store') };
    const s = suggestFirstResponse(noToggle, 'document-store', version, whatIfOn(noToggle));
    expect(s.step).toBe('rollback-component');
    expect(s.action?.action).toEqual({ type: 'component.rollback', component: 'document-store', toTrain: train - 1 });
    expect(s.whatIf).not.toBeNull();
  });

  it('3. rolls back the schema of a group it uses when the component has no earlier train', () => {
    const state = usEast('steady');
    const group = state.databaseGroups.find((g) => state.databases.some((d) => d.group === g.id));
    if (!group) throw new Error('fixture has no database group with databases');
    const component = group.usedBy[0] as string;
    const oldest = Math.min(...state.componentVersions.filter((v) => v.component === component).map((v) => v.train));
    const version = state.componentVersions.find((v) => v.component === component && v.train === oldest)?.version ?? '';
    const bare = { ...state, toggles: state.toggles.filter((t) => t.minVersion?.component !== component) };
    const s = suggestFirstResponse(bare, component, version, whatIfOn(bare));
    expect(s.step).toBe('rollback-schema');
    expect(s.action?.action).toMatchObject({ type: 'schema.rollback', databaseGroup: group.id });
  });

  it('4. says so when nothing on the ladder applies', () => {
    const state = usEast('steady');
    const s = suggestFirstResponse({ ...state, toggles: [] }, 'no-such-component', '1.0.0', whatIfOn(state));
    expect(s).toMatchObject({ step: 'none', action: null, whatIf: null });
    expect(s.summary).toMatch(/escalate/);
  });
});
