/**
 * Runs `mmops` in a real pty (tmux) as the job of a shell that plays the login shell of an SSH session: it
 * leads the session, gets the hangup when the pty goes (tmux kill-server), and passes it on to its job, as
 * an interactive bash does for its jobs. It outlives the job to record its exit code.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT } from './run-cli.js';
import { tmuxServer } from './tmux.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether `pid` runs (a zombie does not). */
export const alive = (pid: number) =>
  existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));

/** Starts `mmops <args>` in `dir` (its HOME; stderr goes to dir/err). */
export function startInLoginShell(dir: string, args: string, socket: string) {
  const tmux = tmuxServer(socket, 'login');
  // The job reads the terminal: bash would give a background job /dev/null.
  writeFileSync(
    join(dir, 'shell.sh'),
    [
      "trap 'kill -HUP $child 2>/dev/null' HUP",
      `cd ${ROOT}`,
      'exec 3<&0',
      `env -i HOME=${dir} TERM=xterm-256color PATH=${process.env.PATH ?? ''} ${process.execPath} ${BIN} ${args} <&3 2>${dir}/err &`,
      'child=$!',
      `echo $child > ${dir}/pid`,
      'wait $child', // ends early when the trap runs: then wait for the job itself
      'while kill -0 $child 2>/dev/null; do sleep 0.1; done',
      'wait $child',
      `echo $? > ${dir}/exit`,
    ].join('\n'),
  );
  tmux.run('new-session', '-d', '-s', 'login', '-x', '120', '-y', '40', `bash ${dir}/shell.sh`);
  const err = () => (existsSync(join(dir, 'err')) ? readFileSync(join(dir, 'err'), 'utf8') : '');
  return {
    tmux,
    err,
    /** The job's pid, once the shell has written it. */
    pid: () => Number(readFileSync(join(dir, 'pid'), 'utf8')),
    /** Closes the terminal, then waits up to `ms` for the job to end: its exit code (null: still running). */
    async hangUp(ms = 30_000): Promise<string | null> {
      const pid = this.pid();
      tmux.kill();
      const t0 = Date.now();
      while (Date.now() - t0 < ms && (alive(pid) || !existsSync(join(dir, 'exit')))) await sleep(100);
      return existsSync(join(dir, 'exit')) ? readFileSync(join(dir, 'exit'), 'utf8').trim() : null;
    },
  };
}
