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

export function regionSpec(regionId: string): RegionSpec {
  const spec = REGION_SPECS.find((r) => r.id === regionId);
  if (!spec) throw new Error(`unknown demo region: ${regionId}`);
  return spec;
}
