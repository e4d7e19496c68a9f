/**
 * The demo's PostgreSQL 15, when Debian's postgresql-15 is installed: the store's local server (initdb into a
 * temp dir, trust on loopback only) on 5432 when free, another free port otherwise.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalPostgres } from '../engine/index.js';
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

/** Starts PostgreSQL when installed; null when it is not. The URL has no password (trust on loopback). */
export async function startDemoPostgres(): Promise<Component | null> {
  const bin = postgresBin();
  if (!bin) return null;
  const start = async (preferred: number) =>
    startLocalPostgres({ bin, port: await freePort(preferred), prefix: 'mmops-demo-pg-' });
  // 5432 found free can be taken before the server binds it (another demo starting at the same moment):
  // then once more, on a port the kernel picks
  const server = await start(5432).catch(() => start(0));
  return { name: 'postgres', url: server.url, stop: server.stop };
}
