import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertConfigFrom, ALERTS_FILE, loadAlertConfig } from '../../../electron/services/alert-config.ts';
import { alertNotifications } from '../../../electron/host/alert-notifications.ts';
import type { Alert } from '../../../shared/contract/index.ts';

describe('alerts.json', () => {
  it('defaults when absent; overrides merge over the defaults', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rcc-alert-config-'));
    try {
      const defaults = await loadAlertConfig(dir);
      expect(defaults.defaultObjective).toBe(0.995);
      expect(defaults.thresholds.errorRatio).toBe(0.05);
      await writeFile(join(dir, ALERTS_FILE), JSON.stringify({ thresholds: { latencyP95ByComponent: { 'ocr-worker': 30 } }, objectives: { 'document-store': 0.999 } }));
      const custom = await loadAlertConfig(dir);
      expect(custom.thresholds.latencyP95ByComponent).toEqual({ 'ocr-worker': 30 });
      expect(custom.thresholds.errorRatio).toBe(0.05);
      expect(custom.objectives['document-store']).toBe(0.999);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad value naming the file and the field', () => {
    expect(() => alertConfigFrom({ objectives: { search: 1 } }, '/data/alerts.json')).toThrow(/alerts\.json.*objectives\.search|objectives/);
    expect(() => alertConfigFrom({ thresholds: { errorRatio: -1 } })).toThrow(/errorRatio/);
    expect(() => alertConfigFrom({ thresholdz: {} })).toThrow();
  });
});

function alert(patch: Partial<Alert>): Alert {
  const at = '2026-11-29T10:00:00.000Z';
  return { id: 'k|' + at, rule: 'error-vs-baseline', severity: 'critical', state: 'active', region: 'us-east', component: 'search', version: '2.1.0', title: 'search 2.1.0: error ratio 8 %', firstSeen: at, lastSeen: at, resolvedAt: null, acknowledged: null, evidence: null, suggestion: null, ...patch };
}

describe('desktop notifications', () => {
  it('one per critical alert just raised, with its first response', () => {
    const suggestion = { step: 'toggle-off' as const, summary: 'Turn off toggle x', action: null, whatIf: null, component: 'search' };
    const notes = alertNotifications({
      counts: { active: 3, acknowledged: 0, critical: 2 },
      changed: [alert({ suggestion }), alert({ severity: 'warning' }), alert({ lastSeen: '2026-11-29T10:05:00.000Z' }), alert({ state: 'resolved' })],
    });
    expect(notes).toEqual([{ title: 'Critical alert in us-east', body: 'search 2.1.0: error ratio 8 %\nFirst response: Turn off toggle x' }]);
  });
});
