/**
 * Runs `mmops` in a real pty (tmux) as the job of a shell that plays the login shell of an SSH session: it
 * leads the session, gets the hangup when the pty goes (tmux kill-server), and passes it on to its job, as
 * an interactive bash does for its jobs. It outlives the job to record its exit code.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alive } from '../../helpers/process.js';
import { BIN, ROOT } from '../../helpers/run-cli.js';
import { tmuxServer } from '../../helpers/tmux.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `mmops <args>` with HOME `dir`. Its stderr goes to dir/err, or stays on the terminal with
 * `stderrOnTerminal` (as over SSH: then the stop's lines meet the hung-up terminal). With `keepPane` the
 * pane outlives the job by a minute, to be read (what the job left on screen); killing the tmux server
 * ends it. Not for hangUp: after a hangup it would run on with no terminal to end it.
 */
export function startInLoginShell(
  dir: string,
  args: string,
  socket: string,
  stderrOnTerminal = false,
  keepPane = false,
) {
  const tmux = tmuxServer(socket, 'login');
  const env = `env -i HOME=${dir} TERM=xterm-256color PATH=${process.env.PATH ?? ''}`;
  const errTo = stderrOnTerminal ? '' : ` 2>${dir}/err`;
  writeFileSync(
    join(dir, 'shell.sh'),
    [
      "trap 'kill -HUP $child 2>/dev/null' HUP",
      `cd ${ROOT}`,
      'exec 3<&0', // the job reads the terminal: bash would give a background job /dev/null
      `${env} ${process.execPath} ${BIN} ${args} <&3${errTo} &`,
      'child=$!',
      `echo $child > ${dir}/pid.tmp && mv ${dir}/pid.tmp ${dir}/pid`,
      'wait $child', // ends early when the trap runs: then wait for the job itself
      'while kill -0 $child 2>/dev/null; do sleep 0.1; done',
      'wait $child',
      `echo $? > ${dir}/exit.tmp && mv ${dir}/exit.tmp ${dir}/exit`, // whole, or not there yet
      ...(keepPane ? ['exec sleep 60'] : []),
    ].join('\n'),
  );
  tmux.run('new-session', '-d', '-s', 'login', '-x', '120', '-y', '40', `bash ${dir}/shell.sh`);
  const file = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');
  // the job gone and its exit code written by the shell, or `ms` passed
  const exited = async (pid: number | null, ms: number) => {
    const t0 = Date.now();
    while (Date.now() - t0 < ms && ((pid !== null && alive(pid)) || !file('exit'))) await sleep(100);
    return file('exit').trim() || null;
  };
  return {
    tmux,
    /** What the job wrote to stderr (empty with `stderrOnTerminal`). */
    err: () => file('err'),
    /** The job's pid (null until the shell has written it). */
    pid: (): number | null => (file('pid') ? Number(file('pid')) : null),
    /** Closes the terminal, then waits up to `ms` for the job to end: its exit code (null: still running). */
    hangUp(ms = 30_000): Promise<string | null> {
      const pid = this.pid();
      tmux.kill();
      return exited(pid, ms);
    },
    /** Sends the job `sig` from outside (kill), the terminal kept: its exit code, as hangUp. */
    signal(sig: NodeJS.Signals, ms = 30_000): Promise<string | null> {
      const pid = this.pid();
      if (pid !== null) process.kill(pid, sig);
      return exited(pid, ms);
    },
  };
}
