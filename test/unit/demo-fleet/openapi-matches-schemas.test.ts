import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as protocol from '../../../shared/protocol/index.ts';
import { RegionFaults } from '../../../demo-fleet/model/faults.ts';
import { FaultsControl, ScenarioControl } from '../../../demo-fleet/server/control-routes.ts';
import { renderOpenApiYaml } from '../../../demo-fleet/tools/write-openapi-yaml.ts';

type Schema = { [key: string]: unknown };
const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

const docPath = resolve(import.meta.dirname, '../../../docs/openapi.json');
const doc = JSON.parse(readFileSync(docPath, 'utf8')) as { openapi: string; paths: Schema; components: { schemas: Record<string, Schema> } };

function deref(s: Schema): Schema {
  const ref = s.$ref;
  if (typeof ref !== 'string') return s;
  const name = ref.replace('#/components/schemas/', '');
  const target = doc.components.schemas[name];
  if (!target) throw new Error(`dangling $ref ${ref}`);
  return deref(target);
}

/** `anyOf`/`oneOf` of one schema and `null`, unwrapped: [inner, nullable]. */
function unwrapNullable(s: Schema): [Schema, boolean] {
  const alts = (s.anyOf ?? s.oneOf) as unknown;
  if (Array.isArray(alts) && alts.length === 2) {
    const nonNull = alts.filter((a) => !(isSchema(a) && a.type === 'null'));
    if (nonNull.length === 1 && isSchema(nonNull[0])) return [nonNull[0], true];
  }
  return [s, false];
}

function variants(s: Schema): Schema[] | null {
  const alts = (s.oneOf ?? s.anyOf) as unknown;
  return Array.isArray(alts) ? alts.filter(isSchema) : null;
}

function discriminator(s: Schema): string {
  const props = deref(s).properties;
  const type = isSchema(props) && isSchema(props.type) ? props.type.const : undefined;
  return String(type);
}

const BOUNDS = ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems'] as const;

/** Compares property names, required fields, types, bounds, enums and consts, recursively. */
function compare(zodSide: Schema, apiSide: Schema, path: string, problems: string[]): void {
  const [zs, zNull] = unwrapNullable(deref(zodSide));
  const [as, aNull] = unwrapNullable(deref(apiSide));
  const z2 = deref(zs);
  const a2 = deref(as);
  if (zNull !== aNull) problems.push(`${path}: nullable ${zNull} in zod, ${aNull} in OpenAPI`);

  const zv = variants(z2);
  const av = variants(a2);
  if (zv || av) {
    if (!zv || !av) return void problems.push(`${path}: union in only one of zod / OpenAPI`);
    const byType = new Map(av.map((v) => [discriminator(v), v]));
    if (zv.length !== av.length) problems.push(`${path}: ${zv.length} variants in zod, ${av.length} in OpenAPI`);
    for (const v of zv) {
      const other = byType.get(discriminator(v));
      if (!other) problems.push(`${path}: variant ${discriminator(v)} missing from OpenAPI`);
      else compare(v, other, `${path}<${discriminator(v)}>`, problems);
    }
    return;
  }
  if (z2.type !== a2.type) problems.push(`${path}: type ${String(z2.type)} in zod, ${String(a2.type)} in OpenAPI`);
  if ('const' in z2 || 'const' in a2) {
    if (z2.const !== a2.const) problems.push(`${path}: const ${String(z2.const)} vs ${String(a2.const)}`);
  }
  for (const bound of BOUNDS) {
    const zb = z2[bound];
    const ab = a2[bound];
    // zod states the safe-integer range of every int; OpenAPI leaves it implicit.
    const implicit = (v: unknown) => v === undefined || v === Number.MAX_SAFE_INTEGER || v === Number.MIN_SAFE_INTEGER;
    if (!(implicit(zb) && implicit(ab)) && zb !== ab) problems.push(`${path}: ${bound} ${String(zb)} in zod, ${String(ab)} in OpenAPI`);
  }
  if (Array.isArray(z2.enum) || Array.isArray(a2.enum)) {
    const ze = [...((z2.enum as unknown[]) ?? [])].map(String).sort();
    const ae = [...((a2.enum as unknown[]) ?? [])].map(String).sort();
    if (ze.join('|') !== ae.join('|')) problems.push(`${path}: enum [${ze}] in zod, [${ae}] in OpenAPI`);
  }
  if (z2.type === 'object') {
    const zp = isSchema(z2.properties) ? z2.properties : {};
    const ap = isSchema(a2.properties) ? a2.properties : {};
    const zk = Object.keys(zp).sort();
    const ak = Object.keys(ap).sort();
    if (zk.join(',') !== ak.join(',')) problems.push(`${path}: properties [${zk}] in zod, [${ak}] in OpenAPI`);
    const zr = [...((z2.required as string[] | undefined) ?? [])].sort();
    const ar = [...((a2.required as string[] | undefined) ?? [])].sort();
    if (zr.join(',') !== ar.join(',')) problems.push(`${path}: required [${zr}] in zod, [${ar}] in OpenAPI`);
    for (const k of zk) {
      const zChild = zp[k];
      const aChild = ap[k];
      if (isSchema(zChild) && isSchema(aChild)) compare(zChild, aChild, `${path}.${k}`, problems);
    }
  }
  if (z2.type === 'array') {
    const zTuple = z2.prefixItems;
    const aTuple = a2.prefixItems;
    if (Array.isArray(zTuple) || Array.isArray(aTuple)) {
      const zt = Array.isArray(zTuple) ? zTuple.filter(isSchema) : [];
      const at = Array.isArray(aTuple) ? aTuple.filter(isSchema) : [];
      if (zt.length !== at.length) problems.push(`${path}: tuple of ${zt.length} in zod, ${at.length} in OpenAPI`);
      zt.forEach((item, i) => {
        const other = at[i];
        if (other) compare(item, other, `${path}[${i}]`, problems);
      });
    } else if (isSchema(z2.items) && isSchema(a2.items)) {
      compare(z2.items, a2.items, `${path}[]`, problems);
    } else {
      problems.push(`${path}: array items missing`);
    }
  }
}

