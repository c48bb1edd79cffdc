import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, loadPolicy, policyFor, type PolicyFile } from '../../../electron/services/policy.ts';
import { auditSettingChanges, AUDITED_ACTION_CALLS } from '../../../electron/services/setting-audit.ts';
import { callNames, calls } from '../../../shared/contract/index.ts';
import { tempDir } from '../../support/temp-dir.ts';

describe('policy', () => {
  it('the default: production rollbacks need a ticket and a typed confirmation; a toggle needs no ticket', () => {
    expect(policyFor(DEFAULT_POLICY, 'component.rollback', 'eu-west', 'production', 'search')).toEqual({
      ticketRequired: true,
      ticketPattern: '^[A-Z][A-Z0-9]+-\\d+$',
      typedConfirmation: 'search',
      cooldownSeconds: 60,
      breakGlassAllowed: true,
    });
    expect(policyFor(DEFAULT_POLICY, 'toggle.set', 'eu-west', 'production', 'new-viewer')).toMatchObject({ ticketRequired: false, typedConfirmation: 'new-viewer' });
    expect(policyFor(DEFAULT_POLICY, 'toggle.set', 'eu-west', 'staging', 'new-viewer')).toMatchObject({ ticketRequired: false, typedConfirmation: null, cooldownSeconds: 30 });
  });

  it('the first matching rule wins, field by field over the default', () => {
    const policy: PolicyFile = {
      default: { ticketRequired: false, ticketPattern: null, typedConfirmation: false, cooldownSeconds: 5, breakGlassAllowed: false },
      rules: [
        { regions: ['eu-west'], actions: ['rollout.abort'], ticketRequired: true },
        { regions: ['eu-west'], cooldownSeconds: 600 },
      ],
    };
    expect(policyFor(policy, 'rollout.abort', 'eu-west', 'production', 'r1')).toMatchObject({ ticketRequired: true, cooldownSeconds: 5, breakGlassAllowed: false });
    expect(policyFor(policy, 'rollout.pause', 'eu-west', 'production', 'r1')).toMatchObject({ ticketRequired: false, cooldownSeconds: 600 });
    expect(policyFor(policy, 'rollout.abort', 'us-east', 'production', 'r1')).toMatchObject({ ticketRequired: false, cooldownSeconds: 5 });
  });

  it('policy.json is validated on load, naming the file and the field', async () => {
    const dir = await tempDir('policy');
    try {
      expect(await loadPolicy(dir.path)).toBe(DEFAULT_POLICY);
      await writeFile(join(dir.path, 'policy.json'), JSON.stringify({ ...DEFAULT_POLICY, rules: [{ actions: ['reboot.everything'] }] }));
      await expect(loadPolicy(dir.path)).rejects.toThrow(/policy\.json: rules\[0\]\.actions\[0\]/);
      await writeFile(join(dir.path, 'policy.json'), JSON.stringify({ ...DEFAULT_POLICY, default: { ...DEFAULT_POLICY.default, ticketPattern: '([' } }));
      await expect(loadPolicy(dir.path)).rejects.toThrow(/ticketPattern: not a valid regular expression/);
    } finally {
      await dir.remove();
    }
  });
});

describe('audited calls', () => {
  it('every action call of the contract has an audit path', () => {
    expect(callNames.filter((n) => calls[n].kind === 'action').sort()).toEqual([...AUDITED_ACTION_CALLS].sort());
  });

  it('a setting call is refused, not applied, when the audit store is unavailable', async () => {
    let applied = false;
    const handlers = Object.fromEntries(callNames.map((n) => [n, async () => { applied = true; return {}; }]));
    const wrapped = auditSettingChanges(handlers as never, { audit: null, auditProblem: 'disk full', actor: () => ({ user: 'u', displayName: '', workstation: 'w' }), bus: { emit() {} } as never, before: {} });
    await expect(wrapped['settings.set']({ theme: 'dark' })).rejects.toThrow(/not changed, because the audit store cannot be written \(disk full\)/);
    expect(applied).toBe(false);
    await wrapped['settings.get']({});
    expect(applied).toBe(true); // queries are not audited
  });
});
