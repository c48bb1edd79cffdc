import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ThemePreference } from '../../../shared/contract/index.ts';
import { useCall } from '../api/hooks.ts';
import { useUi } from '../state/ui-store.ts';
import { SCREENS } from './screens.tsx';
import type { Shortcut } from './shortcuts.ts';
import { useThemePreference } from './theme.ts';

/** A second palette page listing choices (the palette stays open on it instead of running `run`). */
export type PickerId = 'toggle-off' | 'rollback';

export interface Command {
  id: string;
  title: string;
  group: 'Go to' | 'Actions' | 'View' | 'Components';
  shortcut?: Shortcut;
  picker?: PickerId;
  run(): void;
}

const NEXT_THEME: Record<ThemePreference, ThemePreference> = { system: 'dark', dark: 'light', light: 'system' };

/** Every command the palette lists; the keyboard handler runs the ones with shortcuts. */
export function useCommands(): Command[] {
  const navigate = useUi((s) => s.navigate);
  const { theme, setTheme } = useThemePreference();
  const queryClient = useQueryClient();
  const components = useCall('fleet.components', {}, { staleTime: 60_000 });
  return useMemo<Command[]>(
    () => [
      ...SCREENS.filter((screen) => screen.inNav).map((screen) => ({
        id: `go.${screen.id}`,
        title: screen.title,
        group: 'Go to' as const,
        shortcut: screen.shortcut,
        run: () => navigate(screen.route),
      })),
      { id: 'go.report', title: 'Board report…', group: 'Go to', run: () => navigate({ screen: 'report' }) },
      { id: 'action.toggle-off', title: 'Toggle off…', group: 'Actions', picker: 'toggle-off', run: () => navigate({ screen: 'toggles' }) },
      { id: 'action.rollback', title: 'Roll back…', group: 'Actions', picker: 'rollback', run: () => navigate({ screen: 'skew' }) },
      {
        id: 'view.theme.cycle',
        title: `Switch theme (now ${theme}, next ${NEXT_THEME[theme]})`,
        group: 'View',
        shortcut: { key: 'l', mod: true, shift: true },
        run: () => setTheme(NEXT_THEME[theme]),
      },
      { id: 'view.theme.dark', title: 'Use dark theme', group: 'View', run: () => setTheme('dark') },
      { id: 'view.theme.light', title: 'Use light theme', group: 'View', run: () => setTheme('light') },
      { id: 'view.theme.system', title: 'Follow system theme', group: 'View', run: () => setTheme('system') },
      ...(components.data ?? []).map((c) => ({
        id: `component.${c.id}`,
        title: `Open component: ${c.name} (${c.tier})`,
        group: 'Components' as const,
        run: () => navigate({ screen: 'component', component: c.id }),
      })),
      { id: 'view.reload', title: 'Reload data', group: 'View', shortcut: { key: 'r', mod: true, shift: true }, run: () => void queryClient.invalidateQueries() },
    ],
    [navigate, setTheme, theme, components.data, queryClient],
  );
}
