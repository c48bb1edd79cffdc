import { z } from 'zod';
import { FleetState } from '../../../shared/protocol/index.ts';
import { Problems } from './problems.ts';
import { readTextCapped, ReadProblem } from './read-text.ts';
import { InputProblem, type SourcedState } from './sources.ts';
import { addIssues } from './zod-issues.ts';

export interface FileLimits {
  /** Largest file read (`--max-bytes`). */
  maxBytes: number;
  /** Most problems reported (`--max-problems`). */
  maxProblems: number;
}

/**
 * Reads JSON documents: each a FleetState or an array of them. Every problem names file and field.
 * Documents are validated one at a time; once `problems` is full the rest is only counted (a
 * non-object is one problem, known without validating) or skipped, and later files are not read.
 */
export async function loadFleetFiles(files: readonly string[], limits: FileLimits, problems: Problems): Promise<SourcedState[]> {
  const out: SourcedState[] = [];
  for (const file of files) {
    if (problems.full) {
      problems.skipped('file');
      continue;
    }
    let json: unknown;
    try {
      json = await readJson(file, limits.maxBytes);
    } catch (error) {
      if (!(error instanceof ReadProblem)) throw error;
      problems.add(`${file}: ${error.message}`);
      continue;
    }
    if (!Array.isArray(json)) {
      validate(json, file, [], problems, out);
      continue;
    }
    if (json.length === 0) problems.add(`${file}: the array holds no fleet state documents`);
    for (let i = 0; i < json.length; i++) {
      const doc: unknown = json[i];
      if (!problems.full) validate(doc, file, [i], problems, out);
      else if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) problems.omit(1); // "expected object"
      else problems.skipped('document');
    }
  }
  return out;
}

function validate(doc: unknown, file: string, prefix: (string | number)[], problems: Problems, out: SourcedState[]): void {
  const parsed = FleetState.safeParse(doc);
  if (parsed.success) out.push({ state: parsed.data, label: file, prefix });
  else addIssues(problems, file, parsed.error, prefix);
}

/** Reads and validates one JSON file against `schema`. */
export async function loadJsonFile<S extends z.ZodType>(file: string, schema: S, limits: FileLimits): Promise<z.output<S>> {
  let json: unknown;
  try {
    json = await readJson(file, limits.maxBytes);
  } catch (error) {
    if (error instanceof ReadProblem) throw new InputProblem([`${file}: ${error.message}`]);
    throw error;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = new Problems(limits.maxProblems);
  addIssues(problems, file, parsed.error);
  throw new InputProblem(problems.lines());
}

async function readJson(file: string, maxBytes: number): Promise<unknown> {
  const text = await readTextCapped(file, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ReadProblem(`not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}
