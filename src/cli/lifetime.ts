/** Helpers for the long-running commands: wait for Ctrl-C, and make sure the process then really exits. */
import { holdThroughHangup } from '../console/index.js';
import { CliError } from './exit.js';

/**
 * The signals that stop a long-running command cleanly (the engine stores what it accepted, the demo stops
 * its servers). SIGHUP is the terminal going away: an SSH session that drops, a closed window. Node's
 * default for it is to exit at once (and Node resets an inherited "ignore", nohup's, to that default at
 * start), so a hangup killed `mmops demo` with PostgreSQL left running and its temp dirs behind (tmux
 * kill-session on a running demo).
 */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * The first stop signal from the moment it was made; Node's default action (exit at once) is off meanwhile.
 * After the first, a second SIGINT or SIGTERM takes the default action (it ends a hung stop); a SIGHUP never
 * does again (holdThroughHangup): the stop under way finishes.
 */
export interface SignalLatch {
  /** The signal that came, or null. */
  readonly received: NodeJS.Signals | null;
  /** Resolves with it. */
  readonly wait: Promise<NodeJS.Signals>;
  /** Stops listening: SIGINT and SIGTERM take Node's default action again. Done by itself once one came. */
  dispose(): void;
}

/** Listens from now on. */
export function signalLatch(): SignalLatch {
  holdThroughHangup();
  let received: NodeJS.Signals | null = null;
  let resolve: (sig: NodeJS.Signals) => void = () => {};
  const wait = new Promise<NodeJS.Signals>((r) => {
    resolve = r;
  });
  const dispose = () => {
    for (const sig of STOP_SIGNALS) process.off(sig, on);
  };
  function on(sig: NodeJS.Signals) {
    // Removed after this signal's other handlers ran, not during: execa's signal-exit, listening too once a
    // child was spawned, re-raises the signal (Node's default: exit 130, nothing stopped) when it finds no
    // listener but its own, and a latch made before the first spawn is called before it.
    setImmediate(dispose);
    if (received) return;
    received = sig;
    resolve(sig);
  }
  for (const sig of STOP_SIGNALS) process.on(sig, on);
  return {
    get received() {
      return received;
    },
    wait,
    dispose,
  };
}

/** Resolves with the signal's name on the first stop signal (SIGINT, SIGTERM, SIGHUP). */
export function waitForSignal(): Promise<NodeJS.Signals> {
  return signalLatch().wait;
}

/**
 * After a clean shutdown, stop reading stdin (a readline on it keeps the process alive) and exit within
 * `ms` even if a notifier is still sleeping between retries: the timer is unref'd, so it never delays an
 * exit that would happen anyway.
 */
export function releaseProcess(code: number, ms = 3000): void {
  process.stdin.destroy();
  setTimeout(() => process.exit(code), ms).unref();
}

/** Parses a whole number flag or throws a usage message naming it. */
export function intFlag(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new CliError(`${name} ${value}: expected a whole number >= ${min}`);
  return n;
}
