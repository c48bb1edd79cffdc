import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const Pkg = z.object({ version: z.string() });

export const APP_NAME = 'Release Control Console';
export const APP_VERSION: string = Pkg.parse(
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')),
).version;