/** zod → JSON Schema as the server reads it (input side, so defaults stay optional). */
const jsonSchema = (schema: z.ZodType): Schema => z.toJSONSchema(schema, { io: 'input' }) as Schema;

const CHECKED: Array<[string, z.ZodType]> = [
  ['FleetState', protocol.FleetState],
  ['RegionInfo', protocol.RegionInfo],
  ['Train', protocol.Train],
  ['Component', protocol.Component],
  ['ComponentVersion', protocol.ComponentVersion],
  ['Dependency', protocol.Dependency],
  ['Instance', protocol.Instance],
  ['DatabaseGroup', protocol.DatabaseGroup],
  ['Database', protocol.Database],
  ['Migration', protocol.Migration],
  ['Rollout', protocol.Rollout],
  ['RolloutStage', protocol.RolloutStage],
  ['RolloutEvent', protocol.RolloutEvent],
  ['Toggle', protocol.Toggle],
  ['ToggleState', protocol.ToggleState],
  ['StageGate', protocol.StageGate],
  ['ChangeEvent', protocol.ChangeEvent],
  ['StreamReset', protocol.StreamReset],
  ['ActionRequest', protocol.ActionRequest],
  ['ActionResult', protocol.ActionResult],
  ['ProtocolError', protocol.ProtocolError],
  ['Signal', protocol.Signal],
  ['Series', protocol.Series],
  ['TelemetryResponse', protocol.TelemetryResponse],
  ['Health', protocol.Health],
  ['RegionFaults', RegionFaults],
  ['FaultsControl', FaultsControl],
  ['ScenarioControl', ScenarioControl],
];

describe('docs/openapi.json matches the zod schemas', () => {
  it('is OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
  });

  it.each(CHECKED)('%s', (name, schema) => {
    const api = doc.components.schemas[name];
    expect(api, `components.schemas.${name} is missing`).toBeDefined();
    const problems: string[] = [];
    compare(jsonSchema(schema), api ?? {}, name, problems);
    expect(problems).toEqual([]);
  });

  it('catches drift (the comparison is not vacuous)', () => {
    const problems: string[] = [];
    const drifted = protocol.Instance.extend({ zone: z.string() }).omit({ host: true });
    compare(jsonSchema(drifted), doc.components.schemas.Instance ?? {}, 'Instance', problems);
    expect(problems).toEqual(['Instance: properties [activeUsers,component,id,startedAt,state,version,zone] in zod, [activeUsers,component,host,id,startedAt,state,version] in OpenAPI', 'Instance: required [activeUsers,component,id,startedAt,state,version,zone] in zod, [activeUsers,component,host,id,startedAt,state,version] in OpenAPI']);
    const nested: string[] = [];
    const deep = protocol.FleetState.extend({ databases: z.array(protocol.Database.extend({ migration: protocol.Migration.extend({ direction: z.enum(['forward']) }) })) });
    compare(jsonSchema(deep), doc.components.schemas.FleetState ?? {}, 'FleetState', nested);
    expect(nested).toEqual([
      'FleetState.databases[].migration: nullable false in zod, true in OpenAPI',
      'FleetState.databases[].migration.direction: enum [forward] in zod, [backward,forward] in OpenAPI',
    ]);
    const enumProblems: string[] = [];
    compare(jsonSchema(z.enum(['ui', 'gateway'])), { type: 'string', enum: ['ui', 'gateway', 'worker'] }, 'Tier', enumProblems);
    expect(enumProblems).toHaveLength(1);
  });

  it('documents every endpoint the demo fleet serves', () => {
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/control/faults',
      '/control/scenario',
      '/regions/{region}/metrics',
      '/regions/{region}/v1/actions',
      '/regions/{region}/v1/actions/{key}',
      '/regions/{region}/v1/changes',
      '/regions/{region}/v1/fleet',
      '/regions/{region}/v1/health',
      '/regions/{region}/v1/telemetry',
    ]);
  });

  it('docs/openapi.yaml is the current rendering of docs/openapi.json', () => {
    const yaml = readFileSync(resolve(import.meta.dirname, '../../../docs/openapi.yaml'), 'utf8');
    expect(yaml, 'run: npx tsx demo-fleet/tools/write-openapi-yaml.ts').toBe(renderOpenApiYaml());
  });
});
