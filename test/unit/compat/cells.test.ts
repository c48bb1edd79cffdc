import { describe, expect, it } from 'vitest';
import { indexFleet, trainName } from '../../../shared/compat/index.ts';
import { fleetState } from './builders.ts';

const versions = { search: { s44: 44, s45: 45, s46: 46, s47: 47 }, ui: { u45: 45 }, index: { i44: 44, i47: 47 } };
const states = [
  fleetState({ region: 'us-east', versions, instances: [['search', 's46', 3, 'running', 2], ['search', 's44', 1], ['search', 's45', 2, 'failed'], ['ui', 'u45', 1]] }),
  fleetState({ region: 'eu-west', versions, instances: [['search', 's45', 1], ['index', 'i44', 1], ['index', 'i47', 1]] }),
];
const view = indexFleet(states, { now: '2026-11-01T00:00:00.000Z' });

describe('skew-matrix helpers', () => {
  it('gives the live version mix of a cell by train, failed instances left out', () => {
    expect(view.versionMix('us-east', 'search')).toEqual([
      { train: 44, trainName: '2026.44', version: 's44', count: 1, activeUsers: 10 },
      { train: 46, trainName: '2026.46', version: 's46', count: 3, activeUsers: 6 },
    ]);
    expect(view.versionMix('us-east', 'nothing')).toEqual([]);
  });

  it('rates cells ok, warning at the window limit, violation when named by a violation', () => {
    expect(view.cellStatus('us-east', 'search')).toMatchObject({ status: 'warning', span: 2 });
    expect(view.cellStatus('us-east', 'ui')).toMatchObject({ status: 'ok', span: 0, violationIds: [] });
    expect(view.cellStatus('eu-west', 'index')).toMatchObject({ status: 'violation', span: 3, violationIds: ['version-window:eu-west:index:44-47'] });
    expect(view.cellStatus('eu-west', 'search')).toMatchObject({ status: 'ok', span: 0 });
    expect(view.cellStatus('eu-west', 'ui')).toMatchObject({ status: 'ok', span: null });
  });

  it('lists every region × component cell', () => {
    expect(view.matrix().map((c) => `${c.region}/${c.component}:${c.status}`)).toEqual([
      'us-east/search:warning',
      'us-east/ui:ok',
      'us-east/index:ok',
      'eu-west/search:ok',
      'eu-west/ui:ok',
      'eu-west/index:violation',
    ]);
  });

  it('looks train names up by index', () => {
    expect(view.trainName(45)).toBe('2026.45');
    expect(view.trainName(99)).toBeUndefined();
    expect(trainName(states, 47)).toBe('2026.47');
  });
});
