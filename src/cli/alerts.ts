/** `mmops alerts [--json]`: the merged alerts of Prometheus, Alertmanager and the engine (and who acked them). */
import type { Command } from 'commander';
import type { Config } from '../config/index.js';
import {
  ackNotes,
  ackText,
  alertDoc,
  alertsText,
  anyUnreachable,
  collectAlerts,
  type MergedAlert,
} from '../console/index.js';
import { silenceTargets } from './alert-targets.js';
import { listSilences } from './alerts-silences.js';
import { configFor, printJson } from './config-option.js';
import { EXIT } from './exit.js';
import { reportSourcesDown } from './sources-down.js';

/** The ack of each alert (the console's reading, console/data/ack-note.ts); none when no silences answer. */
async function acksFor(config: Config, alerts: MergedAlert[]) {
  const { silences } = await listSilences(silenceTargets(config), false);
  return ackNotes(alerts, silences);
}

/** Runs the command: exit 3 when a source is unreachable, 1 when an alert fires, else 0. */
export async function run(opts: { json?: boolean }, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const s = await collectAlerts(config);
  const acks = await acksFor(config, s.alerts);
  const code = anyUnreachable(s.sources)
    ? EXIT.unreachable
    : s.state === 'warning' || s.state === 'critical'
      ? EXIT.finding
      : EXIT.ok;
  if (opts.json) {
    // the alert specs (and the alerting room) load only for --json: the text list does not need them
    const lookup = (await import('./alert-levels.js')).alertLevelLookup(config);
    printJson({
      at: new Date(s.at).toISOString(),
      state: s.state,
      exitCode: code,
      sources: s.sources,
      alerts: s.alerts.map((a) => {
        const n = acks.get(a.key);
        return {
          ...alertDoc(a, s.at, lookup),
          ack: n
            ? { ...n, at: new Date(n.at).toISOString(), endsAt: new Date(n.endsAt).toISOString() }
            : null,
        };
      }),
    });
  } else {
    const lines = s.alerts.flatMap((a) => {
      const n = acks.get(a.key);
      return n ? [`  ${a.name}: ${ackText(n, s.at)}: ${n.comment}`] : [];
    });
    process.stdout.write(`${alertsText(s)}\n${lines.length ? `\nacks\n${lines.join('\n')}\n` : ''}`);
  }
  reportSourcesDown(s.sources);
  return code;
}
