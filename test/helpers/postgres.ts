/**
 * A real, throwaway PostgreSQL 15 for tests: initdb into a temp dir, start on a free loopback port (as the
 * postgres user when the tests run as root), seed a `predictions` table for the market-maker guide's
 * request-volume query, and stop + remove everything on teardown. A missing binary throws: never a skip.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A running test database. */
export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (postgres:<password>@ when started with one) */
  url: string;
  port: number;
  /** Runs SQL as the superuser. */
  query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  /** SIGKILLs the server (its backends die with it, as in a crash); the data dir stays for restart(). */
  kill(): Promise<void>;
  /** Starts the server again on the same port and data dir, after kill(). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** How to start it. */
export interface PostgresOptions {
  /** Seed the runbook tests' small `predictions` table. Default true. */
  seed?: boolean;
  /** Require this password over TCP (scram-sha-256) instead of trusting every connection. */
  password?: string;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

// As root, postgres refuses to run: run initdb and postgres as the postgres user via runuser.
function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

/** Starts PostgreSQL and seeds `predictions`; throws when the binaries are missing. */
export async function startPostgres(opts: PostgresOptions = {}): Promise<TestPostgres> {
  for (const b of ['initdb', 'postgres']) {
    if (!existsSync(join(BIN, b))) {
      throw new Error(
        `${join(BIN, b)} is missing: install the Debian package postgresql-15 (CI never skips)`,
      );
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'mmops-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, ...postgresIds());
  const data = join(dir, 'data');
  const auth = ['--auth=trust'];
  if (opts.password !== undefined) {
    const pwfile = join(dir, 'pw');
    writeFileSync(pwfile, `${opts.password}\n`);
    if (process.getuid?.() === 0) chownSync(pwfile, ...postgresIds());
    auth.splice(0, 1, '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`);
  }
  const [initCmd, initArgs] = asPostgres(join(BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    ...auth,
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });
  const port = await freePort();
  const [cmd, args] = asPostgres(join(BIN, 'postgres'), [
    '-D',
    data,
    '-k',
    dir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'shared_buffers=16MB',
  ]);
  let proc!: ChildProcess;
  let log = '';
  const launch = async () => {
    proc = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    proc.stderr?.on('data', (c: Buffer) => (log += c.toString()));
    await waitReady(url, proc, () => log);
  };
  const cred = opts.password === undefined ? '' : `:${encodeURIComponent(opts.password)}`;
  const url = `postgres://postgres${cred}@127.0.0.1:${port}/postgres`;
  await launch();
  const query = async (text: string, values?: unknown[]) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await c.query(text, values);
    } finally {
      await c.end();
    }
  };
  const exit = async (signal: NodeJS.Signals) => {
    const p = proc;
    if (p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    // SIGINT is PostgreSQL's fast shutdown. runuser does not pass SIGINT on: signal the postmaster itself.
    const pid = postmasterPid(data);
    if (pid !== undefined && signal === 'SIGINT') killQuietly(pid, signal);
    p.kill(signal);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  };
  if (opts.seed ?? true) await seed(query);
  return {
    url,
    port,
    query,
    // the postmaster's children (backends) exit when it dies: the lock file goes stale, not the port
    kill: async () => {
      const pid = postmasterPid(data);
      await exit('SIGKILL');
      if (pid !== undefined) killQuietly(pid);
      await waitGone(pid);
    },
    restart: launch,
    stop: async () => {
      await exit('SIGINT');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresIds(): [number, number] {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return [uid, gid];
}

// runuser's child is the postmaster: its pid is the first line of postmaster.pid
function postmasterPid(data: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function killQuietly(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(pid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

async function waitGone(pid: number | undefined): Promise<void> {
  if (pid === undefined) return;
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitReady(url: string, proc: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`postgres exited (${proc.exitCode}):\n${log()}`);
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    c.on('error', () => {});
    try {
      await c.connect();
      await c.end();
      return;
    } catch {
      await c.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`postgres did not start in 30 s:\n${log()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

// 12 minutes of predictions, (minute index + 1) rows in each, the newest minute the busiest.
async function seed(query: TestPostgres['query']): Promise<void> {
  await query(`CREATE TABLE predictions (
    id serial PRIMARY KEY,
    "timestamp" timestamptz NOT NULL,
    model text NOT NULL DEFAULT 'mm-v1',
    latency_seconds double precision
  )`);
  await query(`INSERT INTO predictions ("timestamp", latency_seconds)
    SELECT date_trunc('minute', now()) - make_interval(mins => m), 0.05
    FROM generate_series(0, 11) AS m, LATERAL generate_series(1, 12 - m) AS n`);
}
