import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TelemetryRange } from '../../../../shared/contract/telemetry.ts';
import type { Signal } from '../../../../shared/protocol/index.ts';
import { useApiClient } from '../../api/context.tsx';
import { queryKey, useCall } from '../../api/hooks.ts';
import { markOnce } from '../../lib/perf-marks.ts';

/**
 * Telemetry follows its own clock (the sources scrape every few seconds), not the fleet's change
 * stream: queries refresh on an interval and are fresh for a while, so switching screens does not
 * re-query and a busy fleet does not either.
 */
export const TELEMETRY_REFRESH_MS = 15_000;
const options = { refetchInterval: TELEMETRY_REFRESH_MS, staleTime: 10_000, placeholderData: keepPreviousData } as const;

/** Chart widths are asked in steps of this many pixels, so a resize by a few pixels does not re-query. */
export const WIDTH_STEP_PX = 50;
export const widthBucket = (px: number) => Math.max(WIDTH_STEP_PX, Math.min(4_000, Math.round(px / WIDTH_STEP_PX) * WIDTH_STEP_PX));

export function useSignals(range: TelemetryRange) {
  return useCall('telemetry.signals', { range }, options);
}

export function useChart(region: string, component: string, range: TelemetryRange, widthPx: number, signals: readonly Signal[]) {
  const { api } = useApiClient();
  const input = { region, component, range, widthPx: widthBucket(widthPx), signals: [...signals] };
  return useQuery({
    queryKey: queryKey('telemetry.chart', input),
    queryFn: async () => {
      const data = await api['telemetry.chart'](input);
      // The chart benchmark measures from here (data in the page) to the painted chart.
      markOnce(`rcc:chart:${range}:data`);
      return data;
    },
    ...options,
    enabled: widthPx > 0,
  });
}

export function useJudgements(input: { region?: string; component?: string }) {
  return useCall('telemetry.judgements', input, options);
}
