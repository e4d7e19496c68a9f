/**
 * Long-running commands whose terminal goes away (the SSH session drops, the window closes) stop as they
 * do on Ctrl-C. Before, Node's default action for SIGHUP ended `mmops demo` at once and left PostgreSQL
 * running (it takes SIGHUP as "reload") with its data dir behind; and `mmops engine`, once stopped, aborted
 * on exit restoring the hung-up terminal (exit 134, a core file). The real binary runs in a real pty, as
 * the job of a shell that passes the hangup on (helpers/login-shell.ts). A stop signal sent from outside
 * while the demo's console runs stops it the same way.
 */
import { existsSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../engine/helpers/engine.js';
import { alive, descendants } from '../helpers/process.js';
import { startInLoginShell } from './helpers/login-shell.js';
import { eventually } from './helpers/long-running.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// What a failed run would leave: its job (and whatever runs under it) and its dirs.
let started: Array<{ pid: () => number | null; dirs: string[]; remove: () => void; kill: () => void }> = [];
afterEach(async () => {
  for (const s of started) {
    s.kill();
    const pid = s.pid();
    if (pid !== null && alive(pid)) {
      const under = descendants(pid).map((d) => d.pid);
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 100 && alive(pid); i++) await sleep(100);
      for (const p of [pid, ...under].filter(alive)) process.kill(p, 'SIGKILL');
    }
    for (const d of s.dirs) rmSync(d, { recursive: true, force: true });
    s.remove();
  }
  started = [];
});

/** Starts `args` in a login shell of its own; `ready` tells from the pane and stderr when it is up. */
async function start(
  args: string,
  name: string,
  ready: (pane: string, err: string) => boolean,
  stderrOnTerminal = false,
  keepPane = false,
) {
  const home = tempDir('mmops-hangup-');
  const socket = `mmops-hangup-${process.pid}-${name}`;
  const shell = startInLoginShell(home.dir, args, socket, stderrOnTerminal, keepPane);
  const entry = { pid: shell.pid, dirs: [] as string[], remove: home.remove, kill: shell.tmux.kill };
  started.push(entry);
  await eventually(async () => ready(shell.tmux.capture(), shell.err()), 60_000, `${args} up`).catch((e) => {
    throw new Error(`${e}\nstderr:\n${shell.err()}\nscreen:\n${shell.tmux.capture()}`);
  });
  return { shell, dirs: entry.dirs, pid: shell.pid()! };
}

describe('the terminal goes away', () => {
  const cases = [
    { name: 'no-console', args: 'demo --no-console', stderrOnTerminal: false },
    { name: 'console', args: 'demo', stderrOnTerminal: false },
    { name: 'no-console-stderr-on-tty', args: 'demo --no-console', stderrOnTerminal: true },
  ];
  for (const c of cases) {
    it(`mmops ${c.args}${c.stderrOnTerminal ? ', stderr on the terminal' : ''}: stops PostgreSQL, Prometheus and Alertmanager and removes its dirs`, async () => {
      // up: the console drawn, or the last start line printed (on stderr, or in the pane)
      const { shell, dirs, pid } = await start(c.args, c.name, (pane, err) =>
        c.args === 'demo' ? pane.includes('engine ✔') : `${pane}${err}`.includes('simulator sending'),
      );
      const servers = descendants(pid).filter((p) => /postgres -D|prometheus|alertmanager/.test(p.cmd));
      const text = servers.map((s) => s.cmd).join('\n');
      const pgData = /postgres -D (\S+)/.exec(text)?.[1];
      const demoDir = /--storage\.tsdb\.path=(\S+)\/prometheus\//.exec(text)?.[1];
      expect(pgData && demoDir && existsSync(pgData) && existsSync(demoDir), text).toBe(true);
      dirs.push(pgData!, demoDir!);

      const code = await shell.hangUp();
      const err = shell.err();
      expect(alive(pid), err).toBe(false);
      // 0: a clean stop; 129 (128 + SIGHUP): Node's default action; 134: the abort on a hung-up terminal
      expect(code, err).toBe('0');
      if (!c.stderrOnTerminal) expect(err).toMatch(/demo: stopped (\d+)\/\1 in/);
      expect(
        servers.filter((s) => alive(s.pid)).map((s) => s.cmd),
        err,
      ).toEqual([]);
      expect(existsSync(pgData!), pgData).toBe(false);
      expect(existsSync(demoDir!), demoDir).toBe(false);
    }, 120_000);
  }

  // `kill -INT` or `kill -TERM` from another terminal while the demo's console runs (Ctrl-C there is a key):
  // the console gives the terminal back and the demo stops everything. SIGINT took Node's default before:
  // the process ended at once, PostgreSQL kept running and the pane stayed in the alternate screen.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    it(`mmops demo, ${sig} from outside while its console runs: the terminal back, every server stopped`, async () => {
      const { shell, dirs, pid } = await start(
        'demo',
        `console-${sig}`,
        (pane) => pane.includes('engine ✔'),
        false,
        true, // the pane stays after the job: was the terminal given back?
      );
      const servers = descendants(pid).filter((p) => /postgres -D|prometheus|alertmanager/.test(p.cmd));
      const pgData = /postgres -D (\S+)/.exec(servers.map((s) => s.cmd).join('\n'))?.[1];
      expect(pgData && existsSync(pgData), servers.map((s) => s.cmd).join('\n')).toBe(true);
      dirs.push(pgData!);

      const code = await shell.signal(sig);
      const err = shell.err();
      expect(code, err).toBe('0');
      expect(err).toMatch(/demo: stopped (\d+)\/\1 in/);
      expect(shell.tmux.run('display', '-p', '-t', 'login', '#{alternate_on}').trim()).toBe('0');
      expect(
        servers.filter((s) => alive(s.pid)).map((s) => s.cmd),
        err,
      ).toEqual([]);
      expect(existsSync(pgData!), pgData).toBe(false);
    }, 120_000);
  }

  it('mmops engine: stops as on Ctrl-C and exits 0', async () => {
    const { shell } = await start('engine --port 0', 'engine', (pane) => pane.includes('listening on'));
    const code = await shell.hangUp();
    const err = shell.err();
    expect(err).toContain('mmops engine: SIGHUP, shutting down');
    expect(code, err).toBe('0');
  }, 120_000);
});
