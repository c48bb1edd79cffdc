import { formatPath, type CompatInputError } from '../../../shared/compat/index.ts';
import { Problems } from './problems.ts';
import type { SourcedState } from './sources.ts';

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Engine input errors located in their source: `us-east.json: instances[3].version: …`, capped at `limit` lines. */
export function compatErrorLines(errors: readonly CompatInputError[], sources: readonly SourcedState[], limit: number, actionFile?: string): string[] {
  const problems = new Problems(limit);
  for (const error of errors) {
    if (problems.full) {
      problems.omit(1);
      continue;
    }
    problems.add(locate(error, sources, actionFile));
  }
  return problems.lines();
}

function locate(error: CompatInputError, sources: readonly SourcedState[], actionFile: string | undefined): string {
  if (error.entity === 'action' && actionFile) return `${actionFile}: ${error.field}: ${error.message}`;
  const source = sources.find((s) => s.state.region.id === error.region);
  if (!source) return `${error.region}: ${error.field}: ${error.message}`;
  return `${source.label}: ${formatPath([...source.prefix, ...error.path])}: ${error.message}`;
}
