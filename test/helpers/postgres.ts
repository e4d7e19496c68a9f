/**
 * A real, throwaway PostgreSQL 15 for tests: initdb into a temp dir, start on a free loopback port (as the
 * postgres user when the tests run as root), seed a `predictions` table for the market-maker guide's
 * request-volume query, and stop + remove everything on teardown. A missing binary throws: never a skip.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A running test database. */
export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** Runs SQL as the superuser. */
  query(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  stop(): Promise<void>;
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
export async function startPostgres(): Promise<TestPostgres> {
  for (const b of ['initdb', 'postgres']) {
    if (!existsSync(join(BIN, b))) {
      throw new Error(
        `${join(BIN, b)} is missing: install the Debian package postgresql-15 (CI never skips)`,
      );
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'mmops-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const [initCmd, initArgs] = asPostgres(join(BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
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
  const proc: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr?.on('data', (c: Buffer) => (log += c.toString()));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitReady(url, proc, () => log);
  const query = async (text: string, values?: unknown[]) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await c.query(text, values);
    } finally {
      await c.end();
    }
  };
  await seed(query);
  return {
    url,
    port,
    query,
    stop: async () => {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        // runuser forwards the signal; SIGINT is PostgreSQL's fast shutdown
        proc.kill('SIGINT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (proc.exitCode === null) proc.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
