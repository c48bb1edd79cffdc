import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { ThemePreference } from '../../../shared/contract/index.ts';
import { useCall, useCallMutation } from '../api/hooks.ts';
import { useUi } from '../state/ui-store.ts';

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function useSystemDark(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const query = darkQuery();
      query.addEventListener('change', notify);
      return () => query.removeEventListener('change', notify);
    },
    () => darkQuery().matches,
  );
}

/** The theme preference lives in settings (persisted) and mirrors into UI state for instant switching. */
export function useThemePreference(): { theme: ThemePreference; setTheme(theme: ThemePreference): void } {
  const theme = useUi((s) => s.theme);
  const setLocal = useUi((s) => s.setTheme);
  const save = useCallMutation('settings.set', ['settings.get']);
  const setTheme = useCallback(
    (next: ThemePreference) => {
      setLocal(next);
      save.mutate({ theme: next });
    },
    [setLocal, save],
  );
  return { theme, setTheme };
}

/** Loads the saved preference once and applies the resolved theme to <html data-theme>. */
export function useApplyTheme(): 'dark' | 'light' {
  const settings = useCall('settings.get', {});
  const theme = useUi((s) => s.theme);
  const setLocal = useUi((s) => s.setTheme);
  const systemDark = useSystemDark();
  const saved = settings.data?.theme;
  useEffect(() => {
    if (saved) setLocal(saved);
  }, [saved, setLocal]);
  const resolved = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    document.documentElement.style.colorScheme = resolved;
  }, [resolved]);
  return resolved;
}
