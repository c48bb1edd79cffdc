import { join } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../../shared/zod-issues.ts';
import { ConsoleError } from '../common/console-error.ts';
import { parseJsonFile, readTextFile } from '../common/data-files.ts';

export const CADENCE_FILE = 'cadence.json';

/** `<dataDir>/cadence.json`: the weekly release target per region (default one a week). */
export const CadenceConfigFile = z
  .object({
    weeklyTarget: z.int().min(1).max(14).default(1),
  })
  .strict();
export type CadenceConfig = z.infer<typeof CadenceConfigFile>;

export function cadenceConfigFrom(raw: unknown, where = CADENCE_FILE): CadenceConfig {
  const parsed = CadenceConfigFile.safeParse(raw);
  if (!parsed.success) {
    const { message, path } = describeZodError(parsed.error);
    throw new ConsoleError('validation', `${where}: ${message}`, { path });
  }
  return parsed.data;
}

export async function loadCadenceConfig(dataDir: string): Promise<CadenceConfig> {
  const file = join(dataDir, CADENCE_FILE);
  const text = await readTextFile(file);
  return cadenceConfigFrom(text === null ? {} : parseJsonFile(file, text), file);
}
