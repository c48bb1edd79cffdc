import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateFleet } from '../../../demo-fleet/index.ts';
import { candidatesOf } from '../../../shared/compat/cause-candidates.ts';
import { CauseList, evaluate, findCauses, touchedOnce, type Violation } from '../../../shared/compat/index.ts';
import { FleetState } from '../../../shared/protocol/index.ts';
import { fleet } from './arbitraries.ts';

const NOW = '2026-11-01T00:00:00.000Z';
const fixture = (name: string) => z.array(FleetState).parse(JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/causes', `${name}.json`), 'utf8')));
const causesOf = (name: string) => findCauses(evaluate(fixture(name), { now: NOW }).violations);

describe('causes: one per rule (test/fixtures/causes)', () => {
  it('window: the canary instance at the newest train, not the two old ones, is the cause', () => {
    const { causes } = causesOf('window');
    expect(causes.map((c) => [c.id, c.kind, c.direction, c.train, c.versions])).toEqual([['component:eu-west:search:47', 'component', 'ahead', 47, ['search-47.0']]]);
    expect(causes[0]?.title).toBe('search in eu-west is 3 trains ahead of its oldest live versions');
  });

  it('peer skew: the callee two trains behind both callers is one cause of two violations', () => {
    const { causes, causeOf } = causesOf('peer-two-actions');
    expect(causes).toHaveLength(1);
    const [cause] = causes;
    expect(cause?.id).toBe('component:eu-west:consent:44');
    expect(cause?.violationIds).toHaveLength(2);
    expect(cause?.title).toBe('consent in eu-west is 2 trains behind its callers');
    expect(cause?.sentence).toBe('consent consent-44.0 (train 2026.44) in eu-west is 2 trains behind its callers scheduling and search: 2 violations.');
    // consent's 3 instances are in both violations: counted once (3 + 4 scheduling + 2 search).
    expect([cause?.instances, cause?.activeUsers]).toEqual([9, 3 * 10 + 4 * 20 + 2 * 5]);
    expect(Object.values(causeOf)).toEqual([cause?.id, cause?.id]);
  });

  it('schema skew: the databases migrated ahead are the cause, not the component using them', () => {
    const { causes } = causesOf('schema');
    expect(causes.map((c) => [c.id, c.kind, c.databaseGroup, c.component, c.direction, c.databases])).toEqual([['schema:ca-central:imaging-db:47', 'schema', 'imaging-db', null, 'ahead', 2]]);
    expect(causes[0]?.title).toBe('The imaging-db schema in ca-central is 2 trains ahead of imaging, which uses it');
  });

  it('toggle minimum version: the toggle is its own cause', () => {
    const { causes } = causesOf('toggle');
    expect(causes.map((c) => [c.id, c.kind, c.toggle, c.component, c.train])).toEqual([['toggle:us-east:new-viewer', 'toggle', 'new-viewer', 'viewer', null]]);
    expect(causes[0]?.sentence).toMatch(/^In us-east, toggle new-viewer is on but needs viewer viewer-47.0/);
  });

  it('fleet-wide window: the lone region behind is the cause', () => {
    const { causes } = causesOf('fleet-window');
    expect(causes.map((c) => [c.id, c.direction])).toEqual([['component:eu-west:search:44', 'behind']]);
    expect(causes[0]?.title).toBe('search in eu-west is 3 trains behind search in other regions');
  });

  it('a compliant fleet has no causes', () => {
    expect(causesOf('compliant')).toEqual({ causes: [], causeOf: {}, violations: 0, instances: 0, activeUsers: 0 });
  });
});

describe('causes: skew-violation demo scenario', () => {
  it('seven peer-skew violations in eu-west are one cause: consent two trains behind its callers', () => {
    const violations = evaluate(generateFleet({ scenario: 'skew-violation' }), { now: NOW }).violations;
    expect(violations).toHaveLength(7);
    const list = findCauses(violations);
    expect(CauseList.parse(list)).toEqual(list);
    expect(list.causes).toHaveLength(1);
    const [cause] = list.causes;
    expect(cause?.title).toBe('consent in eu-west is 2 trains behind its callers');
    expect(cause?.sentence).toMatch(/^consent \S+ \(train 2026\.44\) in eu-west is 2 trains behind its callers api-gateway, .* and search, and audit-queue, which it calls: 7 violations\.$/);
    expect(cause?.violationIds.sort()).toEqual(violations.map((v) => v.id).sort());
    // consent is in all seven: its instances count once, so the cause touches fewer than the sum.
    const summed = violations.reduce((n, v) => n + v.instances, 0);
    expect(cause?.instances).toBeLessThan(summed);
    expect(cause?.instances).toBe(touchedOnce(violations).instances);
  });
});

describe('causes: properties', () => {
  const isCandidate = (v: Violation, causeId: string) => candidatesOf(v).some((c) => c.key === causeId);

  it('every violation is in exactly the causes that list it — one — and that cause explains it', () => {
    fc.assert(
      fc.property(fleet(), (states) => {
        const { violations } = evaluate(states, { now: NOW });
        const list = findCauses(violations);
        const listing = new Map<string, string[]>();
        for (const cause of list.causes) for (const id of cause.violationIds) listing.set(id, [...(listing.get(id) ?? []), cause.id]);
        for (const v of violations) {
          expect(listing.get(v.id)).toEqual([list.causeOf[v.id]]);
          expect(isCandidate(v, list.causeOf[v.id] ?? '')).toBe(true);
        }
        expect(Object.keys(list.causeOf).sort()).toEqual(violations.map((v) => v.id).sort());
        expect(list.causes.reduce((n, c) => n + c.violationIds.length, 0)).toBe(violations.length);
      }),
      { numRuns: 200 },
    );
  });

  it('the first cause explains at least as many violations as any single candidate does', () => {
    fc.assert(
      fc.property(fleet(), (states) => {
        const { violations } = evaluate(states, { now: NOW });
        const counts = new Map<string, number>();
        for (const v of violations) for (const c of new Set(candidatesOf(v).map((x) => x.key))) counts.set(c, (counts.get(c) ?? 0) + 1);
        const most = Math.max(0, ...counts.values());
        expect(findCauses(violations).causes[0]?.violationIds.length ?? 0).toBe(most);
      }),
      { numRuns: 200 },
    );
  });

  it('instances and users are counted once: a cause never touches more than its violations summed', () => {
    fc.assert(
      fc.property(fleet(), (states) => {
        const { violations } = evaluate(states, { now: NOW });
        const byId = new Map(violations.map((v) => [v.id, v]));
        for (const cause of findCauses(violations).causes) {
          const mine = cause.violationIds.map((id) => byId.get(id)).filter((v): v is Violation => v !== undefined);
          expect(cause.instances).toBeLessThanOrEqual(mine.reduce((n, v) => n + v.instances, 0));
          expect(cause.activeUsers).toBeLessThanOrEqual(mine.reduce((n, v) => n + v.activeUsers, 0));
          expect(cause.instances).toBeGreaterThanOrEqual(Math.max(0, ...mine.map((v) => v.instances)));
        }
      }),
      { numRuns: 200 },
    );
  });
});
