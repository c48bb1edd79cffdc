import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toYaml } from './to-yaml.ts';

/** `npx tsx demo-fleet/tools/write-openapi-yaml.ts`: regenerate docs/openapi.yaml from docs/openapi.json. */
export const OPENAPI_JSON = resolve(import.meta.dirname, '../../docs/openapi.json');
export const OPENAPI_YAML = resolve(import.meta.dirname, '../../docs/openapi.yaml');
export const YAML_HEADER = '# Generated from docs/openapi.json (the canonical file) by demo-fleet/tools/write-openapi-yaml.ts — do not edit.\n';

export function renderOpenApiYaml(): string {
  return toYaml(JSON.parse(readFileSync(OPENAPI_JSON, 'utf8')) as unknown, YAML_HEADER);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(OPENAPI_YAML, renderOpenApiYaml());
  console.log(`wrote ${OPENAPI_YAML}`);
}
