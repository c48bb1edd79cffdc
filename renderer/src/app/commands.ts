import { useMemo } from 'react';
import type { ThemePreference } from '../../../shared/contract/index.ts';
import { useUi } from '../state/ui-store.ts';
import { SCREENS } from './screens.tsx';
import type { Shortcut } from './shortcuts.ts';
import { useThemePreference } from './theme.ts';

export interface Command {
  id: string;
  title: string;
  group: 'Go to' | 'View' | 'Actions';
  shortcut?: Shortcut;
  run(): void;
}

const NEXT_THEME: Record<ThemePreference, ThemePreference> = { system: 'dark', dark: 'light', light: 'system' };

/** Every command the palette lists; the keyboard handler runs the ones with shortcuts. */
export function useCommands(): Command[] {
  const navigate = useUi((s) => s.navigate);
  const { theme, setTheme } = useThemePreference();
  return useMemo<Command[]>(
    () => [
      ...SCREENS.filter((screen) => screen.inNav).map((screen) => ({
        id: `go.${screen.id}`,
        title: screen.title,
        group: 'Go to' as const,
        shortcut: screen.shortcut,
        run: () => navigate(screen.route),
      })),
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
      { id: 'view.reload', title: 'Reload data', group: 'View', shortcut: { key: 'r', mod: true, shift: true }, run: () => window.dispatchEvent(new Event('rcc:reload')) },
    ],
    [navigate, setTheme, theme],
  );
}
