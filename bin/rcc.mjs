#!/usr/bin/env node
// rcc — compatibility checks from the command line. The CLI is TypeScript; tsx loads it.
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/rcc/cli.ts');
