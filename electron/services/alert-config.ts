import { join } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../../shared/zod-issues.ts';
import { DEFAULT_ALERT_THRESHOLDS, type AlertThresholds } from '../../shared/telemetry/alert-rules.ts';
import { ConsoleError } from '../common/console-error.ts';
import { parseJsonFile, readTextFile } from '../common/data-files.ts';

export const ALERTS_FILE = 'alerts.json';

const Objective = z.number().gt(0.5).lt(1);

/** `<dataDir>/alerts.json`: thresholds of the alert rules and availability objectives per component. */
export const AlertConfigFile = z
  .object({
    thresholds: z
      .object({
        errorRatio: z.number().gt(0).max(1),
        errorVsBaselineFactor: z.number().gt(1).max(1_000),
        errorVsBaselineMinDelta: z.number().min(0).max(1),
        latencyP95Seconds: z.number().gt(0).max(3_600),
        latencyP95ByComponent: z.record(z.string().min(1), z.number().gt(0).max(3_600)),
        healthFailing: z.number().min(0).max(1),
        healthWarning: z.number().min(0).max(1),
        recentPoints: z.int().min(1).max(60),
      })
      .partial()
      .strict()
      .default({}),
    /** Availability objective for the SLO burn-rate alerts, e.g. 0.999. */
    defaultObjective: Objective.default(0.995),
    objectives: z.record(z.string().min(1), Objective).default({}),
    /** A region whose fleet data is older than this raises `data-stale`. */
    staleAfterSeconds: z.int().min(10).max(86_400).default(120),
  })
  .strict();

export interface AlertConfig {
  thresholds: AlertThresholds;
  defaultObjective: number;
  objectives: Record<string, number>;
  staleAfterSeconds: number;
}

export function alertConfigFrom(raw: unknown, where = ALERTS_FILE): AlertConfig {
  const parsed = AlertConfigFile.safeParse(raw);
  if (!parsed.success) {
    const { message, path } = describeZodError(parsed.error);
    throw new ConsoleError('validation', `${where}: ${message}`, { path });
  }
  const { thresholds, ...rest } = parsed.data;
  return { thresholds: { ...DEFAULT_ALERT_THRESHOLDS, ...thresholds }, ...rest };
}

export async function loadAlertConfig(dataDir: string): Promise<AlertConfig> {
  const file = join(dataDir, ALERTS_FILE);
  const text = await readTextFile(file);
  return alertConfigFrom(text === null ? {} : parseJsonFile(file, text), file);
}
