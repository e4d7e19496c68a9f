/** Helpers for the long-running commands: wait for Ctrl-C, and make sure the process then really exits. */
import { CliError } from './exit.js';

/** Resolves with the signal's name on the first SIGINT or SIGTERM. */
export function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
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
