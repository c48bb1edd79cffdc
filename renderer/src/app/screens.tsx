import { lazy, Suspense, type ReactNode } from 'react';
import { AlertsScreen } from '../screens/AlertsScreen.tsx';
import { CompareScreen } from '../screens/CompareScreen.tsx';
import { OverviewScreen } from '../screens/OverviewScreen.tsx';
import { ReportScreen } from '../screens/ReportScreen.tsx';
import { SettingsScreen } from '../screens/SettingsScreen.tsx';
import { SkewScreen } from '../screens/SkewScreen.tsx';
import { TogglesScreen } from '../screens/TogglesScreen.tsx';
import { TrainsScreen } from '../screens/TrainsScreen.tsx';
import { ViolationsScreen } from '../screens/ViolationsScreen.tsx';
import type { Route, ScreenId } from './routes.ts';
import type { Shortcut } from './shortcuts.ts';

// The component page carries the charting library; load it when first opened.
const ComponentScreen = lazy(() => import('../screens/ComponentScreen.tsx').then((m) => ({ default: m.ComponentScreen })));
// The audit screen carries the table library; load it when first opened.
const AuditScreen = lazy(() => import('../screens/AuditScreen.tsx').then((m) => ({ default: m.AuditScreen })));
// The cadence screen carries the charting library too.
const CadenceScreen = lazy(() => import('../screens/CadenceScreen.tsx').then((m) => ({ default: m.CadenceScreen })));
// The signals screen carries the charting library too.
const SignalsScreen = lazy(() => import('../screens/SignalsScreen.tsx').then((m) => ({ default: m.SignalsScreen })));

export interface ScreenDef {
  id: ScreenId;
  title: string;
  route: Route;
  /** Screens reached only through links (a component page) have no navigation entry. */
  inNav: boolean;
  shortcut?: Shortcut;
  render(route: Route): ReactNode;
}

export const SCREENS: readonly ScreenDef[] = [
  { id: 'overview', title: 'Fleet overview', route: { screen: 'overview' }, inNav: true, shortcut: { key: '1', alt: true }, render: () => <OverviewScreen /> },
  { id: 'skew', title: 'Skew matrix', route: { screen: 'skew' }, inNav: true, shortcut: { key: '2', alt: true }, render: () => <SkewScreen /> },
  { id: 'violations', title: 'Violations', route: { screen: 'violations' }, inNav: true, shortcut: { key: '3', alt: true }, render: () => <ViolationsScreen /> },
  { id: 'toggles', title: 'Toggles', route: { screen: 'toggles' }, inNav: true, shortcut: { key: '4', alt: true }, render: () => <TogglesScreen /> },
  {
    id: 'audit',
    title: 'Audit',
    route: { screen: 'audit' },
    inNav: true,
    shortcut: { key: '5', alt: true },
    render: (route) => (
      <Suspense fallback={<p aria-busy="true">Loading…</p>}>
        <AuditScreen initialSeq={route.screen === 'audit' ? route.seq : undefined} />
      </Suspense>
    ),
  },
  {
    id: 'signals',
    title: 'Signals',
    route: { screen: 'signals' },
    inNav: true,
    shortcut: { key: '6', alt: true },
    render: () => (
      <Suspense fallback={<p aria-busy="true">Loading…</p>}>
        <SignalsScreen />
      </Suspense>
    ),
  },
  { id: 'alerts', title: 'Alerts', route: { screen: 'alerts' }, inNav: true, shortcut: { key: '7', alt: true }, render: () => <AlertsScreen /> },
  { id: 'trains', title: 'Trains', route: { screen: 'trains' }, inNav: true, shortcut: { key: '8', alt: true }, render: () => <TrainsScreen /> },
  {
    id: 'cadence',
    title: 'Cadence',
    route: { screen: 'cadence' },
    inNav: true,
    shortcut: { key: '9', alt: true },
    render: () => (
      <Suspense fallback={<p aria-busy="true">Loading…</p>}>
        <CadenceScreen />
      </Suspense>
    ),
  },
  {
    id: 'component',
    title: 'Component',
    route: { screen: 'skew' },
    inNav: false,
    render: (route) =>
      route.screen === 'component' ? (
        <Suspense fallback={<p aria-busy="true">Loading…</p>}>
          <ComponentScreen componentId={route.component} />
        </Suspense>
      ) : null,
  },
  {
    id: 'report',
    title: 'Board report',
    route: { screen: 'report' },
    inNav: false,
    render: (route) =>
      // Not loaded lazily: a lazy chunk sharing the contract with the entry made the bundler split zod
      // into a chunk evaluated before main.tsx turns zod's JIT off (a CSP eval violation).
      route.screen === 'report' ? <ReportScreen train={route.train} print={route.print ?? false} /> : null,
  },
  {
    id: 'compare',
    title: 'Compare snapshots',
    route: { screen: 'compare' },
    inNav: true,
    render: () => <CompareScreen />,
  },
  { id: 'settings', title: 'Settings', route: { screen: 'settings' }, inNav: true, shortcut: { key: ',', mod: true }, render: () => <SettingsScreen /> },
];
