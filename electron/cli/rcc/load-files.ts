import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { FleetState } from '../../../shared/protocol/index.ts';
import { InputProblem, type SourcedState } from './sources.ts';
import { describeIssues } from './zod-issues.ts';

/** Reads JSON documents: each a FleetState or an array of them. Every problem names file and field. */
export async function loadFleetFiles(files: readonly string[]): Promise<SourcedState[]> {
  const out: SourcedState[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const json = await readJson(file).catch((error: unknown) => {
      problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    if (json === undefined) continue;
    const documents = Array.isArray(json) ? json.map((doc, i) => ({ doc, prefix: [i] })) : [{ doc: json, prefix: [] }];
    for (const { doc, prefix } of documents) {
      const parsed = FleetState.safeParse(doc);
      if (parsed.success) out.push({ state: parsed.data, label: file, prefix });
      else problems.push(...describeIssues(parsed.error, prefix).map((line) => `${file}: ${line}`));
    }
  }
  if (problems.length > 0) throw new InputProblem(problems);
  return out;
}

/** Reads and validates one JSON file against `schema`. */
export async function loadJsonFile<S extends z.ZodType>(file: string, schema: S): Promise<z.output<S>> {
  const json = await readJson(file).catch((error: unknown) => {
    throw new InputProblem([`${file}: ${error instanceof Error ? error.message : String(error)}`]);
  });
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new InputProblem(describeIssues(parsed.error).map((line) => `${file}: ${line}`));
  return parsed.data;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'unknown error'})`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}
