/** `mmops alerts history [--since 24h] [--json]`: state changes, silences, acks and runs over the range. */
import type { Command } from 'commander';
import { parseDuration } from '../config/index.js';
import { fetchHistory } from '../console/index.js';
import { readJournal } from '../runbook/index.js';
import { readClients, silenceTargets } from './alert-targets.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import { textTable } from './text-table.js';

/** The journal's runs; a journal that cannot be read is said on stderr (the rest of the history stands). */
function journalRuns(dir: string) {
  try {
    return readJournal(dir).entries;
  } catch (err) {
    process.stderr.write(`mmops: ${(err as Error).message}\n`);
    return [];
  }
}

/** Prints the history; exit 3 when no source answers (a partial history names the missing ones). */
export async function run(opts: { since?: string; json?: boolean }, cmd: Command): Promise<number> {
  let seconds: number;
  try {
    seconds = parseDuration(opts.since ?? '24h');
  } catch (err) {
    throw new CliError(`--since: ${(err as Error).message}`);
  }
  const { config } = configFor(cmd);
  const c = readClients(config);
  const to = Date.now();
  const from = to - seconds * 1000;
  const { events, errors, reachable } = await fetchHistory(
    { prometheus: c.prometheus, engine: c.engine, silences: silenceTargets(config) },
    from,
    to,
    journalRuns(config.runbooks.journal_dir),
  );
  const code = reachable ? EXIT.ok : EXIT.unreachable;
  if (opts.json) {
    printJson({
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      events: events.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
      errors,
    });
    return code;
  }
  for (const e of errors) process.stderr.write(`mmops: ${e.source}: ${e.error}\n`);
  if (events.length === 0) process.stdout.write(`no alert events since ${new Date(from).toISOString()}\n`);
  else {
    const rows = events.map((e) => {
      const labels = Object.entries(e.labels)
        .filter(([k]) => k !== 'alertname')
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      return [new Date(e.at).toISOString(), e.source, e.name, e.event, labels, e.detail];
    });
    process.stdout.write(`${textTable(['at', 'from', 'alert', 'event', 'labels', 'detail'], rows)}\n`);
  }
  return code;
}
