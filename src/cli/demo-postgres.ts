/**
 * The demo's PostgreSQL 15, when Debian's postgresql-15 is installed: initdb into a temp dir, trust on
 * loopback only, a free port (5432 when free). Run as the postgres user when mmops runs as root, since
 * PostgreSQL refuses to run as root.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { type Component, freePort, onPath } from './demo-stack.js';

// Debian installs the server binaries off PATH, by major version.
const DEBIAN_BIN = '/usr/lib/postgresql/15/bin';

/** The directory holding initdb and postgres: $PG_BIN, Debian's 15, or PATH; null when not installed. */
export function postgresBin(): string | null {
  for (const dir of [process.env.PG_BIN, DEBIAN_BIN]) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  }
  const initdb = onPath('initdb');
  return initdb && onPath('postgres') ? join(initdb, '..') : null;
}

const asRoot = () => process.getuid?.() === 0;
const asPostgres = (cmd: string, args: string[]): [string, string[]] =>
  asRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];

/** Starts PostgreSQL when installed; null when it is not. The URL has no password (trust on loopback). */
export async function startDemoPostgres(): Promise<Component | null> {
  const bin = postgresBin();
  if (!bin) return null;
  // its own temp dir: the postgres user must own it, and cannot enter the demo's private one
  const dir = mkdtempSync(join(tmpdir(), 'mmops-demo-pg-'));
  try {
    if (asRoot()) {
      const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
      chownSync(dir, id('-u'), id('-g'));
    }
    const data = join(dir, 'data');
    const [init, initArgs] = asPostgres(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    await execa(init, initArgs, { stdio: 'pipe' });
    const port = await freePort(5432);
    const [cmd, args] = asPostgres(join(bin, 'postgres'), [
      '-D',
      data,
      '-k',
      dir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
    ]);
    const child = execa(cmd, args, { reject: false, stdio: 'ignore' });
    child.catch(() => undefined);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await waitAccepting(port, child);
    return {
      name: 'postgres',
      url,
      async stop() {
        // SIGINT is PostgreSQL's fast shutdown. runuser does not pass SIGINT on, so it goes to the postmaster
        // itself (its pid heads postmaster.pid); its backends follow it.
        const pid = postmasterPid(data);
        if (pid !== undefined) signal(pid, 'SIGINT');
        else child.kill('SIGINT');
        if (!(await gone(pid, 10_000)) && pid !== undefined) signal(pid, 'SIGKILL');
        await Promise.race([child, new Promise((r) => setTimeout(r, 2000))]);
        // async: the data dir is thousands of files, and the demo's stop progress line must keep ticking
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function waitAccepting(port: number, child: { exitCode: number | null }): Promise<void> {
  const { default: pg } = await import('pg');
  for (const until = Date.now() + 30_000; Date.now() < until; ) {
    if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode}`);
    const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    c.on('error', () => {});
    try {
      await c.connect();
      await c.end();
      return;
    } catch {
      await c.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error('postgres did not accept connections within 30 s');
}

function postmasterPid(data: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/** True once `pid` has exited (within `ms`); true at once for no pid. */
async function gone(pid: number | undefined, ms: number): Promise<boolean> {
  if (pid === undefined) return true;
  for (const until = Date.now() + ms; Date.now() < until; ) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
