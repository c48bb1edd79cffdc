import { useEffect } from 'react';
import { ActionDialog } from '../components/actions/ActionDialog.tsx';
import { CommandPalette } from '../components/CommandPalette.tsx';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { StatusBar } from '../components/StatusBar.tsx';
import { SnapshotBanner } from '../components/snapshots/SnapshotBanner.tsx';
import { SnapshotControls } from '../components/snapshots/SnapshotControls.tsx';
import { useActionDialog } from '../state/action-dialog.ts';
import { useUi } from '../state/ui-store.ts';
import { useCommands } from './commands.ts';
import { SCREENS } from './screens.tsx';
import { describe, matches } from './shortcuts.ts';
import { routeToHash as routeKey } from './routes.ts';
import { useApplyTheme, useThemePreference } from './theme.ts';
import { useRegions } from './use-regions.ts';

/** `data-app-state` on the shell: `loaded` once the first region list has arrived (what tests and probes wait for). */
export type AppState = 'loading' | 'loaded' | 'error';

export function Shell() {
  const route = useUi((s) => s.route);
  const navigate = useUi((s) => s.navigate);
  const syncFromHash = useUi((s) => s.syncFromHash);
  const setPaletteOpen = useUi((s) => s.setPaletteOpen);
  const resolvedTheme = useApplyTheme();
  const { theme, setTheme } = useThemePreference();
  const commands = useCommands();
  const regions = useRegions();
  const appState: AppState = regions.data !== undefined ? 'loaded' : regions.isError ? 'error' : 'loading';

  useEffect(() => {
    const onHash = () => syncFromHash(window.location.hash);
    window.addEventListener('hashchange', onHash);
    // A hash set after the store read it but before this listener existed (the PDF printer, or a
    // link followed while the shell was still mounting) would otherwise be missed for good.
    onHash();
    return () => window.removeEventListener('hashchange', onHash);
  }, [syncFromHash]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // The confirmation is modal: no shortcut acts behind it.
      if (useActionDialog.getState().session) return;
      if (matches({ key: 'k', mod: true }, event)) {
        event.preventDefault();
        setPaletteOpen(!useUi.getState().paletteOpen);
        return;
      }
      if (useUi.getState().paletteOpen) return;
      const command = commands.find((c) => c.shortcut && matches(c.shortcut, event));
      if (command) {
        event.preventDefault();
        command.run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands, setPaletteOpen]);

  const screen = SCREENS.find((s) => s.id === route.screen) ?? SCREENS[0]!;
  // A PDF printer loads the report alone: no navigation, status bar or dialogs.
  if (route.screen === 'report' && route.print) {
    return (
      <div className="print-shell" data-app-state={appState} data-theme-resolved={resolvedTheme}>
        <ErrorBoundary label={screen.title}>{screen.render(route)}</ErrorBoundary>
      </div>
    );
  }
  return (
    <div className="shell" data-app-state={appState} data-theme-resolved={resolvedTheme}>
      <a className="skip-link" href="#main">Skip to content</a>
      <nav className="sidebar" aria-label="Screens">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">◆</span> Release Control
        </div>
        <ul>
          {SCREENS.filter((s) => s.inNav).map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className={s.id === route.screen ? 'nav-item active' : 'nav-item'}
                aria-current={s.id === route.screen ? 'page' : undefined}
                onClick={() => navigate(s.route)}
              >
                <span>{s.title}</span>
                {s.shortcut && <kbd>{describe(s.shortcut)}</kbd>}
              </button>
            </li>
          ))}
        </ul>
        <div className="sidebar-footer">
          <SnapshotControls />
          <button type="button" className="nav-item" onClick={() => setPaletteOpen(true)}>
            <span>Command palette</span>
            <kbd>{describe({ key: 'k', mod: true })}</kbd>
          </button>
          <label className="theme-switch">
            Theme
            <select aria-label="Theme" value={theme} onChange={(e) => setTheme(e.target.value as typeof theme)}>
              <option value="system">System</option>
              <option value="dark">Dark</option>
              <option value="light">Light</option>
            </select>
          </label>
        </div>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        <SnapshotBanner />
        <ErrorBoundary label={screen.title} key={routeKey(route)}>
          {screen.render(route)}
        </ErrorBoundary>
      </main>
      <StatusBar />
      <CommandPalette commands={commands} />
      <ActionDialog />
    </div>
  );
}
