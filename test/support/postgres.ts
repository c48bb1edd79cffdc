import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster for integration tests: Debian's `postgresql` binaries, `initdb` in a
 * temp directory, started with `pg_ctl` on a free loopback port (TCP on 127.0.0.1 only, the unix socket
 * inside the temp directory), stopped by the postmaster's PID and removed afterwards.
 *
 * As root (CI), every PostgreSQL program runs as the `postgres` OS user (`runuser`), which owns the
 * temp directory; PostgreSQL refuses to run as root. Otherwise it runs as the current user.
 * TCP connections need the password (`scram-sha-256`); the unix socket, reachable only through the
 * 0700 temp directory, trusts its owner.
 */
export interface PostgresCluster {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** The postmaster's PID (from `postmaster.pid`). */
  readonly pid: number;
  readonly dir: string;
  /** `postgres://user:password@127.0.0.1:port/<database>` */
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  /** The server log so far (for failure messages). */
  log(): Promise<string>;
  /** Fast shutdown by PID (SIGINT), SIGKILL after `graceMs`, then removes the temp directory. Idempotent. */
  stop(graceMs?: number): Promise<void>;
}

export interface PostgresOptions {
  /** Prefix of the temp directory name. */
  name?: string;
  /** How long `pg_ctl start -w` may wait for the server to accept connections. */
  startTimeoutSeconds?: number;
}

/** The newest `/usr/lib/postgresql/<major>/bin` with `initdb` and `pg_ctl`, or `$RCC_PG_BIN`. */
export async function findPostgresBin(): Promise<string> {
  const fromEnv = process.env.RCC_PG_BIN;
  if (fromEnv) {
    if (!existsSync(join(fromEnv, 'initdb'))) throw new Error(`RCC_PG_BIN=${fromEnv} has no initdb`);
    return fromEnv;
  }
  const base = '/usr/lib/postgresql';
  const majors = existsSync(base) ? (await readdir(base)).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const major of majors) {
    const bin = join(base, major, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  throw new Error(
    'PostgreSQL server binaries not found under /usr/lib/postgresql/<version>/bin: these tests run a real PostgreSQL — ' +
      'install it with `sudo apt-get install -y --no-install-recommends postgresql` (or set RCC_PG_BIN)',
  );
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The uid/gid PostgreSQL programs run as: `postgres` when we are root, else ourselves (null: no switch). */
function serviceAccount(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root, but there is no `postgres` OS user to run PostgreSQL as (the Debian postgresql package creates it)');
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Waits (polling, bounded) until `pid` has exited; true when it did. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** Last-resort cleanup when the test process exits without running its afterAll hooks. */
const exitKills = new Set<number>();
let exitHookInstalled = false;
export function killOnExit(pid: number): () => void {
  exitKills.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const p of exitKills) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }
  return () => exitKills.delete(pid);
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresCluster> {
  const bin = await findPostgresBin();
  const account = serviceAccount();
  // As root the cluster belongs to `postgres`, which must be able to reach it: /tmp, whatever TMPDIR says.
  const parent = process.env.RCC_PG_TMPDIR ?? (account ? '/tmp' : tmpdir());
  const dir = await mkdtemp(join(parent, `rcc-${options.name ?? 'postgres'}-`));
  const data = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  const logFile = join(dir, 'postgres.log');
  const pwFile = join(dir, 'pwfile');
  const user = 'postgres';
  const password = randomBytes(18).toString('base64url');
  let cleanedUp = false;
  const removeDir = async () => {
    if (cleanedUp) return;
    cleanedUp = true;
    await rm(dir, { recursive: true, force: true });
  };

  const asService = (program: string, args: string[]) =>
    account ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], { cwd: dir }) : run(join(bin, program), args, { cwd: dir });

  try {
    await mkdir(socketDir, { mode: 0o700 });
    await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
    if (account) {
      for (const path of [dir, socketDir, pwFile]) await chown(path, account.uid, account.gid);
    }
    await chmod(dir, 0o700);
    await asService('initdb', ['-D', data, '-U', user, `--pwfile=${pwFile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync']).catch(
      (error: unknown) => {
        throw new Error(`initdb failed: ${describeExecError(error)}`);
      },
    );

    // A free port can be taken between probing and binding: try a few.
    let lastError: unknown = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freeLoopbackPort();
      const serverOptions = [
        `-p ${port}`,
        `-k ${socketDir}`,
        '-c listen_addresses=127.0.0.1',
        // Throwaway data: durability costs time and buys nothing here.
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=50',
      ].join(' ');
      try {
        await asService('pg_ctl', ['start', '-D', data, '-l', logFile, '-w', '-t', String(options.startTimeoutSeconds ?? 60), '-o', serverOptions]);
      } catch (error) {
        lastError = new Error(`pg_ctl start failed: ${describeExecError(error)}\n${(await readFile(logFile, 'utf8').catch(() => '')).slice(-2_000)}`);
        continue;
      }
      const pid = Number((await readFile(join(data, 'postmaster.pid'), 'utf8')).split('\n')[0]);
      if (!Number.isInteger(pid) || pid <= 0) throw new Error(`unreadable postmaster.pid in ${data}`);
      const forget = killOnExit(pid);
      let stopped = false;
      const cluster: PostgresCluster = {
        host: '127.0.0.1',
        port,
        user,
        password,
        pid,
        dir,
        url: (database) => `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
        async createDatabase(name) {
          if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${JSON.stringify(name)}: use [a-z0-9_]`);
          await asService('createdb', ['-h', socketDir, '-p', String(port), '-U', user, name]).catch((error: unknown) => {
            throw new Error(`createdb ${name} failed: ${describeExecError(error)}`);
          });
        },
        log: () => readFile(logFile, 'utf8').catch(() => ''),
        async stop(graceMs = 10_000) {
          if (stopped) return;
          stopped = true;
          // SIGINT to the postmaster = "fast" shutdown: abort sessions, checkpoint-free exit is fine here.
          if (isAlive(pid)) {
            process.kill(pid, 'SIGINT');
            if (!(await waitForExit(pid, graceMs))) {
              process.kill(pid, 'SIGKILL');
              await waitForExit(pid, 5_000);
            }
          }
          forget();
          await removeDir();
        },
      };
      return cluster;
    }
    throw lastError instanceof Error ? lastError : new Error('pg_ctl start failed');
  } catch (error) {
    await removeDir();
    throw error;
  }
}

function describeExecError(error: unknown): string {
  const e = error as { stderr?: string; stdout?: string; message?: string };
  return (e.stderr?.trim() || e.stdout?.trim() || e.message || String(error)).slice(-2_000);
}
