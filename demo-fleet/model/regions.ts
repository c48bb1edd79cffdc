/** The simulated regions. `share` is the fraction of all instances; `tenants` sizes the databases. */
export interface RegionSpec {
  id: string;
  name: string;
  timezone: string;
  /** Short code used in host names and instance ids. */
  code: string;
  share: number;
  /** Health-system tenants at the default scale; each owns one database per per-tenant group. */
  tenants: number;
  /** How far the region is through the current train: probabilities for each component plan. */
  progress: { done: number; rolling: number; behind: number };
}

export const REGION_SPECS: readonly RegionSpec[] = [
  {
    id: 'us-east',
    name: 'US East',
    timezone: 'America/New_York',
    code: 'use1',
    share: 0.4,
    tenants: 390,
    progress: { done: 0.45, rolling: 0.3, behind: 0.25 },
  },
  {
    id: 'eu-west',
    name: 'EU West',
    timezone: 'Europe/Dublin',
    code: 'euw1',
    share: 0.25,
    tenants: 160,
    progress: { done: 0.35, rolling: 0.3, behind: 0.35 },
  },
  {
    id: 'ca-central',
    name: 'Canada Central',
    timezone: 'America/Toronto',
    code: 'cac1',
    share: 0.15,
    tenants: 70,
    progress: { done: 0.3, rolling: 0.25, behind: 0.45 },
  },
  {
    id: 'ap-southeast',
    name: 'Asia Pacific Southeast',
    timezone: 'Asia/Singapore',
    code: 'apse1',
    share: 0.2,
    tenants: 100,
    progress: { done: 0.2, rolling: 0.25, behind: 0.55 },
  },
];

/** Two more regions for fleets of six (benchmarks of the 6-region budgets); off by default. */
const EXTRA_REGION_SPECS: readonly RegionSpec[] = [
  {
    id: 'us-west',
    name: 'US West',
    timezone: 'America/Los_Angeles',
    code: 'usw2',
    share: 0.2,
    tenants: 140,
    progress: { done: 0.4, rolling: 0.3, behind: 0.3 },
  },
  {
    id: 'eu-north',
    name: 'EU North',
    timezone: 'Europe/Stockholm',
    code: 'eun1',
    share: 0.1,
    tenants: 60,
    progress: { done: 0.3, rolling: 0.3, behind: 0.4 },
  },
];

export const REGION_COUNTS = [4, 6] as const;
export type RegionCount = (typeof REGION_COUNTS)[number];

/** The simulated regions of a fleet of `count` (the first four are always the same). */
export function regionSpecs(count: RegionCount = 4): readonly RegionSpec[] {
  return count === 4 ? REGION_SPECS : [...REGION_SPECS, ...EXTRA_REGION_SPECS];
}

export function regionSpec(regionId: string): RegionSpec {
  const spec = regionSpecs(6).find((r) => r.id === regionId);
  if (!spec) throw new Error(`unknown demo region: ${regionId}`);
  return spec;
}
