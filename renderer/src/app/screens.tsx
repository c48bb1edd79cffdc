import type { ReactNode } from 'react';
import { OverviewScreen } from '../screens/OverviewScreen.tsx';
import { SettingsScreen } from '../screens/SettingsScreen.tsx';
import type { Route, ScreenId } from './routes.ts';
import type { Shortcut } from './shortcuts.ts';

export interface ScreenDef {
  id: ScreenId;
  title: string;
  route: Route;
  shortcut: Shortcut;
  render(route: Route): ReactNode;
}

export const SCREENS: readonly ScreenDef[] = [
  { id: 'overview', title: 'Fleet overview', route: { screen: 'overview' }, shortcut: { key: '1', alt: true }, render: () => <OverviewScreen /> },
  { id: 'settings', title: 'Settings', route: { screen: 'settings' }, shortcut: { key: ',', mod: true }, render: () => <SettingsScreen /> },
];
