import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openHistoryStore } from '../../../electron/history/index.ts';
import { ViolationEpisodeRecorder } from '../../../electron/services/report-episodes.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { violation } from '../../unit/report/report-inputs.ts';

const V = (id: string) => violation(id, '2026-11-27T10:00:00.000Z', [{ component: 'api', version: '1.1.0', train: 2 }], [2]);
const t = (minutes: number) => new Date(Date.parse('2026-11-27T10:00:00.000Z') + minutes * 60_000).toISOString();

describe('violation episodes in history.sqlite', () => {
  const dirs: Array<Awaited<ReturnType<typeof tempDir>>> = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await d.remove();
  });

  it('survive a restart: a violation still found continues its episode, one gone ends at its last sighting', async () => {
    const dir = await tempDir('report-episodes');
    dirs.push(dir);
    const file = join(dir.path, 'history.sqlite');

    let store = openHistoryStore(file);
    let recorder = new ViolationEpisodeRecorder(store, t(0));
    recorder.observe([V('a'), V('b')], t(0));
    recorder.observe([V('a'), V('b')], t(5));
    recorder.observe([V('a')], t(10)); // b resolved at 10
    recorder.observe([V('a'), V('c')], t(20));
    recorder.flush();
    store.close();

    // A new console on the same file: a is still found, c no longer.
    store = openHistoryStore(file);
    recorder = new ViolationEpisodeRecorder(store, t(60));
    recorder.observe([V('a')], t(60));
    const episodes = recorder.list();
    const byId = new Map(episodes.map((e) => [e.violationId, e]));
    expect(byId.get('a')).toMatchObject({ firstSeen: '2026-11-27T10:00:00.000Z', lastSeen: t(60), resolvedAt: null });
    expect(byId.get('b')).toMatchObject({ lastSeen: t(5), resolvedAt: t(10) });
    expect(byId.get('c')).toMatchObject({ lastSeen: t(20), resolvedAt: t(20) });
    expect(recorder.recordedSince()).toBe('2026-11-27T10:00:00.000Z');
    store.close();

    // What is on disk (read back by a third store) matches.
    store = openHistoryStore(file);
    const stored = new Map(store.episodes().map((e) => [e.violationId, e]));
    expect(stored.get('b')?.resolvedAt).toBe(t(10));
    expect(stored.get('c')?.resolvedAt).toBe(t(20));
    expect(store.openEpisodes().map((e) => e.violationId)).toEqual(['a']);
    store.close();
  });

  it('are capped: the oldest beyond the cap and those resolved past retention are pruned', async () => {
    const dir = await tempDir('report-episodes-cap');
    dirs.push(dir);
    let nowMs = Date.parse(t(0));
    const store = openHistoryStore(join(dir.path, 'history.sqlite'), { maxEpisodes: 2, retainEpisodesMs: 30 * 60_000, now: () => nowMs });
    const recorder = new ViolationEpisodeRecorder(store, t(0));
    for (let i = 0; i < 6; i++) {
      recorder.observe([V(`v${i}`)], t(i * 10));
      recorder.observe([], t(i * 10 + 5));
    }
    nowMs = Date.parse(t(60));
    store.prune();
    // Resolved at 35, 45 and 55 are within 30 min of 60 (retention drops the rest); the cap of 2 then drops the oldest of them.
    expect(store.episodes().map((e) => e.violationId).sort()).toEqual(['v4', 'v5']);
    store.close();
  });
});
