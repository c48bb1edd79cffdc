import { formatPath, type CompatInputError } from '../../../shared/compat/index.ts';
import type { SourcedState } from './sources.ts';

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Engine input errors located in their source: `us-east.json: instances[3].version: …`. */
export function compatErrorLines(errors: readonly CompatInputError[], sources: readonly SourcedState[], actionFile?: string): string[] {
  return errors.map((error) => {
    if (error.entity === 'action' && actionFile) return `${actionFile}: ${error.field}: ${error.message}`;
    const source = sources.find((s) => s.state.region.id === error.region);
    if (!source) return `${error.region}: ${error.field}: ${error.message}`;
    return `${source.label}: ${formatPath([...source.prefix, ...error.path])}: ${error.message}`;
  });
}
