/** `mmops alerts history [--since 24h] [--json]`: state changes, silences and acks over the range. */
import type { Command } from 'commander';
import { parseDuration } from '../config/index.js';
import { rangeStep } from '../sources/index.js';
import { engineEvents, mergeHistory, promTransitions, silenceEvents } from './alert-history.js';
import { engineAlerts, readClients, silenceTargets } from './alert-targets.js';
import { listSilences } from './alerts-silences.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import { textTable } from './text-table.js';

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
  // up to 10,000 points a series (a 1 s step over 2.7 h, 9 s over a day), under Prometheus' 11,000
  const step = rangeStep(from / 1000, to / 1000, 10_000);
  const [alerts, forState, engine, silences] = await Promise.all([
    c.prometheus.range('ALERTS', from / 1000, to / 1000, step),
    c.prometheus.range('ALERTS_FOR_STATE', from / 1000, to / 1000, step),
    engineAlerts(c.engine),
    listSilences(silenceTargets(config), true),
  ]);
  const errors = [
    ...(alerts.ok ? [] : [{ source: 'prometheus', error: alerts.error }]),
    ...(engine.ok ? [] : [{ source: 'engine', error: engine.error }]),
    ...silences.errors.map((e) => ({ source: e.target, error: e.error })),
  ];
  const events = mergeHistory(
    [
      alerts.ok ? promTransitions(alerts.data, forState.ok ? forState.data : [], step) : [],
      engine.ok ? engineEvents(engine.data.history as never) : [],
      silenceEvents(silences.silences, from, to),
    ],
    from,
    to,
  );
  const code = !alerts.ok && !engine.ok ? EXIT.unreachable : EXIT.ok;
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
