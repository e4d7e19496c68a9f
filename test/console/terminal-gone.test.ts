/**
 * When the terminal goes away (the SSH session drops, tmux is killed) the console must exit, not spin.
 * The real binary runs in a real pty (tmux) against the fixture servers; then tmux goes away.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive } from '../helpers/process.js';
import { ROOT } from '../helpers/run-cli.js';
import { tmuxServer } from '../helpers/tmux.js';
import { ENTRY } from './cli-runner.js';
import { serveFixtures } from './serve-fixtures.js';

let fx: Awaited<ReturnType<typeof serveFixtures>>;
beforeAll(async () => {
  fx = await serveFixtures();
});
afterAll(() => fx?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** CPU seconds (utime + stime) of `pid`. */
const cpuSeconds = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};

/**
 * Starts the console in its own tmux server. The pane's shell ignores SIGHUP, so it outlives tmux and
 * records the console's exit code; an inner shell writes the console's pid and execs it (`setsid` first
 * when `noHangup`: the console then leads a session of its own, gets no SIGHUP from the pty or from tmux,
 * and only sees its terminal vanish: reads end, writes fail).
 */
async function startInTmux(noHangup: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'mmops-gone-'));
  const socket = `mmops-gone-${process.pid}-${noHangup ? 'eio' : 'hup'}`;
  const tmux = tmuxServer(socket, 'gone').run;
  const env = Object.entries({ ...fx.env, HOME: dir, TERM: 'xterm-256color', PATH: process.env.PATH ?? '' })
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const exec = `${noHangup ? 'exec setsid' : 'exec'} env -i ${env} ${process.execPath} ${ENTRY} console`;
  const inner = `echo $$ > ${dir}/pid; ${exec}`;
  const cmd = `cd ${ROOT}; trap '' HUP; sh -c '${inner}'; echo $? > ${dir}/exit`;
  tmux('new-session', '-d', '-s', 'gone', '-x', '100', '-y', '30', cmd);
  const until = Date.now() + 20_000;
  let screen = '';
  while (Date.now() < until) {
    screen = tmux('capture-pane', '-p', '-t', 'gone');
    if (screen.includes('engine ✔')) break;
    await sleep(100);
  }
  expect(screen, 'the console came up').toContain('engine ✔');
  const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
  return { pid, dir, tmux };
}

/** Waits up to `ms` for the console to exit; returns how long it took and its exit code. */
async function waitExit(pid: number, dir: string, ms = 5000) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms && alive(pid)) await sleep(50);
  const took = Date.now() - t0;
  while (Date.now() - t0 < ms + 1000 && !existsSync(join(dir, 'exit'))) await sleep(50);
  const code = existsSync(join(dir, 'exit')) ? Number(readFileSync(join(dir, 'exit'), 'utf8')) : null;
  return { took, code, alive: alive(pid) };
}

describe('the terminal goes away', () => {
  it('tmux kill-server (SIGHUP, then the pty closes): the console exits within seconds', async () => {
    const { pid, dir, tmux } = await startInTmux(false);
    tmux('kill-server');
    const r = await waitExit(pid, dir);
    if (r.alive) process.kill(pid, 'SIGKILL');
    // alive: still running after 5 s; code 134: the abort on exit (see src/console/components/tty-release.ts)
    expect(r).toMatchObject({ alive: false, code: 0 });
  });

  it('the pty vanishes with no SIGHUP at all (its own session): it still exits', async () => {
    const { pid, dir, tmux } = await startInTmux(true);
    tmux('kill-server');
    const r = await waitExit(pid, dir);
    let spun = 0;
    if (r.alive) {
      const c0 = cpuSeconds(pid);
      await sleep(1000);
      spun = cpuSeconds(pid) - c0;
      process.kill(pid, 'SIGKILL');
    }
    expect(r.alive, `still running after 5 s (CPU ${spun} s in the next second)`).toBe(false);
    // 0, not 134: Node 20 aborts at exit when it cannot restore a hung-up tty, unless we let go of it
    expect(r.code).toBe(0);
  });
});
