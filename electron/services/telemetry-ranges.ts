import type { TelemetryRange } from '../../shared/contract/index.ts';

export const RANGE_SECONDS: Readonly<Record<TelemetryRange, number>> = {
  '15m': 900,
  '1h': 3_600,
  '6h': 21_600,
  '24h': 86_400,
  '7d': 604_800,
};
