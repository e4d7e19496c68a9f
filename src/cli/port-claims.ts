/**
 * Ports claimed by the demos running on this host, so that two demos started in the same second do not
 * both take one. A probe (bind, then close) says a port is free only at that instant: two demos probing
 * 9093 together both found it free, one Alertmanager then failed to bind, and the other demo's readiness
 * check could be answered by the first demo's server. A claim is a file named by the port, created
 * exclusively (O_EXCL, so only one process can make it) and holding the claimant's pid; it lasts while that
 * process lives, and a claim whose process is gone is stale and taken over. The dir is per user: a user
 * cannot remove another's files in a shared temp dir, and against another user's demo the probe stays.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** Where claims live: `<tmp>/mmops-ports-<uid>`. */
export function claimDir(): string {
  return join(tmpdir(), `mmops-ports-${userInfo().uid}`);
}

/** True while `pid` runs (EPERM: it runs as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The ports this process has claimed, each removed when it exits. */
const held = new Set<string>();
let exitHook = false;

function releaseAll(): void {
  for (const file of held) rmSync(file, { force: true });
  held.clear();
}

/**
 * Claims `port` for this process: true when it is ours (newly, or already), false when a live process
 * holds it. When the claims dir cannot be written, the claim is granted: the probe alone decides, as before.
 */
export function claimPort(port: number, dir = claimDir(), pid = process.pid): boolean {
  const file = join(dir, String(port));
  if (held.has(file)) return true;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    return true;
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(pid), { flag: 'wx' });
      held.add(file);
      if (!exitHook) {
        exitHook = true;
        process.once('exit', releaseAll);
      }
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return true;
    }
    const owner = Number.parseInt(readTextOr(file, ''), 10);
    // an empty file is a claim being written this instant: held
    if (!Number.isInteger(owner) || owner === 0 || alive(owner)) return owner === pid;
    rmSync(file, { force: true }); // stale: its process is gone; take it over on the next attempt
  }
  return false;
}

function readTextOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}
