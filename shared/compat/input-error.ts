import { formatPath } from './format.ts';
import type { CompatInputError, InputEntity } from './schemas.ts';

export function inputError(
  region: string,
  entity: InputEntity,
  entityId: string,
  path: readonly (string | number)[],
  message: string,
): CompatInputError {
  return { region, entity, entityId, path: [...path], field: formatPath(path), message };
}

/** One line per error: `eu-west: instances[3].version: version "9.9" of search is not in componentVersions`. */
export function describeInputError(error: CompatInputError, source = error.region): string {
  return `${source}: ${error.field}: ${error.message}`;
}
