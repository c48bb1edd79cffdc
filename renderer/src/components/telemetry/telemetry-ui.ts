import { create } from 'zustand';
import type { TelemetryRange } from '../../../../shared/contract/telemetry.ts';

interface TelemetryUiState {
  /** One range for the Signals table and every chart (15 min by default: what is happening now); switching screens keeps it. */
  range: TelemetryRange;
  /** The region whose chart a component page shows, per component (set by links from alerts and the Signals table). */
  chartRegion: Record<string, string>;
  /** The Signals table row whose chart is open (its key). */
  selectedRow: string | null;
  setRange(range: TelemetryRange): void;
  setChartRegion(component: string, region: string): void;
  setSelectedRow(key: string | null): void;
}

export const useTelemetryUi = create<TelemetryUiState>((set) => ({
  range: '15m',
  chartRegion: {},
  selectedRow: null,
  setRange(range) {
    set({ range });
  },
  setChartRegion(component, region) {
    set((s) => ({ chartRegion: { ...s.chartRegion, [component]: region } }));
  },
  setSelectedRow(selectedRow) {
    set({ selectedRow });
  },
}));
