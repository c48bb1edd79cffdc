import { parseArgs } from 'node:util';
import { createDemoFleet } from './demo-fleet.ts';
import { SCENARIOS, SCENARIO_NAMES, ScenarioName } from './model/scenarios.ts';
import { REGION_COUNTS, regionSpecs, type RegionCount } from './model/regions.ts';

const USAGE = `Usage: npm run demo-fleet -- [options]

  --port <n>                 listen port (default 7070; 0 = any free port)
  --host <addr>              listen address (default 127.0.0.1)
  --seed <n>                 generation seed (default 42)
  --scenario <name>          ${SCENARIO_NAMES.join(' | ')} (default steady)
  --scale <n>                instances across all regions (default 12000, up to 200000)
  --regions <4|6>            how many regions (default 4; 6 adds us-west and eu-north)
  --time-scale <x>           simulated seconds per real second (default 1)
  --changes-per-second <n>   simulation steps per region per second (default 10)
  --start-time <iso|now>     simulated start (default now; use a fixed time for reproducible runs)
  --token <t>                one bearer token for every region (default: random per region)
  --control-token <t>        bearer token for /control/* (default random)
  --help`;

function number(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`--${name} expects a number, got "${raw}"`);
  return n;
}

function startTime(raw: string | undefined): Date {
  if (raw === undefined || raw === 'now') return new Date(Math.floor(Date.now() / 1000) * 1000);
  const d = new Date(raw);
  if (Number.isNaN(d.getTime())) throw new Error(`--start-time expects an ISO date or "now", got "${raw}"`);
  return d;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '7070' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string' },
      scenario: { type: 'string', default: 'steady' },
      scale: { type: 'string' },
      regions: { type: 'string' },
      'time-scale': { type: 'string' },
      'changes-per-second': { type: 'string' },
      'start-time': { type: 'string' },
      token: { type: 'string' },
      'control-token': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const scenario = ScenarioName.safeParse(values.scenario);
  if (!scenario.success) throw new Error(`unknown scenario "${values.scenario}"; choose one of ${SCENARIO_NAMES.join(', ')}`);
  const shared = values.token;
  const fleet = createDemoFleet({
    seed: number('seed', values.seed),
    scale: number('scale', values.scale),
    regions: regionCount(values.regions),
    scenario: scenario.data,
    timeScale: number('time-scale', values['time-scale']),
    changesPerSecond: number('changes-per-second', values['changes-per-second']),
    startTime: startTime(values['start-time']),
    tokens: shared ? Object.fromEntries(regionSpecs(6).map((r) => [r.id, shared])) : undefined,
    controlToken: values['control-token'],
  });
  const started = await fleet.start({ host: values.host, port: number('port', values.port) ?? 7070 });

  console.log(`rcc demo fleet at ${started.url} — scenario ${scenario.data}: ${SCENARIOS[scenario.data].description}`);
  for (const r of started.regions) console.log(`  ${r.id.padEnd(13)} ${r.baseUrl}  token ${r.token}`);
  console.log(`  control token ${started.controlToken}  (POST ${started.url}/control/faults, /control/scenario)`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping demo fleet`);
    fleet.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`demo-fleet: ${err instanceof Error ? err.message : String(err)}`);
  console.error(USAGE);
  process.exit(2);
});

function regionCount(value: string | undefined): RegionCount | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const count = REGION_COUNTS.find((c) => c === n);
  if (count === undefined) throw new Error(`--regions must be one of ${REGION_COUNTS.join(', ')}, got "${value}"`);
  return count;
}
