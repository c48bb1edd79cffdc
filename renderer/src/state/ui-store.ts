import { create } from 'zustand';
import type { ThemePreference } from '../../../shared/contract/index.ts';
import { parseRoute, routeToHash, type Route } from '../app/routes.ts';

interface UiState {
  route: Route;
  paletteOpen: boolean;
  theme: ThemePreference;
  skewView: 'matrix' | 'table';
  setSkewView(view: 'matrix' | 'table'): void;
  navigate(route: Route): void;
  syncFromHash(hash: string): void;
  setPaletteOpen(open: boolean): void;
  setTheme(theme: ThemePreference): void;
}

export const useUi = create<UiState>((set) => ({
  route: parseRoute(typeof window === 'undefined' ? '' : window.location.hash),
  paletteOpen: false,
  theme: 'system',
  skewView: 'matrix',
  setSkewView(skewView) {
    set({ skewView });
  },
  navigate(route) {
    const hash = routeToHash(route);
    if (window.location.hash !== hash) window.location.hash = hash;
    set({ route });
  },
  syncFromHash(hash) {
    const route = parseRoute(hash);
    set((state) => (routeToHash(state.route) === routeToHash(route) ? state : { route }));
  },
  setPaletteOpen(paletteOpen) {
    set({ paletteOpen });
  },
  setTheme(theme) {
    set({ theme });
  },
}));
