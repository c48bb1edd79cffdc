import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ThemePreference } from '../../../shared/contract/index.ts';
import { useApiClient } from '../api/context.tsx';
import { useCall } from '../api/hooks.ts';
import { backToLive, chooseAndOpen, takeSnapshot } from '../components/snapshots/snapshot-actions.ts';
import { OPEN_INPUT_ID, TAKE_SHORTCUT } from '../components/snapshots/SnapshotControls.tsx';
import { useReadOnly } from '../components/snapshots/use-read-only.ts';
import { useUi } from '../state/ui-store.ts';
import { SCREENS } from './screens.tsx';
import type { Shortcut } from './shortcuts.ts';
import { useThemePreference } from './theme.ts';

/** A second palette page listing choices (the palette stays open on it instead of running `run`). */
export type PickerId = 'toggle-off' | 'rollback';

export interface Command {
  id: string;
  title: string;
  group: 'Go to' | 'Actions' | 'Snapshots' | 'View' | 'Components';
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
  const { api } = useApiClient();
  const readOnly = useReadOnly();
  const snapshot = useCall('snapshots.info', {}, { staleTime: Infinity });
  const showing = Boolean(snapshot.data);
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
      // A snapshot is read-only: no action is offered.
      ...(readOnly
        ? []
        : [
            { id: 'action.toggle-off', title: 'Toggle off…', group: 'Actions' as const, picker: 'toggle-off' as const, run: () => navigate({ screen: 'toggles' }) },
            { id: 'action.rollback', title: 'Roll back…', group: 'Actions' as const, picker: 'rollback' as const, run: () => navigate({ screen: 'skew' }) },
          ]),
      ...(showing
        ? [{ id: 'snapshot.live', title: 'Back to live (leave the snapshot)', group: 'Snapshots' as const, run: () => void backToLive(api) }]
        : [{ id: 'snapshot.take', title: 'Take snapshot', group: 'Snapshots' as const, shortcut: TAKE_SHORTCUT, run: () => void takeSnapshot(api) }]),
      {
        id: 'snapshot.open',
        title: 'Open snapshot…',
        group: 'Snapshots',
        run: () => void chooseAndOpen(api).then((handled) => handled || document.getElementById(OPEN_INPUT_ID)?.click()),
      },
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
    [navigate, setTheme, theme, components.data, queryClient, api, readOnly, showing],
  );
}
