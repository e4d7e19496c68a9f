/**
 * Ports claimed by the demos running on this host, so that two demos started in the same second do not
 * both take one. A probe (bind, then close) says a port is free only at that instant: two demos probing
 * 9093 together both found it free, one Alertmanager then failed to bind, and the other demo's readiness
 * check could be answered by the first demo's server. A claim is a file named by the port, created
 * exclusively (O_EXCL: only one process can make it) and holding the claimant's pid. It lasts while that
 * process lives; a claim whose process is gone (killed with SIGKILL) is stale and taken over. The dir is
 * private to the user (0700, checked): against another user's demo the probe alone decides, as before.
 */
import { linkSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where claims live: `<tmp>/mmops-ports-<uid>` (the uid, not a name: a container's uid may have no passwd entry). */
export function claimDir(): string {
  return join(tmpdir(), `mmops-ports-${process.getuid?.() ?? 'user'}`);
}

const code = (err: unknown) => (err as NodeJS.ErrnoException).code;

/** True while `pid` runs (EPERM: it runs as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return code(err) === 'EPERM';
  }
}

/** A claim being written (empty) is held this long before it counts as left by a process that died. */
const WRITING_MS = 2000;

/** Whether the claim in `file` is stale: its pid no longer runs, or it stayed empty past WRITING_MS. */
function stale(file: string, now = Date.now()): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (code(err) === 'ENOENT') return false; // gone: nothing to take over, the next create decides
    throw err;
  }
  const pid = Number.parseInt(text, 10);
  if (Number.isInteger(pid) && pid > 0) return !alive(pid);
  return now - lstatSync(file).mtimeMs > WRITING_MS;
}

/** Makes `dir` (0700) and checks it is a directory of this user's that no one else can write. */
function privateDir(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if (code(err) !== 'EEXIST') throw err;
  }
  const st = lstatSync(dir);
  const mine = process.getuid === undefined || st.uid === process.getuid();
  if (!st.isDirectory() || !mine || (st.mode & 0o022) !== 0)
    throw new Error(
      `${dir}: the demo's port claims need a directory of this user's that others cannot write`,
    );
}

/** The claims this process made, removed when it exits (each only while it still holds this pid). */
const held = new Set<string>();
let exitHook = false;

function releaseAll(): void {
  for (const file of held) {
    try {
      if (readFileSync(file, 'utf8') === String(process.pid)) rmSync(file, { force: true });
    } catch {
      // already gone (ENOENT), or unreadable: at exit there is no one left to tell, and a claim left
      // behind is stale once this process is gone
    }
  }
  held.clear();
}

/**
 * Takes a stale claim out of the way: renamed aside first, so only one process moves it, then looked at.
 * A live claim moved aside (made since `stale` read the file) is linked back, unless a new one is there.
 */
function takeOver(file: string, pid: number): void {
  const aside = `${file}.${pid}.aside`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if (code(err) === 'ENOENT') return; // another process moved it first
    throw err;
  }
  try {
    if (!stale(aside)) linkSync(aside, file);
  } catch (err) {
    if (code(err) !== 'EEXIST') throw err;
  } finally {
    rmSync(aside, { force: true });
  }
}

/**
 * Claims `port` for this process: true when it is ours (newly, or already), false when a live process
 * holds it. Throws, naming the file, on anything else (a full disk, a dir that is not private).
 */
export function claimPort(port: number, dir = claimDir(), pid = process.pid): boolean {
  const file = join(dir, String(port));
  if (held.has(file)) return true;
  privateDir(dir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(pid), { flag: 'wx' });
    } catch (err) {
      if (code(err) !== 'EEXIST') throw new Error(`port claim ${file}: ${(err as Error).message}`);
      if (!stale(file)) return false;
      takeOver(file, pid);
      continue;
    }
    held.add(file);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', releaseAll);
    }
    return true;
  }
  return false;
}
