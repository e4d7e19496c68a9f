/**
 * A throwaway PostgreSQL server on loopback, as `mmops demo`, the store tests and bench/store.mjs run it:
 * initdb into a temp dir, start on a given port, and stop (or crash and restart) it. As root it runs as the
 * postgres user via runuser, since PostgreSQL refuses to run as root.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** How to start it. */
export interface LocalPostgresOptions {
  /** The directory holding initdb and postgres (Debian: /usr/lib/postgresql/15/bin). */
  bin: string;
  /** A free port on 127.0.0.1. */
  port: number;
  /** Require this password over TCP (scram-sha-256) instead of trusting every connection. */
  password?: string;
  /** Server settings (`-c name=value`), e.g. fsync=off for tests. */
  settings?: Record<string, string>;
  /** Temp dir name prefix. */
  prefix?: string;
}

/** A running server. */
export interface LocalPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (postgres:<password>@ with a password) */
  url: string;
  port: number;
  /** SIGKILLs the server (its backends die with it, as in a crash); the data dir stays for restart(). */
  kill(): Promise<void>;
  /** Starts the server again on the same port and data dir, after kill(). */
  restart(): Promise<void>;
  /** Fast shutdown, then removes the data dir. */
  stop(): Promise<void>;
}

const asRoot = () => process.getuid?.() === 0;
const asPostgres = (cmd: string, args: string[]): [string, string[]] =>
  asRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
// what PostgreSQL said last, for an error when it does not start (bounded: the demo runs for hours)
const LOG_TAIL = 8192;

/** initdb and start; throws (with the server's log) when a binary is missing or it does not start in 30 s. */
export async function startLocalPostgres(opts: LocalPostgresOptions): Promise<LocalPostgres> {
  for (const b of ['initdb', 'postgres']) {
    if (!existsSync(join(opts.bin, b))) throw new Error(`${join(opts.bin, b)} is missing`);
  }
  // its own temp dir: the postgres user must own it, and cannot enter a caller's private one
  const dir = mkdtempSync(join(tmpdir(), opts.prefix ?? 'mmops-pg-'));
  const owned = (path: string) => {
    if (asRoot()) chownSync(path, ...postgresIds());
  };
  const data = join(dir, 'data');
  let proc: ChildProcess | null = null;
  try {
    owned(dir);
    const auth = ['--auth=trust'];
    if (opts.password !== undefined) {
      const pwfile = join(dir, 'pw');
      writeFileSync(pwfile, `${opts.password}\n`);
      owned(pwfile);
      auth.splice(0, 1, '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`);
    }
    const [init, initArgs] = asPostgres(join(opts.bin, 'initdb'), [
      ...['-D', data, '-U', 'postgres', ...auth, '-E', 'UTF8', '--no-sync'],
    ]);
    execFileSync(init, initArgs, { stdio: 'pipe' });
    const settings = Object.entries({ listen_addresses: '127.0.0.1', ...opts.settings }).flatMap(([k, v]) => [
      '-c',
      `${k}=${v}`,
    ]);
    const [cmd, args] = asPostgres(join(opts.bin, 'postgres'), [
      ...['-D', data, '-k', dir, '-p', String(opts.port), ...settings],
    ]);
    const cred = opts.password === undefined ? '' : `:${encodeURIComponent(opts.password)}`;
    const url = `postgres://postgres${cred}@127.0.0.1:${opts.port}/postgres`;
    let log = '';
    const launch = async () => {
      const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      proc = p;
      p.stderr?.on('data', (c: Buffer) => {
        log = (log + c.toString()).slice(-LOG_TAIL);
      });
      await waitAccepting(url, data, p, () => log);
    };
    const exit = async (signal: NodeJS.Signals) => {
      const p = proc;
      if (!p || p.exitCode !== null || p.signalCode !== null) return;
      const exited = new Promise((r) => p.once('exit', r));
      // SIGINT is PostgreSQL's fast shutdown. runuser does not pass SIGINT on: signal the postmaster itself.
      const pid = postmasterPid(data);
      if (pid !== undefined) signalQuietly(pid, signal);
      p.kill(signal);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
      await waitGone(pid);
    };
    await launch();
    return {
      url,
      port: opts.port,
      // the postmaster's children (backends) exit when it dies: the lock file goes stale, not the port
      kill: () => exit('SIGKILL'),
      restart: launch,
      stop: async () => {
        await exit('SIGINT');
        // async: the data dir is thousands of files, and the demo's stop progress line must keep ticking
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    (proc as ChildProcess | null)?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function postgresIds(): [number, number] {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return [id('-u'), id('-g')];
}

// runuser's child is the postmaster: its pid is the first line of postmaster.pid
function postmasterPid(data: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // not started, or gone
    throw err;
  }
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/** Resolves once `pid` has exited, or after 10 s. */
async function waitGone(pid: number | undefined): Promise<void> {
  if (pid === undefined) return;
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return;
      throw err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls until the server takes a connection; throws with its log when it exits or 30 s pass. */
async function waitAccepting(
  url: string,
  data: string,
  proc: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`postgres exited (${proc.exitCode}):\n${log()}`);
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    c.on('error', () => {}); // the connect below rejects with the same error
    try {
      await c.connect();
      // Ours, not another server that took the port first: two demos started at once both found 5432
      // free, and the second's connection check reached the first's server while its own had failed to bind.
      const dir = (await c.query<{ data_directory: string }>('SHOW data_directory')).rows[0]?.data_directory;
      await c.end();
      if (dir === data) return;
      throw new Error(`port taken by the server of ${dir}`);
    } catch (err) {
      await c.end().catch(() => {});
      if (Date.now() > deadline) {
        throw new Error(`postgres did not accept connections in 30 s (${(err as Error).message}):\n${log()}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
