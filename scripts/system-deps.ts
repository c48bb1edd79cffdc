import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** System programs the tests drive for real, and the Debian packages that provide them. */
export const SYSTEM_DEPS = [
  { binary: '/usr/bin/chromium', pkg: 'chromium', why: 'end-to-end tests drive the renderer in Chromium' },
  { binary: '/usr/bin/prometheus', pkg: 'prometheus', why: 'integration tests scrape the demo fleet with a real Prometheus' },
  { binary: '/usr/bin/promtool', pkg: 'prometheus', why: 'telemetry tests backfill Prometheus history' },
  { binary: '/usr/bin/pg_lsclusters', pkg: 'postgresql', why: 'toggle tests run a real Unleash on a throwaway PostgreSQL cluster' },
] as const;

export function missingDeps(): (typeof SYSTEM_DEPS)[number][] {
  return SYSTEM_DEPS.filter((dep) => !existsSync(dep.binary));
}

/** Installs missing packages with apt-get when running as root; otherwise names them and fails. */
export function ensureSystemDeps(): void {
  const missing = missingDeps();
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((d) => d.pkg))];
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('which', ['apt-get']).status === 0;
  if (!isRoot || !hasApt) {
    for (const dep of missing) console.error(`missing ${dep.binary} (Debian package ${dep.pkg}): ${dep.why}`);
    console.error(`Install them first: sudo apt-get install -y --no-install-recommends ${pkgs.join(' ')}`);
    process.exit(1);
  }
  console.log(`Installing missing system packages: ${pkgs.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const still = missingDeps();
  if (still.length > 0) {
    console.error(`still missing after install: ${still.map((d) => d.binary).join(', ')}`);
    process.exit(1);
  }
}
