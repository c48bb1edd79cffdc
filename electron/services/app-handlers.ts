import { hostname, userInfo } from 'node:os';
import type { Handlers, HostKind } from '../../shared/contract/index.ts';
import { APP_NAME, APP_VERSION } from '../common/app-identity.ts';
import type { SettingsStore } from './settings-store.ts';

type AppHandlers = Pick<Handlers, 'app.info' | 'settings.get' | 'settings.set'>;

export function appHandlers(deps: { host: HostKind; dataDir: string; readOnly: boolean; settings: SettingsStore }): AppHandlers {
  const startedAt = new Date().toISOString();
  const user = osUserName();
  return {
    'app.info': async () => ({
      name: APP_NAME,
      version: APP_VERSION,
      host: deps.host,
      platform: `${process.platform}-${process.arch}`,
      user,
      workstation: hostname(),
      dataDir: deps.dataDir,
      startedAt,
      readOnly: deps.readOnly,
    }),
    'settings.get': async () => deps.settings.get(),
    'settings.set': async (patch) => deps.settings.update(patch),
  };
}

export function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
