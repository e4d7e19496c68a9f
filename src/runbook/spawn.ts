/**
 * The shell spawner: `bash -c <code>` via execa, no shell interpolation of inputs (params and labels arrive
 * only as environment variables). Each command gets its own process group (detached), so a timeout or an
 * abort kills the whole tree with kill(-pgid): first SIGTERM, then SIGKILL after a grace period.
 */
import { spawn } from 'node:child_process';
import type { Spawn, SpawnBackground } from './kinds/types.js';
import { CappedOutput } from './output.js';

/** How long a process group gets between SIGTERM and SIGKILL. */
export const KILL_GRACE_MS = 2000;

// Process groups still running; killed if mmops itself exits (execa's cleanup does not cover detached).
const live = new Set<number>();
let hooked = false;
function track(pid: number): void {
  live.add(pid);
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const p of live) killGroup(p, 'SIGKILL');
  });
}

/** Sends `signal` to the process group `pid`; a group that is already gone is not an error. */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group has exited
  }
}

/** True while any process of group `pid` exists (signal 0 probes without sending). */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

// SIGTERM to what the step left in its group, and SIGKILL after the grace period to what ignored it; the
// timer does not keep mmops alive (its exit hook kills tracked groups anyway).
function endGroup(pid: number): void {
  if (!groupAlive(pid)) return;
  killGroup(pid, 'SIGTERM');
  setTimeout(() => {
    killGroup(pid, 'SIGKILL');
    live.delete(pid);
  }, KILL_GRACE_MS).unref();
}

/** Runs `bash -c code` in a new process group, streaming and capping its output. */
export const spawnShell: Spawn = async (code, opts) => {
  // execa loads on the first step, not with the runbook room: the console lists runbooks without it.
  const { execa } = await import('execa');
  if (opts.interactive) {
    const r = await execa('bash', ['-c', code], {
      env: opts.env,
      extendEnv: false,
      cwd: opts.cwd,
      stdio: 'inherit',
      reject: false,
    });
    return { exitCode: r.exitCode ?? null, timedOut: false, stdout: '', stderr: '', ...failure(r) };
  }
  const sub = execa('bash', ['-c', code], {
    env: opts.env,
    extendEnv: false,
    cwd: opts.cwd,
    detached: true,
    stdin: 'ignore',
    buffer: false,
    reject: false,
  });
  const out = { stdout: new CappedOutput(opts.outputCap), stderr: new CappedOutput(opts.outputCap) };
  for (const stream of ['stdout', 'stderr'] as const) {
    const s = sub[stream];
    s?.setEncoding('utf8');
    s?.on('data', (chunk: string) => {
      out[stream].append(chunk);
      opts.onOutput(chunk, stream);
    });
  }
  const pid = sub.pid;
  let timedOut = false;
  let force: NodeJS.Timeout | undefined;
  const stop = () => {
    if (pid === undefined) return;
    killGroup(pid, 'SIGTERM');
    force = setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, opts.timeoutMs);
  const onAbort = () => stop();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (pid !== undefined) track(pid);
  // When the step's shell exits, the step is over: whatever it left in its group (`nohup daemon &`) is ended
  // too, as on a timeout (issue 17, defect 14). Done on exit, not after the streams close: a child still
  // holding stdout would otherwise keep the step open. A step that means to leave a process running says
  // `background: true`; `setsid` (a new session, so a new group) escapes this, as README says.
  sub.once('exit', () => {
    if (pid !== undefined) endGroup(pid);
  });
  const r = await sub;
  clearTimeout(timer);
  clearTimeout(force);
  opts.signal?.removeEventListener('abort', onAbort);
  if (pid !== undefined) {
    // The leader is gone; anything it left in its group after a kill goes too (a child that ignored SIGTERM).
    if (timedOut || opts.signal?.aborted) killGroup(pid, 'SIGKILL');
    else if (!groupAlive(pid)) live.delete(pid); // else endGroup's SIGKILL, or mmops' exit, finishes it
  }
  return {
    exitCode: r.exitCode ?? null,
    ...(r.signal ? { signal: r.signal } : {}),
    timedOut,
    stdout: out.stdout.text(),
    stderr: out.stderr.text(),
    ...failure(r),
  };
};

// execa's message when the command could not start at all (no exit code and no signal).
function failure(r: { exitCode?: number; signal?: string; failed: boolean; message?: string }): {
  error?: string;
} {
  return r.failed && r.exitCode === undefined && !r.signal && r.message
    ? { error: r.message.split('\n')[0] }
    : {};
}

/** Starts `bash -c code` in its own group without waiting; output is discarded. */
export const spawnBackgroundShell: SpawnBackground = (code, opts) => {
  // node's spawn, not execa: this must return the pid at once, and nothing of the output is kept
  const sub = spawn('bash', ['-c', code], {
    env: opts.env,
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    detached: true,
    stdio: 'ignore',
  });
  sub.on('error', () => {}); // no bash, a missing cwd: the step's process is simply gone
  const pid = sub.pid ?? -1;
  if (pid > 0) track(pid);
  sub.on('exit', () => live.delete(pid));
  return {
    pid,
    stop: () => {
      if (pid > 0) killGroup(pid, 'SIGTERM');
    },
  };
};
