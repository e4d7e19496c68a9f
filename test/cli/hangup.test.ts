/**
 * Long-running commands whose terminal goes away (the SSH session drops, the window closes) stop as they
 * do on Ctrl-C. Before, Node's default action for SIGHUP ended `mmops demo` at once and left PostgreSQL
 * running (it takes SIGHUP as "reload") with its data dir behind; and `mmops engine`, once stopped, aborted
 * on exit restoring the hung-up terminal (exit 134, a core file). The real binary runs in a real pty, as
 * the job of a shell that passes the hangup on (test/helpers/login-shell.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../engine/helpers/engine.js';
import { alive, startInLoginShell } from '../helpers/login-shell.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every process under `pid`, with its command line. */
function descendants(pid: number): Array<{ pid: number; cmd: string }> {
  const out: Array<{ pid: number; cmd: string }> = [];
  const walk = (p: number) => {
    let children: number[] = [];
    try {
      for (const t of readdirSync(`/proc/${p}/task`))
        children.push(
          ...readFileSync(`/proc/${p}/task/${t}/children`, 'utf8')
            .trim()
            .split(/\s+/)
            .filter(Boolean)
            .map(Number),
        );
    } catch {
      children = []; // gone meanwhile
    }
    for (const c of children) {
      try {
        out.push({ pid: c, cmd: readFileSync(`/proc/${c}/cmdline`, 'utf8').replaceAll('\0', ' ') });
      } catch {
        continue;
      }
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** Polls `ready` for up to a minute; fails with what `show` gives. */
async function until(ready: () => boolean, show: () => string): Promise<void> {
  const end = Date.now() + 60_000;
  while (Date.now() < end && !ready()) await sleep(200);
  expect(ready(), show()).toBe(true);
}

// what a failed run would leave running, and its dirs
let left: number[] = [];
let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const p of left.filter(alive)) process.kill(p, 'SIGTERM');
  for (const c of cleanup) c();
  left = [];
  cleanup = [];
});

describe('the terminal goes away', () => {
  for (const mode of ['--no-console', 'console'] as const) {
    it(`mmops demo ${mode}: stops PostgreSQL, Prometheus and Alertmanager and removes its dirs`, async () => {
      const home = tempDir('mmops-hangup-');
      const shell = startInLoginShell(
        home.dir,
        mode === 'console' ? 'demo' : 'demo --no-console',
        `mmops-hangup-${process.pid}-${mode}`,
      );
      cleanup.push(shell.tmux.kill, home.remove);
      // the console is up (in the pane) or the last start line is printed (on stderr)
      const ready = () =>
        mode === 'console'
          ? shell.tmux.capture().includes('engine ✔')
          : shell.err().includes('simulator sending');
      await until(ready, () => shell.err() + shell.tmux.capture());
      const pid = shell.pid();
      const servers = descendants(pid).filter((p) => /postgres -D|prometheus|alertmanager/.test(p.cmd));
      left = [pid, ...servers.map((s) => s.pid)];
      const pgData = /postgres -D (\S+)/.exec(servers.map((s) => s.cmd).join('\n'))?.[1];
      expect(pgData && existsSync(pgData), servers.map((s) => s.cmd).join('\n')).toBe(true);

      const code = await shell.hangUp();
      const err = shell.err();
      expect(alive(pid), err).toBe(false);
      // 0: a clean stop; 129 (128 + SIGHUP): Node's default action; 134: the abort on a hung-up terminal
      expect(code, err).toBe('0');
      expect(err).toMatch(/demo: stopped (\d+)\/\1 in/);
      expect(
        servers.filter((s) => alive(s.pid)).map((s) => s.cmd),
        err,
      ).toEqual([]);
      expect(existsSync(pgData!), pgData).toBe(false);
    }, 120_000);
  }

  it('mmops engine: stops as on Ctrl-C and exits 0', async () => {
    const home = tempDir('mmops-hangup-');
    const shell = startInLoginShell(home.dir, 'engine --port 0', `mmops-hangup-${process.pid}-engine`);
    cleanup.push(shell.tmux.kill, home.remove);
    await until(
      () => shell.tmux.capture().includes('listening on'),
      () => shell.err() + shell.tmux.capture(),
    );
    left = [shell.pid()];
    const code = await shell.hangUp();
    const err = shell.err();
    expect(err).toContain('mmops engine: SIGHUP, shutting down');
    expect(code, err).toBe('0');
  }, 60_000);
});
