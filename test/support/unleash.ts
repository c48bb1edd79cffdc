import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freeLoopbackPort, isAlive, killOnExit, startPostgres, waitForExit, type PostgresCluster } from './postgres.ts';

/**
 * A real `unleash-server` (the npm devDependency) for integration tests, on a throwaway PostgreSQL
 * cluster (`./postgres.ts`). Unleash runs in a child process of its own (its own process group, so it
 * is stopped with everything it started, and its memory is not the test worker's), listening on a
 * free port on 127.0.0.1, with:
 *
 * - an admin API token that exists from the start (`INIT_ADMIN_API_TOKENS`, default `*:*.test-admin-token`),
 * - the default `admin` user's password set to a random value (the stock default is well known),
 * - nothing leaving 127.0.0.1: version check off (`CHECK_VERSION=false`, and its URL pointed at a
 *   closed loopback port anyway), telemetry off (`SEND_TELEMETRY=false`; the `telemetry: false`
 *   start option is ignored by 7.x because it is read with `||`), no SSL to the database.
 *
 * Readiness is Unleash's own `/health` answering 200 (polled; it answers only after the migrations
 * and the service setup, including the init tokens). `stop()` sends SIGTERM to the process group,
 * SIGKILL after a grace period, then stops PostgreSQL and removes its temp directory.
 */
export interface UnleashServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `http://127.0.0.1:<port>/api` — what `regions.json` calls the Unleash `url`. */
  readonly apiUrl: string;
  readonly adminToken: string;
  readonly pid: number;
  readonly postgres: PostgresCluster;
  /** Milliseconds from the call to a healthy Unleash (PostgreSQL included). */
  readonly startupMs: number;
  /** Everything Unleash printed so far. */
  log(): string;
  /** Calls the Admin API with the admin token; throws with the body on a non-2xx answer. */
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export interface UnleashOptions {
  adminToken?: string;
  /** Whole start-up budget (PostgreSQL, migrations, health). */
  timeoutMs?: number;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** A command line to run unleash-server under, e.g. `['strace', '-f', '-e', 'trace=connect', '-o', file]`. */
  wrapper?: string[];
}

const SERVER_JS = resolve(import.meta.dirname, '../../node_modules/unleash-server/dist/server.js');

export async function startUnleash(options: UnleashOptions = {}): Promise<UnleashServer> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 90_000;
  const adminToken = options.adminToken ?? '*:*.test-admin-token';
  if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} not found: unleash-server is a devDependency — run npm ci`);

  const postgres = await startPostgres({ name: 'unleash-pg' });
  let child: ReturnType<typeof spawn> | null = null;
  let forget: () => void = () => {};
  let output = '';
  try {
    await postgres.createDatabase('unleash');
    const port = await freeLoopbackPort();
    const url = `http://127.0.0.1:${port}`;
    const env = unleashServerEnv(postgres, port, adminToken, options.logLevel ?? 'warn');
    const [command, ...args] = options.wrapper?.length ? [...options.wrapper, process.execPath, SERVER_JS] : [process.execPath, SERVER_JS];
    const proc = spawn(command ?? process.execPath, args, { env, cwd: postgres.dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const pid = proc.pid;
    if (pid === undefined) throw new Error('unleash-server did not start (no pid)');
    forget = killOnExit(-pid);
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-64_000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);

    const deadline = started + timeoutMs;
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`unleash-server exited (${proc.exitCode ?? proc.signalCode}) before it was healthy:\n${output.slice(-3_000)}`);
      }
      const healthy = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) })
        .then((r) => r.ok)
        .catch(() => false);
      if (healthy) break;
      if (Date.now() > deadline) throw new Error(`unleash-server not healthy within ${timeoutMs} ms:\n${output.slice(-3_000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    let stopped = false;
    const server: UnleashServer = {
      url,
      apiUrl: `${url}/api`,
      adminToken,
      pid,
      postgres,
      startupMs: Date.now() - started,
      log: () => output,
      async admin<T>(method: string, path: string, body?: unknown): Promise<T> {
        const res = await fetch(`${url}/api/admin${path}`, {
          method,
          headers: { Authorization: adminToken, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(10_000),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`Unleash admin ${method} ${path}: HTTP ${res.status}: ${text.slice(0, 500)}`);
        return (text ? JSON.parse(text) : undefined) as T;
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await stopGroup(pid);
        forget();
        await postgres.stop();
      },
    };
    return server;
  } catch (error) {
    if (child?.pid !== undefined) await stopGroup(child.pid);
    forget();
    await postgres.stop();
    throw error;
  }
}

/** The whole environment of the unleash-server process (nothing inherited but PATH): how it is configured. */
export function unleashServerEnv(postgres: PostgresCluster, port: number, adminToken: string, logLevel: NonNullable<UnleashOptions['logLevel']>): NodeJS.ProcessEnv {
  const url = `http://127.0.0.1:${port}`;
  return {
    PATH: process.env.PATH,
    HOME: postgres.dir,
    TZ: 'UTC',
    NODE_ENV: 'production',
    DATABASE_URL: postgres.url('unleash'),
    DATABASE_SSL: 'false',
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    UNLEASH_URL: url,
    CHECK_VERSION: 'false',
    UNLEASH_VERSION_URL: 'http://127.0.0.1:9/',
    SEND_TELEMETRY: 'false',
    INIT_ADMIN_API_TOKENS: adminToken,
    UNLEASH_DEFAULT_ADMIN_USERNAME: 'admin',
    UNLEASH_DEFAULT_ADMIN_PASSWORD: `${randomUUID()}-Aa1!`,
    LOG_LEVEL: logLevel,
    // A stopped test must not wait for Unleash's default graceful drain.
    GRACEFUL_SHUTDOWN_TIMEOUT: '200',
  };
}

/** SIGTERM to the process group led by `pid`, SIGKILL after a grace period; waits until the leader is gone. */
async function stopGroup(pid: number, graceMs = 5_000): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is already gone
    }
  };
  if (!isAlive(pid)) return signalGroup('SIGKILL');
  signalGroup('SIGTERM');
  if (!(await waitForExit(pid, graceMs))) {
    signalGroup('SIGKILL');
    await waitForExit(pid, 5_000);
  }
  // Anything the leader left behind in its group.
  signalGroup('SIGKILL');
}
