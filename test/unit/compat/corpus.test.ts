import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { evaluate, type Violation } from '../../../shared/compat/index.ts';
import { FleetState } from '../../../shared/protocol/index.ts';

const dir = join(import.meta.dirname, '../../fixtures/compat');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json')).sort();

const Expected = z.object({
  description: z.string(),
  violations: z.array(
    z.object({
      rule: z.string(),
      regions: z.array(z.string()),
      components: z.array(z.string()),
      databaseGroup: z.string().nullable(),
      trains: z.array(z.number()),
      toggle: z.string().optional(),
    }),
  ),
  /** Declared exceptions (pairs beyond ±1 a declared range allows); none when absent. */
  exceptions: z
    .array(z.object({ rule: z.string(), regions: z.array(z.string()), components: z.array(z.string()), databaseGroup: z.string().nullable(), trains: z.array(z.number()) }))
    .default([]),
  errors: z.array(z.object({ region: z.string(), field: z.string() })),
});

function load(file: string): FleetState[] {
  const json: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  return Array.isArray(json) ? z.array(FleetState).parse(json) : [FleetState.parse(json)];
}

const byJson = <T>(items: T[]) => items.map((i) => JSON.stringify(i)).sort();

function project(v: Violation, withToggle: boolean) {
  const base = { rule: v.rule, regions: v.regions, components: v.components, databaseGroup: v.databaseGroup, trains: v.trains };
  return withToggle ? { ...base, toggle: v.toggle } : base;
}

describe('fixture corpus (test/fixtures/compat)', () => {
  it('has a fixture per rule, boundary and error kind', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(18);
  });

  for (const file of fixtures) {
    const expected = Expected.parse(JSON.parse(readFileSync(join(dir, file.replace(/\.json$/, '.expected.json')), 'utf8')));
    it(`${file}: ${expected.description}`, () => {
      const verdict = evaluate(load(file), { now: '2026-11-01T00:00:00.000Z' });
      const withToggle = expected.violations.some((v) => v.toggle !== undefined);
      expect(byJson(verdict.violations.map((v) => project(v, withToggle)))).toEqual(byJson(expected.violations));
      expect(byJson(verdict.errors.map((e) => ({ region: e.region, field: e.field })))).toEqual(byJson(expected.errors));
      const exceptions = verdict.exceptions.map((e) => ({ rule: e.rule, regions: e.regions, components: e.components, databaseGroup: e.databaseGroup, trains: e.trains }));
      expect(byJson(exceptions)).toEqual(byJson(expected.exceptions));
      expect(verdict.ok).toBe(expected.errors.length === 0);
      for (const v of verdict.violations) {
        expect(v.sentence).toMatch(/^[A-Z].*\(\d[\d,]* instances?, \d[\d,]* active users?\)\.$/);
        expect(v.instances).toBeGreaterThan(0);
      }
    });
  }
});
