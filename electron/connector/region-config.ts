import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConsoleError } from '../core/console-error.ts';
import { RegionId } from '../../shared/contract/regions.ts';
import { formatPath, issuePath } from '../../shared/zod-issues.ts';

export const RegionConfig = z.object({
  id: RegionId,
  name: z.string().min(1).max(80),
  baseUrl: z.url({ protocol: /^https?$/ }).refine((u) => !u.endsWith('/'), 'no trailing slash'),
});
export type RegionConfig = z.infer<typeof RegionConfig>;

export const RegionsFile = z
  .object({ regions: z.array(RegionConfig).min(1) })
  .strict()
  .refine((f) => new Set(f.regions.map((r) => r.id)).size === f.regions.length, { message: 'region ids must be unique', path: ['regions'] });

/** Reads `regions.json`; null when absent (the console then runs on the embedded demo fleet). */
export async function loadRegionsFile(file: string): Promise<RegionConfig[] | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConsoleError('validation', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = RegionsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issuePath(issue);
    throw new ConsoleError('validation', `${file}: ${formatPath(path)}: ${issue?.message ?? 'invalid'}`, { path });
  }
  return parsed.data.regions;
}
