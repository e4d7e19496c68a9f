/** `mmops status [--json] [--watch SECONDS]`: the console's panel models as plain text, no Ink. */
import type { Command } from 'commander';
import {
  anyUnreachable,
  collectStatus,
  type StatusSnapshot,
  statusJson,
  statusText,
} from '../console/index.js';
import { levelBook } from '../monitor/index.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import { reportSourcesDown } from './sources-down.js';

/** Exit code of a snapshot: 3 when a source is unreachable, 1 on warning or critical, else 0. */
export function statusExitCode(s: Pick<StatusSnapshot, 'overall' | 'sources'>): number {
  if (anyUnreachable(s.sources)) return EXIT.unreachable;
  return s.overall === 'warning' || s.overall === 'critical' ? EXIT.finding : EXIT.ok;
}

/** Runs the command; resolves to the exit code of the last report. */
export async function run(opts: { json?: boolean; watch?: string }, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const watch = opts.watch === undefined ? null : Number(opts.watch);
  if (watch !== null && !(watch > 0))
    throw new CliError(`--watch ${opts.watch}: expected a number of seconds > 0`);
  // the alert specs (and the alerting room) load only for --json: the text report does not need them
  const lookup = opts.json ? (await import('./alert-levels.js')).alertLevelLookup(config) : undefined;
  const once = async () => {
    const s = await collectStatus(config, levelBook(config));
    const code = statusExitCode(s);
    if (opts.json) {
      const doc = statusJson(s, code, lookup);
      if (watch === null) printJson(doc);
      else process.stdout.write(`${JSON.stringify(doc)}\n`);
    } else {
      if (watch !== null && process.stdout.isTTY) process.stdout.write('\x1b[H\x1b[2J');
      process.stdout.write(`${statusText(s)}\n`);
      if (watch !== null && !process.stdout.isTTY) process.stdout.write('\n');
    }
    if (watch === null) reportSourcesDown(s.sources);
    return code;
  };
  let code = await once();
  if (watch === null) return code;
  let stop = false;
  const onSignal = () => {
    stop = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  while (!stop) {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, watch * 1000);
      const wake = () => {
        clearTimeout(t);
        resolve();
      };
      process.once('SIGINT', wake);
      process.once('SIGTERM', wake);
    });
    if (!stop) code = await once();
  }
  return code;
}
