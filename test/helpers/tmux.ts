/** A tmux server of the test's own (its own socket, no user config): run commands, read and drive a pane. */
import { execFileSync } from 'node:child_process';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Throws when tmux is missing: npm test's pretest installs it, and a missing binary fails, never skips. */
export function requireTmux(): void {
  try {
    execFileSync('tmux', ['-V']);
  } catch {
    throw new Error("tmux is missing: install the Debian package tmux (npm test's pretest does it as root)");
  }
}

/** The server on `socket`, driving the session `session`. */
export function tmuxServer(socket: string, session: string) {
  requireTmux();
  const run = (...args: string[]) =>
    execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  const capture = () => run('capture-pane', '-p', '-t', session);
  const keys = (...k: string[]) => run('send-keys', '-t', session, ...k);
  /**
   * Polls the pane until `test` holds on a settled screen; throws with the last screen after `ms`. Settled:
   * the same on a second look 50 ms later. A frame that changes most rows is one large write, which tmux
   * can take in pieces, and a capture between them showed the new view above the old footer (CI, 2026-12-06).
   */
  const waitFor = async (test: (screen: string) => boolean, what: string, ms = 15_000) => {
    const until = Date.now() + ms;
    let screen = '';
    while (Date.now() < until) {
      screen = capture();
      if (test(screen)) {
        await sleep(50);
        const again = capture();
        if (again === screen) return screen;
        continue;
      }
      await sleep(100);
    }
    throw new Error(`tmux: timed out waiting for ${what}; the screen was:\n${screen}`);
  };
  const kill = () => {
    try {
      run('kill-server');
    } catch {
      // already gone
    }
  };
  return { run, capture, keys, waitFor, kill };
}
