import { z } from 'zod';
import { NO_FAULTS, type RegionFaults, type RegionFaultsPatch } from './faults.ts';

export const SCENARIO_NAMES = [
  'steady',
  'bad-canary',
  'skew-violation',
  'schema-ahead',
  'region-outage',
  'slow-endpoint',
  'malformed',
  'flapping',
  'blocked-train',
  'broken-declaration',
] as const;
export const ScenarioName = z.enum(SCENARIO_NAMES);
export type ScenarioName = z.infer<typeof ScenarioName>;

export interface ScenarioSpec {
  name: ScenarioName;
  description: string;
  /** The region the scenario targets (null: none). */
  region: string | null;
  /** Whether it changes the generated fleet (switching to or from it regenerates the state). */
  changesState: boolean;
  /** Faults it sets on `region`. */
  faults: RegionFaultsPatch;
}

export const SCENARIOS: Readonly<Record<ScenarioName, ScenarioSpec>> = {
  steady: {
    name: 'steady',
    description:
      'Healthy fleet: rollouts in flight, migrations ahead, every +1/−1 rule holds — the search index runs a train behind, ' +
      'a declared exception its callers declare they support.',
    region: null,
    changesState: false,
    faults: {},
  },
  'bad-canary': {
    name: 'bad-canary',
    description: 'us-east document-store canary (5%) on the current train: its error rate and latency climb; the rollout is held at canary.',
    region: 'us-east',
    changesState: true,
    faults: {},
  },
  'skew-violation': {
    name: 'skew-violation',
    description: 'eu-west scheduling runs the current train while its callee consent is pinned two trains back (peer skew 2).',
    region: 'eu-west',
    changesState: true,
    faults: {},
  },
  'schema-ahead': {
    name: 'schema-ahead',
    description: 'ca-central imaging-meta-db: some databases migrated to the upcoming train while imaging still runs the previous one (schema skew 2).',
    region: 'ca-central',
    changesState: true,
    faults: {},
  },
  'region-outage': {
    name: 'region-outage',
    description: 'ap-southeast refuses service: every connection to its prefix is reset.',
    region: 'ap-southeast',
    changesState: false,
    faults: { outage: true },
  },
  'slow-endpoint': {
    name: 'slow-endpoint',
    description: 'eu-west answers every /v1 request after 6 seconds.',
    region: 'eu-west',
    changesState: false,
    faults: { latencyMs: 6_000 },
  },
  malformed: {
    name: 'malformed',
    description: 'ca-central returns bodies that fail the schema (instances without version, strings for numbers).',
    region: 'ca-central',
    changesState: false,
    faults: { malformed: true },
  },
  'broken-declaration': {
    name: 'broken-declaration',
    description: 'us-east reporting on the current train declares it needs search from the current train on, while search there stays on the previous one.',
    region: 'us-east',
    changesState: true,
    faults: {},
  },
  flapping: {
    name: 'flapping',
    description: 'ap-southeast alternates between up and down every 5 seconds.',
    region: 'ap-southeast',
    changesState: false,
    faults: { flapPeriodMs: 5_000 },
  },
  'blocked-train': {
    name: 'blocked-train',
    description: "The current train's pre-production gate reported 3 failed tests after its production rollouts began: the train is blocked and its rollouts are paused.",
    region: null,
    changesState: true,
    faults: {},
  },
};

/** The faults a region has under a scenario (none unless the scenario targets it). */
export function scenarioFaults(name: ScenarioName, regionId: string): RegionFaults {
  const spec = SCENARIOS[name];
  return { ...NO_FAULTS, ...(spec.region === regionId ? spec.faults : {}) };
}
