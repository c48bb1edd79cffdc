import { z } from 'zod';
import { call } from './define.ts';

export const HostKind = z.enum(['electron', 'web']);
export type HostKind = z.infer<typeof HostKind>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: HostKind,
  platform: z.string(),
  /** OS user name, recorded as the actor of audited actions. */
  user: z.string(),
  workstation: z.string(),
  dataDir: z.string(),
  startedAt: z.iso.datetime(),
  readOnly: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const ThemePreference = z.enum(['system', 'dark', 'light']);
export type ThemePreference = z.infer<typeof ThemePreference>;

export const Settings = z.object({
  theme: ThemePreference,
  /** Display name recorded next to the OS user in the audit trail. */
  displayName: z.string().max(120),
  /** How old region data may get before the status bar flags it as stale. */
  staleAfterSeconds: z.number().int().min(5).max(3600),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = { theme: 'system', displayName: '', staleAfterSeconds: 30 };

export const appCalls = {
  'app.info': call({ kind: 'query', summary: 'Name, version, host kind and actor of this console', input: z.object({}), output: AppInfo }),
  'settings.get': call({ kind: 'query', summary: 'Current user settings', input: z.object({}), output: Settings }),
  'settings.set': call({
    kind: 'setting',
    summary: 'Change some user settings; returns all settings',
    input: Settings.partial().strict(),
    output: Settings,
  }),
};
